import Foundation
import SimKernel
import Testing
import WardModel
@testable import Experiments

/// The positional fast path must give exactly what the keyed `Estimates` give.
@Suite struct PositionalEstimatesTests {
    func replication(_ r: Int, _ rows: [(KPIScopeKind, String, String, Double)]) -> ReplicationKPIs {
        ReplicationKPIs(replication: r, seed: 1, days: 1, citizensSimulated: 0, invariantViolations: 0,
                        rows: rows.map { KPIRow($0.0, $0.1, $0.2, $0.3) }, daily: [])
    }

    @Test func cachedQuantileGivesTheKernelsInterval() {
        var builder = IntervalBuilder(level: 0.95)
        for n in [0, 1, 2, 3, 5, 20, 20, 137] {
            var tally = Tally()
            for i in 0..<n { tally.add(sin(Double(i)) * 3 + 10) }
            let expected = tally.confidenceInterval(level: 0.95), got = builder.interval(tally)
            #expect(got.mean.bitPattern == expected.mean.bitPattern && got.count == expected.count
                    && (got.halfWidth.bitPattern == expected.halfWidth.bitPattern || (got.halfWidth.isNaN && expected.halfWidth.isNaN)),
                    "n = \(n): \(got) vs \(expected)")
        }
    }

    @Test func sameAsByKeyOnTheModel() throws {
        let simulator = try WardSimulator(scenario: try loadScenario("baseline").scenario)
        let reps = (0..<4).map { simulator.runReplication($0, seed: 9, days: .single(.ordinary)) }
        let other = try WardSimulator(scenario: try loadScenario("baseline", citizenStaff(perWave: 3)).scenario)
        let otherReps = (0..<4).map { other.runReplication($0, seed: 9, days: .single(.ordinary)) }
        let fast = try #require(PositionalEstimates.summarise(reps, level: 0.95))
        #expect(fast == Estimates.summarise(reps.map(ScenarioExperiment.measures)))
        let fastDifferences = try #require(PositionalEstimates.differences(base: reps, other: otherReps, level: 0.95))
        #expect(fastDifferences == Estimates.pairedDifferences(base: reps.map(ScenarioExperiment.measures),
                                                              other: otherReps.map(ScenarioExperiment.measures)))
        #expect(fast.count > 500 && fastDifferences.count > 500)
    }

    /// Undefined values decide the order (first defined value, replication by
    /// replication); rows that do not line up fall back to keys.
    @Test func undefinedValuesAndMisalignedRows() throws {
        let reps = [
            replication(0, [(.city, "city", "a", .nan), (.city, "city", "b", 1), (.section, "区/x", "a", .nan)]),
            replication(1, [(.city, "city", "a", 2), (.city, "city", "b", 3), (.section, "区/x", "a", .nan)]),
            replication(2, [(.city, "city", "a", 4), (.city, "city", "b", .nan), (.section, "区/x", "a", .nan)]),
        ]
        let fast = try #require(PositionalEstimates.summarise(reps, level: 0.95))
        #expect(fast == Estimates.summarise(reps.map(ScenarioExperiment.measures)))
        #expect(fast.map(\.key.kpi) == ["b", "a"] && fast.map(\.interval.count) == [2, 2])

        let shifted = [reps[0], replication(1, [(.city, "city", "b", 3), (.city, "city", "a", 2), (.section, "区/x", "a", 1)])]
        #expect(PositionalEstimates.summarise(shifted, level: 0.95) == nil)
        #expect(ScenarioExperiment.estimates(shifted) == Estimates.summarise(shifted.map(ScenarioExperiment.measures)))
        // Same text, different bytes (composed vs decomposed が): not the same layout.
        let composed = replication(0, [(.section, "\u{304C}", "a", 1)])
        let decomposed = replication(1, [(.section, "\u{304B}\u{3099}", "a", 2)])
        #expect(PositionalEstimates.summarise([composed, decomposed], level: 0.95) == nil)
        // A repeated key is merged by the keyed path: positional declines.
        let twice = replication(0, [(.city, "city", "a", 1), (.city, "city", "a", 2)])
        #expect(PositionalEstimates.summarise([twice], level: 0.95) == nil)

        let other = reps.map { r in replication(r.replication, r.rows.map { ($0.scopeKind, $0.scope, $0.name, $0.value + 1) }) }
        let d = try #require(PositionalEstimates.differences(base: reps, other: other, level: 0.95))
        #expect(d == Estimates.pairedDifferences(base: reps.map(ScenarioExperiment.measures),
                                                  other: other.map(ScenarioExperiment.measures)))
        #expect(d.map(\.key.kpi) == ["b", "a"] && d.allSatisfy { $0.mean == 1 })
    }
}
