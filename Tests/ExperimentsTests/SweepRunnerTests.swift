import Foundation
import RunStore
import SimKernel
import Testing
import WardModel
@testable import Experiments

@Suite struct SweepRunnerTests {
    static let plan = ExperimentPlan(replications: 2, seed: 11, days: .single(.ordinary), threads: 1)
    static let vary = ["offices[0].sections[0].counters=10:12:1", "procedures.certificate.channels.convenience_store=30%,50%"]

    func configuration(_ store: String, jobs: Int = 1, shard: SweepShard = .whole, resume: Bool = false,
                       vary: [String] = vary) throws -> SweepRunner.Configuration {
        SweepRunner.Configuration(
            scenarioPath: scenarioPath("baseline"), base: try loadScenario("baseline"),
            spec: try SweepSpec(vary: vary), plan: Self.plan, shard: shard, jobs: jobs, resume: resume,
            storePath: store)
    }

    /// Point key → (KPI → mean, sd) of a store's sweep. As text, so that
    /// undefined values (NaN) compare equal.
    func results(_ path: String) throws -> [String: [String: String]] {
        let store = try RunStore.open(path: path, mode: .readOnly)
        let sweep = try #require(try store.sweeps().first?.id)
        var out: [String: [String: String]] = [:]
        for point in try store.sweepResults(sweep).points {
            var kpis: [String: String] = [:]
            for s in point.summaries { kpis["\(s.scope) \(s.scopeName) \(s.kpi)"] = "\(s.mean) \(s.standardDeviation)" }
            out[point.run.pointKey!] = kpis
        }
        return out
    }

    @Test func everyPointIsStoredOnceWithItsParametersAndResultsDoNotDependOnJobs() throws {
        try withTemporaryDirectory { dir in
            let one = dir + "/one.sqlite", two = dir + "/two.sqlite"
            let reported = Reported()
            let prepared = try SweepRunner.prepare(try configuration(one, jobs: 1))
            #expect(prepared.points.count == 6 && prepared.alreadyDone == 0 && prepared.record.pointCount == 6)
            let summary = try SweepRunner.run(prepared) { reported.add($0.point.key) }
            #expect(summary.pointsRun == 6 && summary.invariantViolations == 0)
            #expect(reported.keys.sorted() == prepared.points.map(\.key).sorted())
            _ = try SweepRunner.run(try SweepRunner.prepare(try configuration(two, jobs: 2)))

            let a = try results(one), b = try results(two)
            #expect(a.count == 6 && a == b, "jobs 1 and jobs 2 must store identical summaries")
            // The counters setting took effect: fewer counters, longer waits.
            let wait = { (counters: Int) in a["offices[0].sections[0].counters=\(counters);procedures.certificate.channels.convenience_store=30%"]!["city city wait_mean"]!.split(separator: " ")[0] }
            #expect(Double(wait(10))! > Double(wait(12))!, "10 counters \(wait(10)) min, 12 counters \(wait(12)) min")

            let store = try RunStore.open(path: one, mode: .readOnly)
            let runs = try store.runs(sweep: prepared.sweep)
            #expect(runs.count == 6 && runs.allSatisfy { $0.status == .done && $0.replications == 2 && $0.seed == 11 })
            let first = try #require(runs.first { $0.pointKey == prepared.points[0].key })
            #expect(first.parameters == [RunParameter(name: "offices[0].sections[0].counters", value: "10"),
                                         RunParameter(name: "procedures.certificate.channels.convenience_store", value: "30%")])
        }
    }

    @Test func resumeSkipsFinishedPointsAndRerunsUnfinishedOnes() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            // Shard 1 of 2 first: points 0, 2, 4.
            let shard = try SweepShard(1, of: 2)
            let first = try SweepRunner.prepare(try configuration(path, shard: shard))
            #expect(first.points.map(\.index) == [0, 2, 4] && first.shardPoints == 3)
            _ = try SweepRunner.run(first)
            // A point left `running` by a killed process counts as not done.
            let store = try RunStore.open(path: path)
            let killed = first.configuration.spec.points[1]
            _ = try store.beginRun(RunRecord(scenarioName: "baseline", scenarioText: "x", scenarioHash: "x", seed: 11,
                                             replications: 2, dayRange: "ordinary", programVersion: "test",
                                             sweep: first.sweep, pointKey: killed.key))

            // Without --resume the finished points would be stored twice: refused.
            #expect(throws: SweepRunError.alreadyStarted(sweep: first.sweep, done: 3, of: 6, path: path)) {
                try SweepRunner.prepare(try configuration(path))
            }
            // Another shard has nothing done yet, so it needs no --resume.
            #expect(try SweepRunner.prepare(try configuration(path, shard: try SweepShard(2, of: 2))).points.count == 3)

            let rest = try SweepRunner.prepare(try configuration(path, resume: true))
            #expect(rest.sweep == first.sweep && rest.alreadyDone == 3 && rest.points.map(\.index) == [1, 3, 5])
            _ = try SweepRunner.run(rest)
            #expect(try store.completedPoints(sweep: first.sweep).count == 6)
            #expect(try SweepRunner.prepare(try configuration(path, resume: true)).points.isEmpty)

            // Same results as one uninterrupted sweep.
            let whole = dir + "/whole.sqlite"
            _ = try SweepRunner.run(try SweepRunner.prepare(try configuration(whole, jobs: 2)))
            #expect(try results(path) == results(whole))
        }
    }

    @Test func badPointsAndSimulationKeysAreRefusedBeforeAnythingRuns() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            do {
                _ = try SweepRunner.prepare(try configuration(path, vary: ["offices[0].lobby_seats=100,-5"]))
                Issue.record("a negative lobby size must be refused")
            } catch let SweepRunError.badPoint(key, message) {
                #expect(key == "offices[0].lobby_seats=-5" && message.contains("lobby_seats"), "\(key): \(message)")
            }
            // Checked on several threads: still the first bad point in sweep order.
            do {
                _ = try SweepRunner.prepare(try configuration(path, jobs: 3, vary: ["offices[0].lobby_seats=100,90,-5,80,-7"]))
                Issue.record("negative lobby sizes must be refused")
            } catch let SweepRunError.badPoint(key, _) {
                #expect(key == "offices[0].lobby_seats=-5", "\(key)")
            }
            #expect(try RunStore.open(path: path, mode: .readOnly).runs().isEmpty)
            #expect(throws: SweepRunError.simulationKey("simulation.seed")) {
                try SweepRunner.prepare(try configuration(path, vary: ["simulation.seed=1,2"]))
            }
        }
    }
}

/// Collects point keys from worker threads.
private final class Reported: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ key: String) { lock.withLock { items.append(key) } }
    var keys: [String] { lock.withLock { items } }
}
