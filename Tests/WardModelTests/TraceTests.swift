import Testing
import SimKernel
@testable import WardModel

@Suite("Trace: per-citizen records and 15-minute levels")
struct TraceTests {
    static func same(_ a: ReplicationKPIs, _ b: ReplicationKPIs) -> Bool {
        a.rows.count == b.rows.count && a.citizensSimulated == b.citizensSimulated
            && zip(a.rows, b.rows).allSatisfy {
                $0.scopeKind == $1.scopeKind && $0.scope == $1.scope && $0.name == $1.name
                    && $0.value.bitPattern == $1.value.bitPattern
            }
    }

    @Test("Tracing leaves every KPI bit-identical (golden day, every code path, every day type, a year)")
    func kpisUnchanged() throws {
        let golden = try GoldenDayTests.day()
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path("baseline"))
        var traced = try WardSimulator(scenario: loaded.scenario)
        traced.tracing = true
        let g = traced.runReplication(0, seed: 20_260_401, days: .single(.ordinary))
        #expect(g.trace != nil)
        #expect(GoldenDayTests.fingerprint(g.rows) == GoldenDayTests.fingerprint(golden.rows))
        #expect(Self.same(g, golden))

        let sim = try WardSimulator(scenario: ConservationTests.everything)
        for (r, day) in [DayType.ordinary, .monday, .afterHoliday, .peak].enumerated() {
            let off = sim.runReplication(r, seed: 5, days: .single(day))
            let on = sim.runReplication(r, seed: 5, days: .single(day), trace: true)
            #expect(off.trace == nil && on.trace != nil)
            #expect(Self.same(off, on), "tracing changed the KPIs of a \(day) day")
        }
        var year = try WardSimulator(scenario: .exampleBaseline)
        year.hourlyRows = false
        let off = year.runReplication(1, seed: 3, days: .fiscalYear)
        let on = year.runReplication(1, seed: 3, days: .fiscalYear, trace: true)
        #expect(Self.same(off, on), "tracing changed the KPIs of a fiscal year")
        #expect(off.daily == on.daily)
        #expect(on.trace.map { Set($0.citizens.map(\.day)).count } == on.days)
    }

    @Test("One record per demand; outcomes add up to the KPI counts; arrival ≤ first call ≤ departure")
    func citizenRecords() throws {
        let sim = try WardSimulator(scenario: ConservationTests.everything)
        var seen = Set<CitizenOutcome>()
        for (r, day) in [DayType.ordinary, .peak].enumerated() {
            let k = sim.runReplication(r, seed: 5, days: .single(day), trace: true)
            let trace = try #require(k.trace)
            for (o, name) in trace.officeNames.enumerated() {
                let mine = trace.citizens.filter { Int($0.office) == o }
                func count(_ outcomes: CitizenOutcome...) -> Double {
                    Double(mine.filter { outcomes.contains($0.outcome) }.count)
                }
                #expect(Double(mine.count) == k.value(.office, name, "demand"), "\(name): records vs demand")
                #expect(Double(mine.filter(\.outcome.cameToOffice).count) == k.value(.office, name, "visits"))
                #expect(count(.served) == k.value(.office, name, "served"))
                #expect(count(.reneged) == k.value(.office, name, "reneged"))
                #expect(count(.balked) == k.value(.office, name, "balked"))
                #expect(count(.deflected) == k.value(.office, name, "deflected"))
                #expect(count(.noShow) == k.value(.office, name, "no_shows"))
                #expect(count(.unserved) == 0)
                #expect(mine.map(\.number) == Array(0..<Int32(mine.count)), "\(name): numbers are not 0, 1, 2, …")
                // Time in office of the served: the KPI is the mean of exactly these.
                let served = mine.filter { $0.outcome == .served }
                let tio = served.reduce(0.0) { $0 + Double(($1.departure - $1.arrival).milliseconds) / 60_000 }
                    / Double(served.count)
                let kpi = try #require(k.value(.office, name, "time_in_office_mean"))
                #expect(abs(tio - kpi) <= 1e-9 * kpi, "\(name): time in office \(tio) vs KPI \(kpi)")
                // Channels of the visits match the channel KPIs.
                for ch in [TraceChannel.walkIn, .booked, .aiAssistant] {
                    let n = Double(mine.filter { $0.outcome.cameToOffice && $0.channel == ch }.count)
                    #expect(n == k.value(.channel, "\(name)/\(ch.name)", "visits"), "\(name) \(ch.name) visits")
                }
            }
            // One issue per broken rule (with its first offender), not one per citizen.
            var broken: [String: (count: Int, first: CitizenTrace)] = [:]
            func check(_ ok: Bool, _ rule: String, _ c: CitizenTrace) {
                if !ok { broken[rule, default: (0, c)].count += 1 }
            }
            for c in trace.citizens {
                seen.insert(c.outcome)
                check(c.arrival <= c.departure, "arrival ≤ departure", c)
                if let call = c.firstCall { check(c.arrival <= call && call <= c.departure, "arrival ≤ call ≤ departure", c) }
                switch c.outcome {
                case .served: check(c.firstCall != nil, "served ⇒ called", c)
                case .balked, .deflected, .noShow:
                    check(c.firstCall == nil && c.arrival == c.departure, "\(c.outcome) ⇒ never called, no stay", c)
                case .reneged: check(c.firstCall == nil && c.arrival < c.departure, "reneged ⇒ never called, waited", c)
                case .unserved: break
                }
                if c.outcome == .deflected {
                    check([.online, .convenienceStore, .aiResolved].contains(c.channel), "deflected ⇒ remote channel", c)
                }
                if c.outcome == .noShow { check(c.channel == .booked, "no-show ⇒ booked", c) }
            }
            for (rule, b) in broken.sorted(by: { $0.key < $1.key }) {
                Issue.record("\(day) day: \(b.count) records break \(rule), e.g. \(b.first)")
            }
        }
        #expect(seen == [.served, .reneged, .balked, .deflected, .noShow], "outcomes seen: \(seen)")
    }

    @Test("Levels: one row per 15 minutes per section and office over the open day; means match the hourly KPIs")
    func levels() throws {
        let sim = try WardSimulator(scenario: ConservationTests.everything)
        let k = sim.runReplication(2, seed: 5, days: .single(.ordinary), trace: true)
        let trace = try #require(k.trace)
        let step = ReplicationTrace.interval.milliseconds
        for (o, name) in trace.officeNames.enumerated() {
            let office = sim.scenario.offices[o]
            let lastOut: Int64 = trace.citizens.filter { Int($0.office) == o && $0.outcome.cameToOffice }
                .map(\.departure.milliseconds).max() ?? 0
            let first: Int64 = office.opens.milliseconds / step * step
            let end: Int64 = max(office.doorsClose.milliseconds, lastOut)
            let last: Int64 = (end + step - 1) / step * step
            var expected: [Int64] = []
            var t = first
            while t < last { expected.append(t); t += step }
            #expect(expected.count >= 35, "\(name): open day of \(expected.count) quarters")
            let rows = trace.levels.filter { Int($0.office) == o }
            let sections = trace.sectionOffices.indices.filter { trace.sectionOffices[$0] == o }
            for s in sections.map(Int16.init) + [-1] {
                let mine = rows.filter { $0.section == s }
                #expect(mine.map(\.start.milliseconds) == expected, "\(name) section \(s): interval starts")
                #expect(mine.allSatisfy { $0.queue >= 0 && $0.staffBusy >= 0 && $0.staffBusy <= $0.staffOnDuty + 1e-9 })
                #expect(mine.allSatisfy { s < 0 ? $0.lobby >= 0 : $0.lobby.isNaN })
            }
            // The office row adds up its sections.
            for (i, row) in rows.enumerated() where row.section == -1 {
                let parts = rows[..<i].filter { $0.section >= 0 && $0.start == row.start }
                #expect(abs(parts.reduce(0) { $0 + $1.queue } - row.queue) < 1e-9)
                #expect(abs(parts.reduce(0) { $0 + $1.staffOnDuty } - row.staffOnDuty) < 1e-9)
            }
            // Four quarters average to the hourly KPI of the hour.
            func hourMean(_ section: Int16, _ h: Int, _ value: (LevelSample) -> Double) -> Double {
                let inHour = rows.filter { $0.section == section && Int($0.start.milliseconds / 3_600_000) == h }
                return inHour.count == 4 ? inHour.map(value).reduce(0, +) / 4 : .nan
            }
            var compared = 0
            for h in 9..<17 {
                let label = h < 10 ? "h0\(h)" : "h\(h)"
                let lobby = try #require(k.value(.office, name, "lobby_occupancy_\(label)"))
                #expect(abs(hourMean(-1, h, \.lobby) - lobby) <= 1e-9 * max(1, lobby), "\(name) \(label) lobby")
                for s in sections {
                    let scope = "\(name)/\(trace.sectionIDs[s])"
                    let queue = try #require(k.value(.section, scope, "queue_length_\(label)"))
                    let duty = try #require(k.value(.section, scope, "staff_on_duty_\(label)"))
                    let q = hourMean(Int16(s), h, \.queue), d = hourMean(Int16(s), h, \.staffOnDuty)
                    #expect(abs(q - queue) <= 1e-9 * max(1, queue), "\(scope) \(label): queue \(q) vs KPI \(queue)")
                    #expect(abs(d - duty) <= 1e-9 * max(1, duty), "\(scope) \(label): on duty \(d) vs KPI \(duty)")
                    if let u = k.value(.section, scope, "utilisation_\(label)"), u.isFinite {
                        let b = hourMean(Int16(s), h, \.staffBusy)
                        #expect(abs(b / d - u) <= 1e-9, "\(scope) \(label): utilisation \(b / d) vs KPI \(u)")
                    }
                    compared += 1
                }
            }
            #expect(compared >= 8 * sections.count)
            #expect(rows.contains { $0.section >= 0 && $0.queue > 1 }, "\(name): the queues never grew: a flat series")
        }
    }

    @Test("A traced year keeps one set of records per working day, with no state leaking between days")
    func yearTrace() throws {
        var sim = try WardSimulator(scenario: .exampleBaseline)
        sim.hourlyRows = false
        sim.tracing = true
        let k = sim.runReplication(0, seed: 2, days: .fiscalYear)
        let trace = try #require(k.trace)
        #expect(Double(trace.citizens.count) == k.city("demand"))
        var byDay: [Int32: Int] = [:]
        for c in trace.citizens { byDay[c.day, default: 0] += 1 }
        for d in k.daily { #expect(byDay[Int32(d.ordinal)] == d.demand, "day \(d.ordinal)") }
        let served = trace.citizens.filter { $0.outcome == .served }
        #expect(served.allSatisfy { $0.firstCall != nil })
        #expect(Double(served.count) == k.city("served"))
        let days = Set(trace.levels.map(\.day))
        #expect(days.count == k.days)
    }
}
