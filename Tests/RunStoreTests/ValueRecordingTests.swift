import Foundation
import Testing
@testable import RunStore

/// Runs hand the store flat arrays of values under a key list recognised
/// once (`record(values:keys:for:)`); what is stored must be what
/// `record(kpis:)` would store, to the bit.
@Suite struct ValueRecordingTests {
    static let keys = KPIKeyList([
        KPIKey(scope: .total, kpi: "wait_mean_min"), KPIKey(scope: .total, kpi: "served"),
        KPIKey(scope: .office, scopeName: "小倉北区", kpi: "wait_mean_min"),
        KPIKey(scope: .office, scopeName: "小倉北区", kpi: "served"),
        KPIKey(scope: .section, scopeName: "小倉北区/citizen", kpi: "wait_p90"),
    ])

    static func values(_ replication: Int) -> [Double] {
        [12.4 + Double(replication) / 3, Double(300 + replication), replication == 1 ? .nan : 0.1 + 0.2,
         -0.0, .pi * Double(replication + 1)]
    }

    @Test func valuesReadBackBitForBitAndEqualRowWrites() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/v.sqlite")
            let flat = try store.beginRun(sampleRun(seed: 1, replications: 4))
            try store.record(values: (0..<2).map { ReplicationValues(replication: $0, values: Self.values($0)) },
                             keys: Self.keys, for: flat)
            try store.record(values: (2..<4).map { ReplicationValues(replication: $0, values: Self.values($0)) },
                             keys: Self.keys, for: flat)
            try store.finishRun(flat, status: .done)

            let rows = try store.beginRun(sampleRun(seed: 2, replications: 4))
            for r in 0..<4 {
                try store.record(kpis: zip(Self.keys.keys, Self.values(r)).map {
                    KPIRow(replication: r, scope: $0.0.scope, scopeName: $0.0.scopeName, kpi: $0.0.kpi, value: $0.1)
                }, for: rows)
            }
            try store.finishRun(rows, status: .done)

            let a = try store.kpis(run: flat), b = try store.kpis(run: rows)
            #expect(a.count == 20 && a.count == b.count)
            for (x, y) in zip(a, b) {
                #expect(x.scope == y.scope && x.scopeName == y.scopeName && x.kpi == y.kpi && x.replication == y.replication)
                #expect(x.value.bitPattern == y.value.bitPattern || (x.value.isNaN && y.value.isNaN), "\(x) vs \(y)")
            }
            for r in 0..<4 {
                let stored = a.filter { $0.replication == r }
                for (key, value) in zip(Self.keys.keys, Self.values(r)) {
                    let row = try #require(stored.first { $0.scope == key.scope && $0.scopeName == key.scopeName && $0.kpi == key.kpi })
                    #expect(row.value.bitPattern == value.bitPattern || (row.value.isNaN && value.isNaN),
                            "replication \(r) \(key.kpi): stored \(row.value), given \(value)")
                }
            }
            #expect(try store.summary(run: flat) == store.summary(run: rows))
            // One layout for both runs, values and summaries.
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_layouts") == 1)
            // Two runs of scope and scope name after the first: three rows.
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_layout_scopes") == 3)
            // The view shows one row per value.
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpis WHERE run_id = ?", flat.rawValue) == 20)
            #expect(try store.db.scalarText("""
                SELECT kpi FROM kpis WHERE run_id = ? AND replication = 2 AND scope = 'section'
                """, flat.rawValue) == "wait_p90")
        }
    }

    @Test func aWrongCountOrADuplicateLeavesTheWholeBatchOut() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/w.sqlite")
            let run = try store.beginRun(sampleRun(replications: 3))
            try store.record(values: [ReplicationValues(replication: 0, values: Self.values(0))], keys: Self.keys, for: run)
            for bad in [[ReplicationValues(replication: 1, values: Self.values(1)),
                         ReplicationValues(replication: 2, values: [1, 2])],
                        [ReplicationValues(replication: 1, values: Self.values(1)),
                         ReplicationValues(replication: 0, values: Self.values(0))]] {
                do {
                    try store.record(values: bad, keys: Self.keys, for: run)
                    Issue.record("\(bad.map(\.replication)) must be refused")
                } catch let RunStoreError.sqlite(_, inner) {
                    #expect(inner.primaryCode == 19, "\(inner)")
                }
            }
            #expect(try Set(store.kpis(run: run).map(\.replication)) == [0])
            // The same KPI through another key list is refused as well.
            let overlapping = KPIKeyList([KPIKey(scope: .total, kpi: "served")])
            #expect(throws: RunStoreError.self) {
                try store.record(values: [ReplicationValues(replication: 0, values: [5])], keys: overlapping, for: run)
            }
            try store.record(values: [ReplicationValues(replication: 1, values: [5])], keys: overlapping, for: run)
            #expect(try store.kpis(run: run).count == 6)
        }
    }

    /// Another connection (no cache) and a copy of the list find the same layout.
    @Test func keyListsAreRecognisedAcrossConnections() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/c.sqlite"
            for seed in 1...2 {
                let store = try RunStore.open(path: path)
                let run = try store.beginRun(sampleRun(seed: UInt64(seed), replications: 2))
                let copy = KPIKeyList(Self.keys.keys)
                try store.record(values: [ReplicationValues(replication: 0, values: Self.values(0))], keys: copy, for: run)
                try store.record(values: [ReplicationValues(replication: 1, values: Self.values(1))], keys: Self.keys, for: run)
                try store.finishRun(run, status: .done)
            }
            let store = try RunStore.open(path: path)
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_layouts") == 1)
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_summary") == 2 * 5)
            #expect(try store.runs().allSatisfy { $0.status == .done })
        }
    }

    /// Numbers are written exactly: every Double reads back bit for bit,
    /// through Swift and through SQLite's JSON reader (to within its own
    /// decimal conversion).
    @Test func numberTextRoundTripsExactly() throws {
        var generator = SplitMix(seed: 7)
        var values: [Double] = [0, -0.0, 1, -1, 12.4, 0.1 + 0.2, 1e-5, 1e-7, 5e20, 1e15, 999_999_999_999_999,
                                -3.25, .pi, .ulpOfOne, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                -.greatestFiniteMagnitude, 4_503_599_627_370_495.5, 9_007_199_254_740_994]
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: generator.next()))                                   // any pattern
            values.append(Double(Int64(bitPattern: generator.next()) % 1_000_000) / 7)            // means
            values.append(Double(Int64(bitPattern: generator.next()) % 100_000))                  // counts
            values.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: generator.next())))) // float samples
        }
        var text = NumberText()
        for value in values where value.isFinite {
            text.removeAll()
            text.append(value)
            let written = text.string
            let back = try #require(Double(written), "\(value) written as \(written)")
            #expect(back.bitPattern == value.bitPattern, "\(value) written as \(written) reads back as \(back)")
            #expect(written.count <= value.description.count, "\(value): \(written) is longer than \(value.description)")
        }
        text.removeAll()
        text.append(.nan); text.append(byte: UInt8(ascii: ",")); text.append(.infinity)
        text.append(byte: UInt8(ascii: ",")); text.append(-.infinity)
        #expect(text.string == "null,1e999,-1e999")
        var quoted = NumberText()
        var name = "a\"b\\c\n小倉"
        name.withUTF8 { quoted.appendQuoted($0) }
        #expect(quoted.string == "\"a\\\"b\\\\c\\u000a小倉\"")
    }
}

/// A small deterministic generator for test values.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
