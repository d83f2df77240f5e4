import Foundation
@testable import RunStore
import SimKernel
import Testing
import WardModel
@testable import Experiments

/// Runs store their KPIs as flat arrays (`KPIRecorder`), on a writer thread
/// when they use several threads (`BackgroundWriter`): what is stored must
/// be exactly what was simulated, whatever the threads.
@Suite struct KPIRecorderTests {
    @Test func storedRunsEqualTheSimulatedReplicationsOnOneThreadAndOnAWriterThread() throws {
        let loaded = try loadScenario("baseline")
        let simulator = try WardSimulator(scenario: loaded.scenario)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("recorder-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try RunStore.open(path: dir + "/r.sqlite")
        for threads in [1, 2] {
            let plan = ExperimentPlan(replications: 5, seed: 3, days: .single(.ordinary), threads: threads, batchSize: 2)
            var batches = 0
            let (id, reps) = try RunRecording.runAndRecord(loaded, simulator: simulator, plan: plan, store: store,
                                                           progress: { _ in batches += 1 })
            #expect(batches == 3)
            let stored = try store.kpis(run: id)
            #expect(stored.count == reps.reduce(0) { $0 + $1.rows.count })
            for rep in reps {
                let mine = Dictionary(uniqueKeysWithValues: stored.filter { $0.replication == rep.replication }
                    .map { ("\($0.scope.rawValue)|\($0.scopeName)|\($0.kpi)", $0.value) })
                for row in rep.rows {
                    let value = try #require(mine["\(row.scopeKind.rawValue)|\(row.scope)|\(row.name)"])
                    #expect(value.bitPattern == row.value.bitPattern || (value.isNaN && row.value.isNaN),
                            "threads \(threads) replication \(rep.replication) \(row.name): stored \(value), simulated \(row.value)")
                }
            }
            #expect(try store.run(id)?.status == .done)
        }
        // Both runs share one layout; their summaries are stored.
        #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_layouts") == 1)
    }

    @Test func aChangeOfKPIsWithinABatchGetsItsOwnKeyList() {
        func rep(_ r: Int, _ names: [String]) -> ReplicationKPIs {
            ReplicationKPIs(replication: r, seed: 1, days: 1, citizensSimulated: 0, invariantViolations: 0,
                            rows: names.enumerated().map { KPIRow(.city, "city", $0.element, Double($0.offset + r)) },
                            daily: [])
        }
        var packer = KPIValuePacker()
        let groups = packer.pack([rep(0, ["a", "b"]), rep(1, ["a", "b"]), rep(2, ["a", "c"]), rep(3, ["a", "c"])])
        #expect(groups.count == 2)
        #expect(groups.map { $0.values.map(\.replication) } == [[0, 1], [2, 3]])
        #expect(groups[1].keys.keys.map(\.kpi) == ["a", "c"] && groups[1].values[1].values == [3, 4])
        // The next batch with the same KPIs continues the last list.
        let next = packer.pack([rep(4, ["a", "c"])])
        #expect(next.count == 1 && next[0].keys.keys.map(\.kpi) == ["a", "c"])
        #expect(KPIValuePacker.sameText("小倉北区/citizen", "小倉北区/" + "citizen"))
        #expect(!KPIValuePacker.sameText("wait_p90", "wait_p95"))
    }

    @Test func backgroundWriterKeepsOrderAndReportsTheFirstError() throws {
        struct Boom: Error, Equatable { let item: Int }
        let seen = Collected()
        let writer = BackgroundWriter<Int>(capacity: 1) { item in
            if item == 5 { throw Boom(item: item) }
            seen.add(item)
        }
        var refused = false
        for item in 0..<20 {
            do { try writer.put(item) } catch { refused = true; #expect(error as? Boom == Boom(item: 5)); break }
        }
        #expect(throws: Boom(item: 5)) { try writer.finish() }
        #expect(seen.items == [0, 1, 2, 3, 4], "written before the failure, in order: \(seen.items)")
        _ = refused  // put may or may not have seen the failure yet; finish always does

        let ok = Collected()
        let second = BackgroundWriter<Int>(capacity: 2) { ok.add($0) }
        for item in 0..<50 { try second.put(item) }
        try second.finish()
        #expect(ok.items == Array(0..<50))
    }
}

/// Items written by a writer thread, read after `finish`.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int] = []
    func add(_ item: Int) { lock.withLock { list.append(item) } }
    var items: [Int] { lock.withLock { list } }
}
