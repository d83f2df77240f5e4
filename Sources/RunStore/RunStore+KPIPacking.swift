import CSQLite
import Foundation
import SimKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How per-replication KPI values are stored: packed, one row per
/// replication, instead of one row per value.
///
/// A replication of the baseline reports about 600 KPIs and takes about a
/// millisecond to simulate; a row per value (an index entry with three text
/// keys each) cost several times the simulation itself. So each
/// replication's values go into one row of `kpi_values` as a JSON array,
/// `[12.4,null,3.0,…]`, whose i-th number belongs to the i-th KPI of a
/// *layout* (`kpi_layouts`, `kpi_layout_keys`): the list of (scope, scope
/// name, KPI) in the order the model reported them. Every run of one
/// scenario structure shares one layout, written once per file. The run's
/// summary is packed the same way (`kpi_summaries`).
///
/// SQL users see no difference: the views `kpis` and `kpi_summary` unpack
/// the arrays (with SQLite's built-in `json_each`) into the same rows and
/// columns a table per value would have.
///
/// ```swift
/// KPIPacking.encode([12.4, .nan, 3])     // "[12.4,null,3.0]"
/// KPIPacking.decode("[12.4,null,3.0]")   // [12.4, nan, 3.0]
/// ```
enum KPIPacking {
    /// A JSON array of the values: shortest round-trip decimals, NaN as
    /// `null`, ±infinity as ±1e999 (which JSON readers, SQLite's included,
    /// read back as infinity). O(n).
    static func encode<C: Collection>(_ values: C) -> String where C.Element == Double {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 10 + 2)
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            append(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ value: Double, to bytes: inout [UInt8]) {
        if value.isNaN {
            bytes.append(contentsOf: "null".utf8)
        } else if value.isInfinite {
            bytes.append(contentsOf: (value < 0 ? "-1e999" : "1e999").utf8)
        } else if value == value.rounded(.towardZero) && abs(value) < 1e15 && !(value == 0 && value.sign == .minus) {
            // Whole numbers (counts, half the KPIs) as integers: exact, and
            // cheaper than the general conversion.
            var n = Int64(value)
            if n < 0 { bytes.append(UInt8(ascii: "-")); n = -n }
            let start = bytes.count
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
                n /= 10
            } while n > 0
            bytes[start...].reverse()
        } else {
            // Swift's description is the shortest text that reads back to the
            // same Double ("12.4", "1e-05"), a valid JSON number.
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// The numbers of a JSON array written by `encode` (`null` → NaN); nil
    /// if the text is not such an array. O(n); Swift's `Double(_:)` reads
    /// each number (correctly rounded, whatever the C locale), so every
    /// Double comes back bit for bit.
    static func decode(_ text: String) -> [Double]? {
        let utf8 = text.utf8
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return nil }
        var values: [Double] = []
        values.reserveCapacity(utf8.count / 8)
        let end = utf8.index(before: utf8.endIndex)
        var start = utf8.index(after: utf8.startIndex)
        if start == end { return [] }
        var i = start
        while true {
            if i == end || utf8[i] == UInt8(ascii: ",") {
                let token = text[start..<i]
                if token == "null" {
                    values.append(.nan)
                } else if let first = token.utf8.first,
                          first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
                          let value = Double(token) {  // not "inf", "nan" or spaces
                    values.append(value)
                } else {
                    return nil
                }
                if i == end { return values }
                start = utf8.index(after: i)
                i = start
            } else {
                utf8.formIndex(after: &i)
            }
        }
    }

    /// FNV-1a (64 bit) of the keys, as 16 hex digits, followed by their
    /// count: identifies a layout across files (checked key by key on use).
    static func hash(_ keys: [LayoutKey]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String, _ separator: UInt8) {
            for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            h = (h ^ UInt64(separator)) &* 0x0000_0100_0000_01b3
        }
        for key in keys {
            add(key.scope, 0x1F); add(key.name, 0x1F); add(key.kpi, 0x1E)
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + ":" + String(keys.count)
    }
}

/// One KPI's identity: scope, scope name, KPI name.
struct LayoutKey: Hashable, Comparable {
    var scope: String
    var name: String
    var kpi: String
    static func < (a: LayoutKey, b: LayoutKey) -> Bool { (a.scope, a.name, a.kpi) < (b.scope, b.name, b.kpi) }
}

/// A stored layout: its id in this file, its keys in packed order, and the
/// positions in (scope, scope name, KPI) order for reading back sorted.
struct KPILayout: Sendable {
    let id: Int64
    let keys: [LayoutKey]
    let sortedPositions: [Int]

    init(id: Int64, keys: [LayoutKey]) {
        self.id = id
        self.keys = keys
        sortedPositions = keys.indices.sorted { keys[$0] < keys[$1] }
    }

    /// Whether `rows` list exactly these keys in this order. O(n), string
    /// comparisons only (no hashing), so a batch in the usual layout costs
    /// little to recognise.
    func matches(_ rows: ArraySlice<KPIRow>) -> Bool {
        guard rows.count == keys.count else { return false }
        // Indices rather than zip: no copies of the keys and rows (each copy
        // retains three strings).
        var r = rows.startIndex
        for k in keys.indices {
            guard sameBytes(keys[k].kpi, rows[r].kpi), sameBytes(keys[k].name, rows[r].scopeName),
                  sameBytes(keys[k].scope, rows[r].scope.rawValue)
            else { return false }
            r += 1
        }
        return true
    }
}

/// Whether two strings have the same UTF-8 bytes. `==` compares by
/// canonical equivalence, which for non-ASCII text (office names) walks the
/// strings scalar by scalar; the store cares about the bytes it writes.
@inline(__always)
func sameBytes(_ a: String, _ b: String) -> Bool {
    let fast = a.utf8.withContiguousStorageIfAvailable { x in
        b.utf8.withContiguousStorageIfAvailable { y in
            x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
        }
    }
    if let fast, let result = fast { return result }
    return a.utf8.elementsEqual(b.utf8)
}

/// Layouts this connection has read or written (never stale: a committed
/// layout is never changed or removed).
struct KPILayoutCache {
    private(set) var byID: [Int64: KPILayout] = [:]
    /// Most recently used first, for recognising a batch's keys.
    private(set) var recent: [KPILayout] = []

    mutating func remember(_ layout: KPILayout) {
        byID[layout.id] = layout
        recent.removeAll { $0.id == layout.id }
        recent.insert(layout, at: 0)
        if recent.count > 8 { recent.removeLast() }
    }
}

extension LayoutKey {
    init(_ row: KPIRow) { self.init(scope: row.scope.rawValue, name: row.scopeName, kpi: row.kpi) }
}

// MARK: Finding and creating layouts

extension RunStore {
    /// The layout listing `rows`' keys in order, found in the cache, among
    /// `created` (this transaction's new layouts), in the file, or created.
    /// Call inside a write transaction; the caller adds `created` to the
    /// cache once the transaction has committed.
    ///
    /// A key listed twice is refused like a duplicate row (SQLITE_CONSTRAINT).
    func layout(for rows: ArraySlice<KPIRow>, created: inout [KPILayout]) throws -> KPILayout {
        if let known = layouts.recent.first(where: { $0.matches(rows) }) ?? created.first(where: { $0.matches(rows) }) {
            return known
        }
        return try layout(for: rows.map(LayoutKey.init), created: &created)
    }

    func layout(for keys: [LayoutKey], created: inout [KPILayout]) throws -> KPILayout {
        if let known = layouts.recent.first(where: { $0.keys == keys }) ?? created.first(where: { $0.keys == keys }) {
            return known
        }
        let hash = KPIPacking.hash(keys)
        if let id = try db.scalarInt("SELECT id FROM kpi_layouts WHERE keys_hash = ?", hash) {
            let stored = try layout(id: Int64(id))
            guard stored.keys == keys else {
                throw SQLiteError(code: SQLITE_CORRUPT, message: "two KPI layouts share the hash \(hash)")
            }
            return stored
        }
        if Set(keys).count != keys.count {
            let seen = Dictionary(grouping: keys, by: { $0 }).first { $0.value.count > 1 }!.key
            throw SQLiteError(code: SQLITE_CONSTRAINT,
                              message: "KPI \(seen.scope)/\(seen.name)/\(seen.kpi) listed twice for one replication")
        }
        try db.run("INSERT INTO kpi_layouts(keys_hash, size) VALUES (?, ?)", hash, keys.count)
        let id = db.lastInsertRowID
        let insert = try statement(
            "INSERT INTO kpi_layout_keys(layout_id, position, scope, scope_name, kpi) VALUES (?, ?, ?, ?, ?)")
        try insert.bind(id, at: 1)
        for (position, key) in keys.enumerated() {
            try insert.bind(position, at: 2)
            try insert.bind(key.scope, at: 3)
            try insert.bind(key.name, at: 4)
            try insert.bind(key.kpi, at: 5)
            try insert.run()
        }
        let layout = KPILayout(id: id, keys: keys)
        created.append(layout)
        return layout
    }

    /// The stored layout with this id (from the cache, else read and cached).
    func layout(id: Int64) throws -> KPILayout {
        if let cached = layouts.byID[id] { return cached }
        let query = try statement(
            "SELECT scope, scope_name, kpi FROM kpi_layout_keys WHERE layout_id = ? ORDER BY position")
        try query.bind(id, at: 1)
        defer { query.reset() }
        var keys: [LayoutKey] = []
        while try query.step() { keys.append(LayoutKey(scope: query.string(0), name: query.string(1), kpi: query.string(2))) }
        let size = try db.scalarInt("SELECT size FROM kpi_layouts WHERE id = ?", id)
        guard size == keys.count else {
            throw SQLiteError(code: SQLITE_CORRUPT, message: "KPI layout \(id) is missing or incomplete")
        }
        let layout = KPILayout(id: id, keys: keys)
        layouts.remember(layout)
        return layout
    }

    /// The values of one `kpi_values` row, checked against its layout.
    func decodeValues(_ text: String, layout: KPILayout, run: RunID) throws -> [Double] {
        guard let values = KPIPacking.decode(text), values.count == layout.keys.count else {
            throw SQLiteError(code: SQLITE_CORRUPT, message: "run \(run): packed KPI values do not match their layout")
        }
        return values
    }
}

/// A run's KPI tallies, kept while the connection that began the run
/// records it in one layout and in increasing replication order (what runs
/// do). `finishRun` then summarises from them instead of reading every value
/// back; anything else (another layout, a replication out of order) drops
/// them, and the summary is read from the file as before. Either way each
/// KPI's values are tallied in replication order, so the figures are the same.
struct RunTallies {
    var layout: KPILayout?
    var tallies: [Tally] = []
    var lastReplication = -1
    /// Replications tallied (one `kpi_values` row each).
    var replications = 0
    var valid = true

    mutating func add(replication: Int, layout: KPILayout, values: [Double]) {
        guard valid else { return }
        if self.layout == nil {
            self.layout = layout
            tallies = [Tally](repeating: Tally(), count: layout.keys.count)
        }
        guard self.layout?.id == layout.id, replication > lastReplication else {
            valid = false
            return
        }
        for (i, value) in values.enumerated() where !value.isNaN { tallies[i].add(value) }
        lastReplication = replication
        replications += 1
    }
}
