import CSQLite
import Foundation

/// `SQLITE_TRANSIENT`: tells SQLite to copy bound text and blobs at once, so
/// the Swift buffer may go away as soon as `sqlite3_bind_*` returns. (The C
/// macro is `((sqlite3_destructor_type)-1)`, which Swift cannot import.)
/// A computed property, so no global mutable-looking state is involved.
private var sqliteTransient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A compiled SQL statement: bind parameters, step through rows, read
/// columns, reset and reuse. Finalised when the last reference goes.
///
/// ```swift
/// let query = try db.prepare("SELECT name, value FROM kpis WHERE run_id = :run")
/// try query.bind(7, named: ":run")
/// while try query.step() {
///     print(query.string(0), query.double(1))
/// }
/// ```
///
/// Parameter and column indices follow SQLite: parameters count from 1,
/// columns from 0. Reusing one statement for many rows (bind, `run()`,
/// repeat) avoids recompiling the SQL each time — most of the cost of an insert.
/// Not `Sendable`, like its `Database`.
public final class Statement {
    /// The SQL text as compiled.
    public let sql: String
    let handle: OpaquePointer
    /// Keeps the connection open while the statement lives.
    let database: Database

    init(database: Database, sql: String, persistent: Bool) throws {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, flags, &statement, nil)
        guard rc == SQLITE_OK else { throw SQLiteError.from(database.handle, code: rc, sql: sql) }
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement in the text", sql: sql)
        }
        self.sql = sql
        self.handle = statement
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding

    /// Number of `?`/`:name` parameters in the statement.
    public var parameterCount: Int32 { sqlite3_bind_parameter_count(handle) }

    private func check(_ rc: Int32) throws {
        if rc != SQLITE_OK { throw SQLiteError.from(database.handle, code: rc, sql: sql) }
    }

    public func bind(_ value: Int, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// NaN is stored as NULL (SQLite has no NaN); ±infinity as is.
    public func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    public func bind(_ value: String, at index: Int32) throws {
        var text = value
        let rc = text.withUTF8 { bytes -> Int32 in
            // An empty buffer may have no base address, and a null pointer
            // would bind NULL rather than ''.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text64(handle, index, $0, UInt64(bytes.count), sqliteTransient, UInt8(SQLITE_UTF8))
            }
        }
        try check(rc)
    }

    /// Binds UTF-8 bytes as text (copied by SQLite, like every bind here).
    public func bindText(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        let rc: Int32 = {
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_bind_text64(handle, index, $0, UInt64(buffer.count), sqliteTransient, UInt8(SQLITE_UTF8))
            }
        }()
        try check(rc)
    }

    public func bind(_ value: Data, at index: Int32) throws {
        let rc = value.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_zeroblob(handle, index, 0)  // empty blob, not NULL
            }
            return sqlite3_bind_blob64(handle, index, base, UInt64(bytes.count), sqliteTransient)
        }
        try check(rc)
    }

    public func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds any supported value, or NULL for nil.
    public func bind(_ value: (any SQLiteValue)?, at index: Int32) throws {
        if let value { try value.bind(to: self, at: index) } else { try bindNull(at: index) }
    }

    /// Binds `values` to parameters 1, 2, … in order.
    public func bind(_ values: [(any SQLiteValue)?]) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// The 1-based index of a named parameter (`:name`, `@name` or `$name`,
    /// written with its prefix).
    public func parameterIndex(_ name: String) throws -> Int32 {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else {
            throw SQLiteError(code: SQLITE_RANGE, message: "no parameter named \(name)", sql: sql)
        }
        return index
    }

    /// Binds a value to a named parameter.
    public func bind(_ value: (any SQLiteValue)?, named name: String) throws {
        try bind(value, at: try parameterIndex(name))
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() { sqlite3_clear_bindings(handle) }

    // MARK: Running

    /// Advances to the next row: true if a row is available to read, false
    /// when the statement has finished. On error the statement is reset
    /// (ready for reuse) and the error thrown.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError.from(database.handle, code: rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs a statement that returns no rows (or ignores them) to completion,
    /// then resets it for the next use. Bindings are kept.
    public func run() throws {
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Rewinds to the start (keeping the bindings), releasing any read lock.
    public func reset() { sqlite3_reset(handle) }

    // MARK: Columns (0-based)

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func columnName(_ index: Int32) -> String {
        sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
    }

    public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// The column as an integer (0 for NULL, SQLite's conversion otherwise).
    public func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }

    public func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    public func optionalInt(_ index: Int32) -> Int? { isNull(index) ? nil : int(index) }

    /// The column as a double; NULL reads as NaN (the inverse of binding NaN).
    public func double(_ index: Int32) -> Double {
        isNull(index) ? .nan : sqlite3_column_double(handle, index)
    }

    public func optionalDouble(_ index: Int32) -> Double? {
        isNull(index) ? nil : sqlite3_column_double(handle, index)
    }

    /// The column as text ("" for NULL).
    public func string(_ index: Int32) -> String { optionalString(index) ?? "" }

    public func optionalString(_ index: Int32) -> String? {
        // Text pointer first, then its length: that is the order SQLite documents.
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    public func data(_ index: Int32) -> Data {
        guard let blob = sqlite3_column_blob(handle, index) else { return Data() }
        return Data(bytes: blob, count: Int(sqlite3_column_bytes(handle, index)))
    }
}

/// A Swift value that can be bound to a statement parameter.
///
/// ```swift
/// try db.run("INSERT INTO t(a, b, c) VALUES (?, ?, ?)", 1, "two", nil)
/// ```
public protocol SQLiteValue {
    func bind(to statement: Statement, at index: Int32) throws
}

extension Int: SQLiteValue {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Int64: SQLiteValue {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Int32: SQLiteValue {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(Int64(self), at: index) }
}
/// Stored as the signed 64-bit integer with the same bit pattern (SQLite
/// integers are signed); read back with `UInt64(bitPattern:)`.
extension UInt64: SQLiteValue {
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.bind(Int64(bitPattern: self), at: index)
    }
}
extension Bool: SQLiteValue {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self ? 1 : 0, at: index) }
}
extension Double: SQLiteValue {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension String: SQLiteValue {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Data: SQLiteValue {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
