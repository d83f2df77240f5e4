import Dispatch
import Foundation
import Testing
@testable import RunStore

@Suite struct ConcurrencyTests {
    /// Four writers, each with its own connection, create the same fresh file
    /// at once and then commit many small batches: nothing may be lost.
    @Test func concurrentWritersLoseNothing() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/shared.sqlite"
            let writers = 4, batches = 60, rowsPerBatch = 25
            let errors = Collector<String>()
            let ids = Collector<RunID>()
            DispatchQueue.concurrentPerform(iterations: writers) { writer in
                do {
                    let store = try RunStore.open(path: path, busyTimeout: .seconds(20))
                    let id = try store.beginRun(sampleRun(seed: UInt64(writer), replications: batches))
                    ids.append(id)
                    for b in 0..<batches {
                        let rows = (0..<rowsPerBatch).map {
                            KPIRow(replication: b, scope: .section, scopeName: "s\($0)", kpi: "k", value: Double(writer))
                        }
                        try store.record(kpis: rows, for: id)
                    }
                    try store.finishRun(id, status: .done)
                } catch {
                    errors.append("writer \(writer): \(error)")
                }
            }
            #expect(errors.all.isEmpty, "\(errors.all)")
            let store = try RunStore.open(path: path)
            let runs = try store.runs()
            #expect(runs.count == writers && runs.allSatisfy { $0.status == .done })
            #expect(Set(ids.all) == Set(runs.compactMap(\.id)))
            for run in runs {
                let rows = try store.kpis(run: run.id!)
                #expect(rows.count == batches * rowsPerBatch, "run \(run.id!) has \(rows.count) rows")
                #expect(rows.allSatisfy { $0.value == Double(run.seed) }, "rows ended up in the wrong run")
            }
        }
    }
}
