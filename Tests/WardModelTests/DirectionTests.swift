import Testing
import SimKernel
@testable import WardModel

/// Each reform, run against the baseline with common random numbers, must
/// move the KPI it acts on in the right direction, with a paired 95 %
/// interval that excludes zero.
@Suite("Direction tests with common random numbers")
struct DirectionTests {
    let base = WardScenario.exampleBaseline
    let office = "八幡西区"

    func expectDecrease(_ p: (base: [Double], other: [Double]), _ what: String) {
        let d = ConfidenceInterval.pairedDifference(base: p.base, other: p.other)
        #expect(d.high < 0, "\(what) should fall: paired difference \(d) (base mean \(mean(p.base)))")
    }

    func expectIncrease(_ p: (base: [Double], other: [Double]), _ what: String) {
        let d = ConfidenceInterval.pairedDifference(base: p.base, other: p.other)
        #expect(d.low > 0, "\(what) should rise: paired difference \(d) (base mean \(mean(p.base)))")
    }

    func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    @Test("More staff ⇒ less waiting")
    func moreStaff() throws {
        var more = base
        more.offices[0].sections[0].staff[0].count += 2   // two more 市民課 clerks
        expectDecrease(try paired(base, more, .section, "\(office)/shimin", "wait_mean"), "市民課 mean wait")
        expectDecrease(try paired(base, more, .office, office, "wait_mean"), "office mean wait")
    }

    @Test("Common random numbers: the same demand arrives in both scenarios")
    func sameDemand() throws {
        var more = base
        more.offices[0].sections[0].staff[0].count += 2
        let p = try paired(base, more, .office, office, "demand", replications: 4)
        #expect(p.base == p.other)
    }

    @Test("No-writing counters ⇒ shorter time in office and fewer forms sent back")
    func noWriting() throws {
        var reform = base
        reform.interventions.noWriting = NoWriting()
        expectDecrease(try paired(base, reform, .office, office, "time_in_office_mean"), "time in office")
        expectDecrease(try paired(base, reform, .office, office, "reworks"), "reworks")
    }

    @Test("Reservations ⇒ booked citizens wait less than walk-ins")
    func reservations() throws {
        var reform = base
        reform.procedures[1].channels.booked = 0.4          // move-in
        reform.offices[0].sections[0].discipline = .bookedFirst
        reform.interventions.reservations = Reservations()
        var sim = try WardSimulator(scenario: reform)
        sim.hourlyRows = false
        var booked: [Double] = [], walkIn: [Double] = []
        for r in 0..<12 {
            let k = sim.runReplication(r, seed: 77)
            booked.append(try #require(k.value(.channel, "\(office)/booked", "wait_mean")))
            walkIn.append(try #require(k.value(.channel, "\(office)/walk_in", "wait_mean")))
            #expect((k.value(.office, office, "booked_visits") ?? 0) > 0)
        }
        expectDecrease((walkIn, booked), "booked wait vs walk-in wait")
    }

    @Test("AI assistant ⇒ fewer visits and fewer staff hours at 子ども・家庭課")
    func aiAssistant() throws {
        var reform = base
        reform.procedures[6].channels.aiAssistant = 0.5     // consultation
        reform.interventions.aiAssistant = AIAssistant()
        expectDecrease(try paired(base, reform, .office, office, "visits"), "visits")
        expectIncrease(try paired(base, reform, .office, office, "deflected"), "visits avoided")
        expectDecrease(try paired(base, reform, .section, "\(office)/kodomo", "staff_busy_hours"), "子ども・家庭課 busy hours")
    }

    @Test("Convenience-store issuance ⇒ fewer visits and shorter 市民課 waits")
    func convenienceStore() throws {
        var reform = base
        var cs = ConvenienceStoreIssuance()
        cs.cardOwnership = 0.8; cs.uptake = 0.6              // 48 % instead of 25 %
        reform.interventions.convenienceStore = cs
        expectDecrease(try paired(base, reform, .office, office, "visits"), "visits")
        expectDecrease(try paired(base, reform, .section, "\(office)/shimin", "wait_mean"), "市民課 wait")
        expectIncrease(try paired(base, reform, .office, office, "citizen_hours_saved"), "citizen hours saved")
    }

    @Test("Back-office centre ⇒ fewer ward staff hours in the back office")
    func backofficeCentre() throws {
        var reform = base
        reform.interventions.backofficeCentre = BackofficeCentre()
        expectDecrease(try paired(base, reform, .office, office, "staff_busy_hours_backoffice"), "ward back-office busy hours")
        expectDecrease(try paired(base, reform, .office, office, "time_in_office_mean"), "time in office (faster centre)")
    }

    @Test("Smartphone helpers ⇒ more online applications, fewer visits")
    func smartphoneHelpers() throws {
        var reform = base
        var h = SmartphoneHelpers()
        h.onlineShareIncrease = 0.2
        reform.interventions.smartphoneHelpers = h
        expectIncrease(try paired(base, reform, .office, office, "online_applications"), "online applications")
        expectDecrease(try paired(base, reform, .office, office, "visits"), "visits")
    }
}
