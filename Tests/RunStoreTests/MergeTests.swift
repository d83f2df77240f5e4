import Foundation
import Testing
@testable import RunStore

@Suite struct MergeTests {
    static let spec = SweepRecord(specHash: "spec-staff", scenarioName: "baseline", scenarioHash: "hash-baseline",
                                  specJSON: #"{"vary":{"staff":[3,4]}}"#, pointCount: 2, programVersion: "0.1.0")

    /// Shard A: runs with seeds 1 and 2, an unfinished run, sweep point staff=3.
    /// Shard B (path with URI-special characters): seed 2 again (a duplicate),
    /// seed 3, sweep point staff=4 and a duplicate of staff=3.
    func makeShards(_ dir: String) throws -> (a: String, b: String) {
        let a = dir + "/shard 1.sqlite", b = dir + "/shard #2?x=%41.sqlite"
        do {
            let store = try RunStore.open(path: a)
            try storeRun(store, sampleRun(seed: 1))
            try storeRun(store, sampleRun(seed: 2))
            _ = try store.beginRun(sampleRun(seed: 9))  // killed: stays running
            let sweep = try store.beginSweep(Self.spec)
            try storeRun(store, sampleRun(sweep: sweep, pointKey: "staff=3", parameters: [.init(name: "staff", value: "3")]))
            let id = try store.beginRun(sampleRun(seed: 1, replications: 1))
            try store.record(citizens: [CitizenRecord(replication: 0, day: 0, citizen: 1, office: "o", visitType: "p",
                                                      channel: "c", arrived: .zero, called: nil, left: .minutes(3),
                                                      outcome: "balked")], for: id)
            try store.record(kpis: sampleKPIs(replications: 1)[0], for: id)
            try store.finishRun(id, status: .done)
        }
        do {
            let store = try RunStore.open(path: b)
            try storeRun(store, sampleRun(seed: 2), base: 999)  // same key as A's seed 2
            try storeRun(store, sampleRun(seed: 3))
            let sweep = try store.beginSweep(Self.spec)
            try storeRun(store, sampleRun(sweep: sweep, pointKey: "staff=4", parameters: [.init(name: "staff", value: "4")]))
            try storeRun(store, sampleRun(sweep: sweep, pointKey: "staff=3", parameters: [.init(name: "staff", value: "3")]))
        }
        return (a, b)
    }

    @Test func mergeGivesTheUnionWithoutDuplicates() throws {
        try withTemporaryDirectory { dir in
            let (a, b) = try makeShards(dir)
            let bBytes = fileBytes(b)
            let merged = try RunStore.open(path: dir + "/merged.sqlite")

            let first = try merged.merge(from: a)
            #expect(first == MergeReport(runsAdded: 4, runsSkipped: 0, runsUnfinished: 1, sweepsAdded: 1))
            let second = try merged.merge(from: b)
            #expect(second == MergeReport(runsAdded: 2, runsSkipped: 2, runsUnfinished: 0, sweepsAdded: 0))
            #expect(fileBytes(b) == bBytes, "the merged-from file must not change")

            let runs = try merged.runs()
            #expect(runs.count == 6 && runs.allSatisfy { $0.status == .done })
            // Seeds 1 (twice: 5 and 1 replications), 2, 3, and the two sweep points.
            #expect(runs.filter { $0.sweep == nil }.map(\.seed).sorted() == [1, 1, 2, 3])
            // The seed-2 run came from A (merged first), not B's copy.
            let seed2 = try #require(runs.first { $0.seed == 2 && $0.sweep == nil })
            let seed2Wait = try merged.kpis(run: seed2.id!).first { $0.scope == .total && $0.replication == 0 }
            #expect(seed2Wait?.value == 10, "A's value is 10, B's 999: \(String(describing: seed2Wait))")
            // One sweep with both points and their parameters.
            let sweeps = try merged.sweeps()
            #expect(sweeps.count == 1)
            let sweep = try #require(sweeps.first?.id)
            #expect(try merged.completedPoints(sweep: sweep) == ["staff=3", "staff=4"])
            #expect(try merged.runs(sweep: sweep).map { $0.parameters.first?.value } == ["3", "4"])
            // Child rows came along.
            for run in runs {
                #expect(try merged.kpis(run: run.id!).count == 4 * run.replications)
                #expect(try merged.summary(run: run.id!).count == 4)
            }
            #expect(try merged.db.scalarInt("SELECT count(*) FROM kpi_summary") == 6 * 4)
            let traced = try #require(runs.first { $0.replications == 1 })
            #expect(try merged.citizens(run: traced.id!).map(\.outcome) == ["balked"])

            // Merging the same files again adds nothing.
            #expect(try merged.merge(from: a).runsAdded == 0)
            #expect(try merged.merge(from: b).runsAdded == 0)
            #expect(try merged.runs().count == 6 && merged.sweeps().count == 1)
        }
    }

    @Test func mergeRefusesBadSources() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/m.sqlite"
            let merged = try RunStore.open(path: path)
            #expect(throws: RunStoreError.mergeIntoItself(path: path)) { try merged.merge(from: path) }
            #expect(throws: RunStoreError.fileMissing(path: dir + "/none.sqlite")) {
                try merged.merge(from: dir + "/none.sqlite")
            }

            let text = dir + "/t.txt"
            try "x".write(toFile: text, atomically: true, encoding: .utf8)
            #expect(throws: RunStoreError.notWardsimDatabase(path: text, reason: "it is not an SQLite file")) {
                try merged.merge(from: text)
            }

            // A wardsim file of another schema version, newer and older.
            let newer = dir + "/newer.sqlite"
            _ = try storeRun(try RunStore.open(path: newer), sampleRun())
            let future = Schema.currentVersion + 1
            try Database(path: newer).execute("PRAGMA user_version = \(future)")
            #expect(throws: RunStoreError.newerSchema(path: newer, found: future, known: Schema.currentVersion)) {
                try merged.merge(from: newer)
            }

            let older = dir + "/older.sqlite"
            try Database(path: older).execute("PRAGMA application_id = \(Schema.applicationID)")
            #expect(throws: RunStoreError.olderSchema(path: older, found: 0, expected: Schema.currentVersion)) {
                try merged.merge(from: older)
            }
            #expect(try merged.runs().isEmpty)
        }
    }
}
