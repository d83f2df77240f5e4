import Testing
import SimKernel
@testable import WardModel

@Suite("Conservation and invariants")
struct ConservationTests {
    /// The baseline with every reform and behaviour switched on, so every
    /// code path (booked slots, no-shows, AI hand-on, online work, centre,
    /// balking, reneging, absent calls, rework, dedicated counters) runs.
    static var everything: WardScenario {
        var s = WardScenario.exampleBaseline
        s.procedures[1].channels.booked = 0.3
        s.procedures[4].channels.booked = 0.2
        s.procedures[6].channels.aiAssistant = 0.4
        s.offices[0].sections[0].bookedCounters = 1
        s.offices[0].sections[0].counters += 1
        s.offices[0].sections[1].discipline = .bookedFirst
        s.interventions.reservations = Reservations()
        s.interventions.aiAssistant = AIAssistant()
        s.interventions.backofficeCentre = { var c = BackofficeCentre(); c.procedures = ["move_in"]; c.staff = 2; return c }()
        s.interventions.smartphoneHelpers = SmartphoneHelpers()
        s.interventions.convenienceStore = ConvenienceStoreIssuance()
        s.behaviour.absentWhenCalled = 0.05
        s.behaviour.balkThreshold = 15
        s.behaviour.balkProbability = 0.5
        s.behaviour.patience = .lognormal(mean: 40, sd: 20)
        return s
    }

    func checkCounts(_ k: ReplicationKPIs, _ kind: KPIScopeKind, _ scope: String) throws {
        func v(_ n: String) throws -> Double { try #require(k.value(kind, scope, n), "\(scope) \(n)") }
        let demand = try v("demand"), deflected = try v("deflected"), noShows = try v("no_shows"), visits = try v("visits")
        #expect(demand == deflected + noShows + visits, "\(scope): demand \(demand) ≠ deflected \(deflected) + no-shows \(noShows) + visits \(visits)")
        let served = try v("served"), reneged = try v("reneged"), balked = try v("balked")
        #expect(visits == served + reneged + balked, "\(scope): visits \(visits) ≠ served \(served) + reneged \(reneged) + balked \(balked)")
        #expect(try v("unserved") == 0)
        let busy = try v("staff_busy_hours"), duty = try v("staff_on_duty_hours")
        #expect(busy <= duty + 1e-9, "\(scope): staff busy \(busy) h longer than on duty \(duty) h")
        let online = try v("online_applications"), done = try v("online_done")
        #expect(online >= done)
        let lobbyMean = try v("lobby_occupancy_mean"), lobbyMax = try v("lobby_occupancy_max")
        #expect(lobbyMean >= 0 && lobbyMean <= lobbyMax)
    }

    @Test("Every arrival ends served, reneged or balked; demand = visits + deflected + no-shows")
    func countsAddUp() throws {
        let sim = try WardSimulator(scenario: ConservationTests.everything)
        var sawReneged = false, sawBalked = false, sawNoShow = false, sawAbsent = false, sawBooked = false
        for (r, day) in [DayType.ordinary, .monday, .afterHoliday, .peak].enumerated() {
            let k = sim.runReplication(r, seed: 5, days: .single(day))
            #expect(k.invariantViolations == 0, "invariant breaches on a \(day) day")
            try checkCounts(k, .city, "city")
            try checkCounts(k, .office, "八幡西区")
            sawReneged = sawReneged || (k.city("reneged") ?? 0) > 0
            sawBalked = sawBalked || (k.city("balked") ?? 0) > 0
            sawNoShow = sawNoShow || (k.city("no_shows") ?? 0) > 0
            sawAbsent = sawAbsent || (k.city("absent_calls") ?? 0) > 0
            sawBooked = sawBooked || (k.city("booked_visits") ?? 0) > 0
            // Per-procedure channel demand adds up to the procedure's demand.
            for p in sim.compiled.procedureIDs {
                let total = try #require(k.value(.procedure, p, "demand"))
                let parts = ["walk_in", "booked", "online", "convenience_store", "ai_resolved", "ai_handed_on"]
                    .map { k.value(.procedure, p, "demand_\($0)") ?? .nan }.reduce(0, +)
                #expect(total == parts, "\(p): \(total) vs \(parts)")
            }
            // Visit channels partition the visits.
            let byChannel = ["walk_in", "booked", "ai_assistant"].map { k.value(.channel, $0, "visits") ?? .nan }.reduce(0, +)
            #expect(byChannel == k.city("visits"))
            // Staff hours per section: busy ≤ on duty, utilisation ≤ 1.
            for s in ["shimin", "hoken", "kodomo"] {
                let u = try #require(k.value(.section, "八幡西区/\(s)", "utilisation"))
                #expect(u >= 0 && u <= 1, "\(s) utilisation \(u)")
            }
            let centre = try #require(k.city("centre_utilisation"))
            #expect(centre > 0 && centre <= 1)
        }
        #expect(sawReneged && sawBalked && sawNoShow && sawAbsent && sawBooked, "not every behaviour was exercised")
    }

    @Test("Booked slots are capped by slots per hour; the rest walks in")
    func slotCapacity() throws {
        var s = WardScenario.exampleBaseline
        s.procedures[0].channels = ChannelShares(booked: 0.9)          // far more bookings than slots
        var r = Reservations()
        r.slotLength = .minutes(15); r.slotsPerHour = 6                 // 1.5 a slot: 1, 2, 1, 2, …
        s.interventions.reservations = r
        s.offices[0].sections[0].discipline = .bookedFirst
        let sim = try WardSimulator(scenario: s)
        for rep in 0..<3 {
            let k = sim.runReplication(rep, seed: 8)
            // 08:30–17:15 with 15-minute slots: 35 slot starts × 1.5 = 52 (⌊35 × 1.5⌋).
            let used = (k.city("booked_visits") ?? .nan) + (k.city("no_shows") ?? .nan)
            #expect(used == 52, "booked visits + no-shows = \(used)")
            #expect((k.city("booked_overflow") ?? 0) > 100)
            #expect(k.invariantViolations == 0)
        }
    }

    @Test("A fiscal-year run keeps the invariants every day and reports annual totals")
    func yearRun() throws {
        var sim = try WardSimulator(scenario: ConservationTests.everything)
        sim.hourlyRows = false
        let k = sim.runReplication(0, seed: 11, days: .fiscalYear)
        #expect(k.days == 241)
        #expect(k.invariantViolations == 0)
        try checkCounts(k, .city, "city")
        #expect(k.daily.count == 241)
        let served = k.daily.reduce(0) { $0 + $1.served }
        #expect(Double(served) == k.city("served"))
        // Peak and after-holiday days bring more demand than ordinary days.
        func meanDemand(_ t: DayType) -> Double {
            let d = k.daily.filter { $0.dayType == t }
            return Double(d.reduce(0) { $0 + $1.demand }) / Double(d.count)
        }
        #expect(meanDemand(.afterHoliday) > meanDemand(.monday))
        #expect(meanDemand(.monday) > meanDemand(.ordinary))
        #expect(meanDemand(.peak) > meanDemand(.ordinary))
    }

    @Test("Several offices are reported separately and add up to the city")
    func cityOfOffices() throws {
        var sim = try WardSimulator(scenario: .exampleCity)
        sim.hourlyRows = false
        let k = sim.runReplication(0, seed: 3)
        #expect(k.invariantViolations == 0)
        var served = 0.0, demand = 0.0
        for o in sim.compiled.officeNames {
            try checkCounts(k, .office, o)
            served += try #require(k.value(.office, o, "served"))
            demand += try #require(k.value(.office, o, "demand"))
        }
        #expect(served == k.city("served"))
        #expect(demand == k.city("demand"))
        // Bigger wards see more demand.
        let big = try #require(k.value(.office, "八幡西区", "demand")), small = try #require(k.value(.office, "戸畑区", "demand"))
        #expect(big > small)
    }
}
