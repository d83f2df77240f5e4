import Foundation
import RunStore
import SimKernel
import Testing
import WardModel
@testable import Experiments

@Suite struct ComparisonTests {
    static let plan = ExperimentPlan(replications: 4, seed: 20_260_401, days: .single(.ordinary), threads: 2)
    static let cityWait = MeasureKey(scope: "city", scopeName: "city", kpi: "wait_mean")

    /// Common random numbers: a scenario against itself differs by exactly
    /// 0 in every replication of every KPI. A KPI defined in one replication
    /// only (an hour that only one replication's overtime reaches) has no
    /// interval: undetermined.
    @Test func aScenarioAgainstItselfDiffersByExactlyZero() throws {
        let base = try loadScenario("baseline")
        let result = try ScenarioComparison.run(base: base, others: [base], plan: ComparisonPlan(experiment: Self.plan))
        let differences = try #require(result.differences.first)
        #expect(differences.count > 100, "every KPI is compared, got \(differences.count)")
        for d in differences {
            #expect(d.difference.mean == 0, "\(d.key.scope) \(d.key.scopeName) \(d.key.kpi): difference \(d.difference)")
            if d.difference.count >= 2 {
                #expect(d.difference.halfWidth == 0, "\(d.key.scope) \(d.key.scopeName) \(d.key.kpi): difference \(d.difference)")
                #expect(d.verdict == .noDetectableDifference, "\(d.key.kpi): \(d.verdict)")
            } else {
                #expect(d.verdict == .undetermined, "\(d.key.kpi) (n = \(d.difference.count)): \(d.verdict)")
            }
            #expect(d.base == d.other)
        }
        #expect(differences.contains { $0.difference.count >= 2 && $0.key.kpi == "wait_mean" })
        #expect(result.plan.replications == 4 && result.precision == nil && result.note == nil)
        #expect(result.invariantViolations == 0)
    }

    /// Twelve citizen-section counter staff instead of nine: waits must come
    /// out better, with the paired interval well below zero.
    @Test func moreStaffIsBetterOnWaits() throws {
        let fewer = try loadScenario("baseline", citizenStaff(perWave: 3))
        let more = try loadScenario("baseline")
        let result = try ScenarioComparison.run(base: fewer, others: [more], plan: ComparisonPlan(experiment: Self.plan))
        let byKey = Dictionary(result.differences[0].map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for key in [Self.cityWait, MeasureKey(scope: "city", scopeName: "city", kpi: "wait_p90"),
                    MeasureKey(scope: "section", scopeName: "小倉北区/citizen", kpi: "wait_mean")] {
            let d = try #require(byKey[key], "\(key.kpi) missing")
            #expect(d.verdict == .better && d.difference.high < 0,
                    "\(key.scopeName) \(key.kpi): base \(String(describing: d.base)), more staff \(String(describing: d.other)), difference \(d.difference)")
        }
        let within30 = try #require(byKey[MeasureKey(scope: "city", scopeName: "city", kpi: "served_within_30")])
        #expect(within30.verdict == .better && within30.difference.low > 0, "served within 30: \(within30.difference)")
        // Staff do not change how many visits are avoided: no difference at all.
        let deflected = try #require(byKey[MeasureKey(scope: "city", scopeName: "city", kpi: "deflected")])
        #expect(deflected.difference.mean == 0 && deflected.verdict == .noDetectableDifference, "\(deflected.difference)")
    }

    @Test func nextCountProjectsAtMostDoubling() {
        // h = 2 × target at n = 10: the projection 40 is cut to 20.
        #expect(ScenarioComparison.nextCount(current: 10, halfWidth: 2, target: 1, minimumStep: 4, cap: 1_000) == 20)
        // h = 1.1 × target: projection 12.1 → 13, but at least n + minimumStep.
        #expect(ScenarioComparison.nextCount(current: 10, halfWidth: 1.1, target: 1, minimumStep: 4, cap: 1_000) == 14)
        #expect(ScenarioComparison.nextCount(current: 10, halfWidth: 1.4, target: 1, minimumStep: 4, cap: 1_000) == 20)
        // An infinite width doubles; the cap wins.
        #expect(ScenarioComparison.nextCount(current: 10, halfWidth: .infinity, target: 1, minimumStep: 4, cap: 1_000) == 20)
        #expect(ScenarioComparison.nextCount(current: 600, halfWidth: 5, target: 1, minimumStep: 4, cap: 1_000) == 1_000)
    }

    /// Sequential stopping adds replications until the widest half-width of
    /// the city's mean wait (both scenarios and their difference) meets the
    /// target, or stops at the cap and says so.
    @Test func sequentialStoppingMeetsTheTargetOrStopsAtTheCap() throws {
        let base = try loadScenario("baseline")
        let other = try loadScenario("reservations")
        let initial = ExperimentPlan(replications: 3, seed: 7, days: .single(.ordinary), threads: 2)
        var rounds: [(Int, Int)] = []
        let reached = try ScenarioComparison.run(
            base: base, others: [other], plan: ComparisonPlan(experiment: initial, precision: 2.5),
            round: { rounds.append(($0, $1)) })
        let p = try #require(reached.precision)
        let n = reached.plan.replications
        #expect(!p.capped && p.achieved <= 2.5 && n > 3, "achieved \(p.achieved) after \(n)")
        #expect(rounds.first.map { $0 == (0, 3) } == true && rounds.last.map { $0.1 } == n, "\(rounds)")
        // The reported width is the real one: recompute from the replications.
        let widths = [reached.base, reached.others[0]].map { $0.estimate(Self.cityWait)!.interval.halfWidth }
            + [reached.differences[0].first { $0.key == Self.cityWait }!.difference.halfWidth]
        #expect(abs(widths.max()! - p.achieved) < 1e-9 && widths.allSatisfy { $0 <= 2.5 }, "\(widths) vs \(p)")
        #expect(reached.base.replications.count == n && reached.others[0].replications.map(\.replication) == Array(0..<n))
        #expect(reached.note?.hasPrefix("sequential stopping") == true)

        let capped = try ScenarioComparison.run(
            base: base, others: [other], plan: ComparisonPlan(experiment: initial, precision: 0.01, maximumReplications: 6))
        let c = try #require(capped.precision)
        #expect(c.capped && c.achieved > 0.01 && capped.plan.replications == 6, "\(c)")
        #expect(capped.note?.contains("not reached") == true && capped.note?.contains("after 6 replications") == true)
    }

    @Test func recordingStoresRunsAndTheComparison() throws {
        try withTemporaryDirectory { dir in
            let base = try loadScenario("baseline")
            let other = try loadScenario("reservations")
            let plan = ExperimentPlan(replications: 3, seed: 5, days: .single(.ordinary), threads: 2)
            var result = try ScenarioComparison.run(base: base, others: [other, base], plan: ComparisonPlan(experiment: plan))
            result.precision = PrecisionOutcome(target: 1, achieved: 0.5, capped: false)  // to see the note stored
            let store = try RunStore.open(path: dir + "/c.sqlite")
            let (id, runs) = try ScenarioComparison.record(result, in: store, label: "test", batchSize: 2)
            let record = try #require(try store.comparison(id))
            #expect(record.baseRun == runs[0] && record.otherRuns == Array(runs.dropFirst()) && runs.count == 3)
            #expect(record.label == "test" && record.note == result.note)
            let names = try runs.map { try store.run($0)!.scenarioName }
            #expect(names == ["baseline", "reservations", "baseline"])
            for (run, scenario) in zip(runs, [result.base, result.others[0], result.others[1]]) {
                let stored = try #require(try store.run(run))
                #expect(stored.status == .done && stored.replications == 3 && stored.seed == 5)
                let rows = try store.kpis(run: run)
                #expect(rows.count == scenario.replications.reduce(0) { $0 + $1.rows.count })
                // The stored values are the compared ones.
                let wait = rows.filter { $0.scope.rawValue == "city" && $0.kpi == "wait_mean" }.map(\.value)
                #expect(wait == scenario.replications.map { $0.city("wait_mean")! })
            }
            #expect(ScenarioComparison.defaultLabel(base: "baseline", others: ["a", "b"]) == "a, b vs baseline")
        }
    }
}
