import Foundation
import Testing
@testable import RunStore

/// Per-replication KPI values are packed one row per replication (see
/// `KPIPacking`); the API and the `kpis`/`kpi_summary` views must not show it.
@Suite struct PackingTests {
    @Test func encodingRoundTripsEveryDouble() throws {
        let values: [Double] = [0, -0.0, 1, 12.4, 0.1 + 0.2, 1e-5, 5e20, -3.25, .pi, .ulpOfOne,
                                .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, .nan]
        let text = KPIPacking.encode(values)
        // Whole numbers as integers; the rest in the shortest text that reads back the same.
        #expect(text.hasPrefix("[0,-0.0,1,12.4,0.30000000000000004,1e-05,5e+20,-3.25,")
                && text.hasSuffix("1e999,-1e999,null]"), "\(text)")
        #expect(KPIPacking.encode([-7, 123_456_789_012_345, 1e15, -2.5]) == "[-7,123456789012345,1000000000000000.0,-2.5]")
        let back = try #require(KPIPacking.decode(text))
        #expect(back.count == values.count)
        for (a, b) in zip(values, back) {
            #expect(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "\(a) came back as \(b)")
        }
        #expect(KPIPacking.decode("[]") == [])
        #expect(KPIPacking.decode("[1,x]") == nil && KPIPacking.decode("1,2") == nil && KPIPacking.decode("") == nil)
        // Layout identity depends on every key and their order.
        let a = LayoutKey(scope: "total", name: "all", kpi: "x"), b = LayoutKey(scope: "total", name: "all", kpi: "y")
        #expect(KPIPacking.hash([a, b]) != KPIPacking.hash([b, a]))
        #expect(KPIPacking.hash([a, b]) == KPIPacking.hash([a, b]) && KPIPacking.hash([a]).hasSuffix(":1"))
        #expect(KPIPacking.hash([LayoutKey(scope: "ab", name: "c", kpi: "")]) != KPIPacking.hash([LayoutKey(scope: "a", name: "bc", kpi: "")]))
    }

    /// The views show one row per value, exactly what the API returns.
    @Test func viewsShowOneRowPerValue() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/v.sqlite")
            let id = try store.beginRun(sampleRun(replications: 3))
            var rows = sampleKPIs(replications: 3).flatMap { $0 }
            rows.append(KPIRow(replication: 1, scope: .total, kpi: "undefined", value: .nan))
            rows.append(KPIRow(replication: 2, scope: .total, kpi: "huge", value: .infinity))
            try store.record(kpis: rows, for: id)  // interleaved replications in one batch
            try store.finishRun(id, status: .done)

            let stored = try store.kpis(run: id)
            #expect(stored.count == rows.count)
            let query = try store.db.prepare("""
                SELECT replication, scope, scope_name, kpi, value FROM kpis WHERE run_id = ?
                ORDER BY replication, scope, scope_name, kpi
                """)
            try query.bind(id.rawValue, at: 1)
            var viewRows: [KPIRow] = []
            while try query.step() {
                viewRows.append(KPIRow(replication: query.int(0), scope: KPIScope(rawValue: query.string(1)),
                                       scopeName: query.string(2), kpi: query.string(3), value: query.double(4)))
            }
            #expect(viewRows.count == stored.count)
            for (v, s) in zip(viewRows, stored) {
                #expect(v.replication == s.replication && v.scope == s.scope && v.scopeName == s.scopeName && v.kpi == s.kpi)
                // SQLite reads decimals with its own routine: equal to the last bit or two.
                let close = v.value == s.value || (v.value.isNaN && s.value.isNaN) || abs(v.value - s.value) <= 1e-15 * abs(s.value)
                #expect(close, "\(s.kpi) replication \(s.replication): view \(v.value), API \(s.value)")
            }
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpis WHERE value IS NULL AND kpi = 'undefined'") == 1)

            // kpi_summary: one row per KPI, the API's figures.
            let summary = try store.summary(run: id)
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_summary WHERE run_id = ?", id.rawValue) == summary.count)
            let n = try store.db.scalarInt("SELECT n FROM kpi_summary WHERE kpi = 'wait_mean_min' AND scope = 'total'")
            #expect(n == 3)
            #expect(try store.db.scalarText("SELECT quote(sd) FROM kpi_summary WHERE kpi = 'undefined'") == "NULL")
        }
    }

    @Test func runsOfOneStructureShareOneLayout() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/l.sqlite"
            let store = try RunStore.open(path: path)
            for seed in 1...3 { try storeRun(store, sampleRun(seed: UInt64(seed))) }
            // Another connection (no cache) finds the same layouts.
            try storeRun(try RunStore.open(path: path), sampleRun(seed: 4))
            // One layout for the values and the summaries (a summary kept
            // while recording is packed in the values' order).
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_layouts") == 1)
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_values") == 4 * 5)
            for run in try store.runs() { #expect(try store.kpis(run: run.id!).count == 4 * 5) }
        }
    }

    /// A replication may be stored in several batches with different KPIs;
    /// a KPI stored twice is refused, whichever batch brings it.
    @Test func replicationsSplitAcrossBatches() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/s.sqlite")
            let id = try store.beginRun(sampleRun(replications: 2))
            let first = [KPIRow(replication: 0, scope: .total, kpi: "a", value: 1),
                         KPIRow(replication: 0, scope: .total, kpi: "b", value: 2)]
            try store.record(kpis: first, for: id)
            try store.record(kpis: [KPIRow(replication: 0, scope: .total, kpi: "c", value: 3)], for: id)
            for duplicate in [[KPIRow(replication: 0, scope: .total, kpi: "b", value: 9)],
                              [KPIRow(replication: 0, scope: .total, kpi: "d", value: 9),
                               KPIRow(replication: 0, scope: .total, kpi: "a", value: 9)],
                              [KPIRow(replication: 1, scope: .total, kpi: "e", value: 9),
                               KPIRow(replication: 1, scope: .total, kpi: "e", value: 8)]] {
                do {
                    try store.record(kpis: duplicate, for: id)
                    Issue.record("\(duplicate) must be refused")
                } catch let RunStoreError.sqlite(_, inner) {
                    #expect(inner.primaryCode == 19, "\(inner)")
                }
            }
            #expect(try store.kpis(run: id).map(\.kpi) == ["a", "b", "c"])
            #expect(try store.kpis(run: id).map(\.value) == [1, 2, 3])
            try store.finishRun(id, status: .done)
            #expect(try store.summary(run: id).map(\.kpi) == ["a", "b", "c"])
        }
    }

    /// `finishRun` summarises from tallies kept while recording when it can;
    /// the figures must equal those read back from the file, and anything
    /// unusual (another connection, replications out of order) must fall
    /// back to reading the file.
    @Test func finishingFromKeptTalliesEqualsReadingBack() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            let store = try RunStore.open(path: path)
            func values(_ rep: Int) -> [KPIRow] {
                (0..<5).map { KPIRow(replication: rep, scope: .section, scopeName: "s\($0)", kpi: "k",
                                     value: $0 == 3 && rep == 1 ? .nan : sin(Double(rep * 7 + $0)) * 10) }
            }
            let usual = try store.beginRun(sampleRun(seed: 1, replications: 6))
            for rep in 0..<6 { try store.record(kpis: values(rep), for: usual) }
            let outOfOrder = try store.beginRun(sampleRun(seed: 2, replications: 6))
            for rep in [3, 4, 5, 0, 1, 2] { try store.record(kpis: values(rep), for: outOfOrder) }
            let elsewhere = try store.beginRun(sampleRun(seed: 3, replications: 6))
            let other = try RunStore.open(path: path)
            for rep in 0..<3 { try store.record(kpis: values(rep), for: elsewhere) }
            for rep in 3..<6 { try other.record(kpis: values(rep), for: elsewhere) }
            for run in [usual, outOfOrder, elsewhere] { try store.finishRun(run, status: .done) }

            let expected = try store.summary(run: usual)  // read back from the file
            #expect(expected.count == 5 && expected[3].count == 5)
            for run in [usual, outOfOrder, elsewhere] {
                #expect(try store.summary(run: run) == expected)
                let stored = try #require(try store.db.scalarText("SELECT data FROM kpi_summaries WHERE run_id = ?", run.rawValue))
                #expect(stored == RunStore.packedSummary(expected), "run \(run): \(stored)")
            }
        }
    }

    /// Merging maps layouts by their keys: the destination's ids differ.
    @Test func mergeMapsLayouts() throws {
        try withTemporaryDirectory { dir in
            let a = dir + "/a.sqlite", m = dir + "/m.sqlite"
            do {
                let store = try RunStore.open(path: a)
                try storeRun(store, sampleRun(seed: 1))
            }
            let merged = try RunStore.open(path: m)
            // A different structure first, so layout ids do not line up.
            let other = try merged.beginRun(sampleRun(seed: 2, scenario: "other"))
            try merged.record(kpis: [KPIRow(replication: 0, scope: .total, kpi: "only", value: 7)], for: other)
            try merged.finishRun(other, status: .done)

            #expect(try merged.merge(from: a).runsAdded == 1)
            #expect(try merged.merge(from: a).runsAdded == 0)
            let copied = try #require(try merged.runs().first { $0.seed == 1 })
            let source = try RunStore.open(path: a, mode: .readOnly)
            let original = try #require(try source.runs().first)
            #expect(try merged.kpis(run: copied.id!) == source.kpis(run: original.id!))
            #expect(try merged.summary(run: copied.id!) == source.summary(run: original.id!))
            #expect(try merged.db.scalarInt("SELECT count(*) FROM kpi_summary WHERE run_id = ?", copied.id!.rawValue) == 4)
            #expect(try merged.kpis(run: other).map(\.kpi) == ["only"])
            // "other": one layout for values and summary; the merged run:
            // one for its values and summary, copied once.
            #expect(try merged.db.scalarInt("SELECT count(*) FROM kpi_layouts") == 2)
        }
    }
}
