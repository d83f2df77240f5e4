import Foundation
import SimKernel
import Testing
@testable import WardModel

/// The shipped scenarios as a planner runs them: each one simulates without
/// invariant violations, and each reform moves the KPIs the way it should
/// against `baseline.yaml` under common random numbers.
@Suite("Shipped scenarios run")
struct ShippedScenarioRunTests {
    static func simulate(_ name: String, replications: Int = 8, days: DaySelection? = nil) throws -> [ReplicationKPIs] {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path(name))
        let sim = try WardSimulator(scenario: loaded.scenario)
        return (0..<replications).map { sim.runReplication($0, seed: 20_261_122, days: days ?? .single(.ordinary)) }
    }

    static func mean(_ reps: [ReplicationKPIs], _ kpi: String) -> Double {
        let values = reps.compactMap { $0.city(kpi) }
        return values.reduce(0, +) / Double(values.count)
    }

    @Test("every shipped scenario runs a day without invariant violations", arguments: ScenarioFixtures.shipped)
    func runs(name: String) throws {
        let reps = try Self.simulate(name, replications: 2)
        for rep in reps {
            #expect(rep.invariantViolations == 0, "\(name) replication \(rep.replication)")
            #expect(rep.citizensSimulated > 0)
            let served = try #require(rep.city("served"))
            #expect(served > 0, "\(name): nobody served")
        }
    }

    @Test("the city scenario runs its fiscal year: 243 working days, seven wards")
    func cityYear() throws {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path("kitakyushu-city"))
        let sim = try WardSimulator(scenario: loaded.scenario)
        let rep = sim.runReplication(0, days: .fiscalYear)
        #expect(rep.invariantViolations == 0)
        #expect(rep.days == sim.calendar.workingDays.count)
        #expect((240...246).contains(rep.days), "working days in the fiscal year: \(rep.days)")
        #expect(loaded.scenario.offices.count == 7)
        #expect(Set(rep.daily.map(\.office)).count == 7)
    }

    /// Interventions that divert visits must avoid visits; those that speed
    /// up the counter must cut the mean wait. Paired on the same streams, so
    /// 8 replications are plenty for effects of this size.
    @Test("each reform improves on the baseline where it should",
          arguments: [("no-writing", "time_in_office_mean"),
                      ("ai-consultation", "deflected"), ("convenience-store", "deflected"),
                      ("online-backoffice", "deflected"), ("smart-ward-office", "time_in_office_mean"),
                      ("smart-ward-office", "deflected")])
    func reformDirection(name: String, kpi: String) throws {
        let base = try Self.simulate("baseline")
        let reform = try Self.simulate(name)
        let differences = zip(base, reform).compactMap { b, r -> Double? in
            guard let x = b.city(kpi), let y = r.city(kpi) else { return nil }
            return y - x
        }
        let ci = ConfidenceInterval(of: differences)
        let higherIsBetter = kpi == "deflected"
        if higherIsBetter {
            #expect(ci.low > 0, "\(name) should raise \(kpi): paired difference \(ci)")
        } else {
            #expect(ci.high < 0, "\(name) should lower \(kpi): paired difference \(ci)")
        }
    }

    /// Reservations promise "no waiting" to those who book: booked citizens
    /// wait less than walk-ins on the same day. (The mean over everybody
    /// barely moves: booked citizens are served first, walk-ins wait longer.)
    @Test("booked citizens wait less than walk-ins")
    func reservationsServeBookedFirst() throws {
        let reps = try Self.simulate("reservations", replications: 30)
        let differences = reps.compactMap { rep -> Double? in
            guard let booked = rep.value(.channel, "booked", "wait_mean"),
                  let walkIn = rep.value(.channel, "walk_in", "wait_mean") else { return nil }
            return booked - walkIn
        }
        try #require(differences.count == reps.count, "channel wait rows missing")
        let ci = ConfidenceInterval(of: differences)
        #expect(ci.high < 0, "booked − walk-in mean wait: \(ci)")
    }

    @Test("the March/April rush is worse than an ordinary day, and the smart office relieves it")
    func peak() throws {
        let ordinary = Self.mean(try Self.simulate("baseline", replications: 4), "wait_mean")
        let peak = Self.mean(try Self.simulate("baseline-peak", replications: 4, days: .single(.peak)), "wait_mean")
        let smartPeak = Self.mean(try Self.simulate("smart-ward-office-peak", replications: 4, days: .single(.peak)), "wait_mean")
        #expect(peak > 2 * ordinary, "peak wait \(peak) vs ordinary \(ordinary)")
        #expect(smartPeak < peak / 2, "smart peak wait \(smartPeak) vs baseline peak \(peak)")
    }
}
