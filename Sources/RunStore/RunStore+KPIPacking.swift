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
/// *layout* (`kpi_layouts`, `kpi_layout_scopes`): the list of (scope, scope
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
    /// read back as infinity); see `NumberText`. O(n).
    static func encode<C: Collection>(_ values: C) -> String where C.Element == Double {
        var text = NumberText(capacity: values.count * 10 + 2)
        append(values, to: &text)
        return text.string
    }

    /// Appends the JSON array of `values` to `text`. O(n).
    static func append<C: Collection>(_ values: C, to text: inout NumberText) where C.Element == Double {
        text.append(byte: UInt8(ascii: "["))
        var first = true
        for value in values {
            if !first { text.append(byte: UInt8(ascii: ",")) }
            first = false
            text.append(value)
        }
        text.append(byte: UInt8(ascii: "]"))
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
    static func hash(_ keys: [LayoutKey]) -> String { KeysEncoding(keys).hash }
}

/// What creating a layout needs from its keys, in one pass over their
/// UTF-8 bytes: the layout hash (`KPIPacking.hash`), whether a key is
/// listed twice, and the rows of `kpi_layout_scopes`: each run of
/// consecutive keys with the same scope and scope name, with its KPI names
/// as a JSON array. A baseline layout has ~600 keys and ~25 kB of names in
/// ~30 such runs; Set<LayoutKey> (Unicode-normalising hashes) and
/// character-wise escaping cost more than writing them.
///
/// Cost: O(bytes), plus a set of one 64-bit hash per key.
struct KeysEncoding: ~Copyable {
    /// One row of `kpi_layout_scopes`: its KPI names are `names[range]`.
    struct ScopeRun {
        var first: Int
        var scope: String
        var name: String
        var range: Range<Int>
    }

    let hash: String
    let hasDuplicate: Bool
    let runs: [ScopeRun]
    /// The runs' JSON arrays of KPI names, one after the other.
    var names: NumberText

    init(_ keys: [LayoutKey]) {
        let prime: UInt64 = 0x0000_0100_0000_01b3, basis: UInt64 = 0xcbf2_9ce4_8422_2325
        var h = basis
        var keyHashes = Set<UInt64>(minimumCapacity: keys.count)
        var collision = false
        var names = NumberText(capacity: keys.count * 24)
        var runs: [ScopeRun] = []
        var scopeHash = basis  // of the current key's scope and scope name
        var previousScopeHash: UInt64? = nil
        for (position, key) in keys.enumerated() {
            // Scope and name: into the layout hash and the key's own hash.
            var k = basis
            for text in [key.scope, key.name] {
                var text = text
                text.withUTF8 { bytes in
                    for byte in bytes {
                        h = (h ^ UInt64(byte)) &* prime
                        k = (k ^ UInt64(byte)) &* prime
                    }
                }
                h = (h ^ 0x1F) &* prime
                k = (k ^ 0x1F) &* prime
            }
            scopeHash = k
            let sameRun = previousScopeHash == scopeHash && runs.last.map {
                sameBytes($0.scope, key.scope) && sameBytes($0.name, key.name)
            } == true
            if sameRun {
                names.append(byte: UInt8(ascii: ","))
            } else {
                if let last = runs.indices.last {
                    names.append(byte: UInt8(ascii: "]"))
                    runs[last].range = runs[last].range.lowerBound..<names.count
                }
                runs.append(ScopeRun(first: position, scope: key.scope, name: key.name, range: names.count..<names.count))
                names.append(byte: UInt8(ascii: "["))
            }
            previousScopeHash = scopeHash
            var kpi = key.kpi
            kpi.withUTF8 { bytes in
                for byte in bytes {
                    h = (h ^ UInt64(byte)) &* prime
                    k = (k ^ UInt64(byte)) &* prime
                }
                names.appendQuoted(bytes)
            }
            h = (h ^ 0x1E) &* prime
            k = (k ^ 0x1E) &* prime
            if !keyHashes.insert(k).inserted { collision = true }
        }
        if let last = runs.indices.last {
            names.append(byte: UInt8(ascii: "]"))
            runs[last].range = runs[last].range.lowerBound..<names.count
        }
        // Equal hashes need not be equal keys: check exactly (rare).
        hasDuplicate = collision && Set(keys.map(BytewiseKey.init)).count != keys.count
        let hex = String(h, radix: 16)
        hash = String(repeating: "0", count: 16 - hex.count) + hex + ":" + String(keys.count)
        self.runs = runs
        self.names = names
    }
}

/// One KPI's identity: scope, scope name, KPI name.
struct LayoutKey: Hashable, Comparable {
    var scope: String
    var name: String
    var kpi: String
    static func < (a: LayoutKey, b: LayoutKey) -> Bool { (a.scope, a.name, a.kpi) < (b.scope, b.name, b.kpi) }
}

/// A stored layout: its id in this file and its keys in packed order.
struct KPILayout: Sendable {
    let id: Int64
    let keys: [LayoutKey]

    init(id: Int64, keys: [LayoutKey]) {
        self.id = id
        self.keys = keys
    }

    /// The positions in (scope, scope name, KPI) order, for reading back
    /// sorted. O(n log n) string comparisons: only readers need it, so it
    /// is not computed when a run is written.
    func sortedPositions() -> [Int] { keys.indices.sorted { keys[$0] < keys[$1] } }

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

/// A layout key hashed and compared by its UTF-8 bytes: a set of ~600 of
/// them is built for every new layout, and `String`'s own hashing
/// normalises non-ASCII text (office names) first, which cost more than
/// writing the layout.
struct BytewiseKey: Hashable {
    let key: LayoutKey
    init(_ key: LayoutKey) { self.key = key }

    func hash(into hasher: inout Hasher) {
        for text in [key.scope, key.name, key.kpi] {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(UInt8(0xFF))  // not UTF-8: separates the fields
        }
    }

    static func == (a: BytewiseKey, b: BytewiseKey) -> Bool {
        sameBytes(a.key.scope, b.key.scope) && sameBytes(a.key.name, b.key.name) && sameBytes(a.key.kpi, b.key.kpi)
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
    /// Key lists (`KPIKeyList`) already recognised, by identity; the list is
    /// kept alive here, so its identity cannot be reused by another.
    private var lists: [(KPIKeyList.Storage, KPILayout)] = []

    mutating func remember(_ layout: KPILayout) {
        byID[layout.id] = layout
        recent.removeAll { $0.id == layout.id }
        recent.insert(layout, at: 0)
        if recent.count > 8 { recent.removeLast() }
    }

    mutating func remember(_ layout: KPILayout, for list: KPIKeyList.Storage) {
        remember(layout)
        lists.removeAll { $0.0 === list }
        lists.insert((list, layout), at: 0)
        if lists.count > 8 { lists.removeLast() }
    }

    /// O(1) for the lists of the last few runs.
    func layout(for list: KPIKeyList.Storage) -> KPILayout? {
        lists.first { $0.0 === list }?.1
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
        let encoding = KeysEncoding(keys)
        let hash = encoding.hash
        let find = try statement("SELECT id FROM kpi_layouts WHERE keys_hash = ?")
        try find.bind(hash, at: 1)
        let found = try find.step() ? find.int64(0) : nil
        find.reset()
        if let id = found {
            let stored = try layout(id: id)
            guard stored.keys == keys else {
                throw SQLiteError(code: SQLITE_CORRUPT, message: "two KPI layouts share the hash \(hash)")
            }
            return stored
        }
        if encoding.hasDuplicate {
            let seen = Dictionary(grouping: keys, by: { $0 }).first { $0.value.count > 1 }!.key
            throw SQLiteError(code: SQLITE_CONSTRAINT,
                              message: "KPI \(seen.scope)/\(seen.name)/\(seen.kpi) listed twice for one replication")
        }
        let insertLayout = try statement("INSERT INTO kpi_layouts(keys_hash, size) VALUES (?, ?)")
        try insertLayout.bind([hash, keys.count])
        try insertLayout.run()
        let id = db.lastInsertRowID
        // One row per run of keys sharing scope and scope name (schema version 2).
        let insert = try statement("""
            INSERT INTO kpi_layout_scopes(layout_id, first_position, scope, scope_name, kpis) VALUES (?, ?, ?, ?, ?)
            """)
        for run in encoding.runs {
            try insert.bind(id, at: 1)
            try insert.bind(run.first, at: 2)
            try insert.bind(run.scope, at: 3)
            try insert.bind(run.name, at: 4)
            try encoding.names.withBytes { try insert.bindText(UnsafeBufferPointer(rebasing: $0[run.range]), at: 5) }
            try insert.run()
        }
        let layout = KPILayout(id: id, keys: keys)
        created.append(layout)
        return layout
    }

    /// The layout of a run's key list: by identity from the cache, else
    /// found or created as for any keys. The caller remembers the pair
    /// (`KPILayoutCache.remember(_:for:)`) once the transaction commits.
    func layout(for list: KPIKeyList, created: inout [KPILayout]) throws -> KPILayout {
        if let known = layouts.layout(for: list.storage) { return known }
        return try layout(for: list.storage.layoutKeys, created: &created)
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
