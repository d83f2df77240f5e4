import CSQLite

/// An error reported by SQLite: the (extended) result code, SQLite's message
/// and, when a statement was involved, its SQL.
///
/// ```swift
/// do { try db.execute("INSERT INTO nowhere VALUES (1)") }
/// catch let error as SQLiteError { print(error) }
/// // SQLite error 1 (SQL logic error): no such table: nowhere — in: INSERT INTO nowhere VALUES (1)
/// ```
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The extended result code (`SQLITE_CONSTRAINT_PRIMARYKEY`, …).
    public var code: Int32
    /// SQLite's message for this failure (`sqlite3_errmsg` at the time).
    public var message: String
    /// The statement that failed, if any.
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code; self.message = message; self.sql = sql
    }

    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, …), i.e.
    /// the low byte of the extended code.
    public var primaryCode: Int32 { code & 0xff }

    /// The database was locked by another connection for longer than the
    /// busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// SQLite's generic English text for the code (`sqlite3_errstr`).
    public var codeDescription: String { String(cString: sqlite3_errstr(code)) }

    public var description: String {
        var text = "SQLite error \(code) (\(codeDescription))"
        if message != codeDescription { text += ": \(message)" }
        if let sql { text += " — in: \(Self.oneLine(sql))" }
        return text
    }

    /// Reads the current error of `handle` (code and message belong together,
    /// so both are read at once, right after the failing call).
    static func from(_ handle: OpaquePointer?, code: Int32, sql: String? = nil) -> SQLiteError {
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        // The extended code is only meaningful if it refines the code we got.
        let best = (extended & 0xff) == (code & 0xff) ? extended : code
        return SQLiteError(code: best, message: message, sql: sql)
    }

    /// Multi-line SQL squeezed to one line, shortened so the error stays readable.
    static func oneLine(_ sql: String) -> String {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        let joined = words.joined(separator: " ")
        return joined.count > 200 ? String(joined.prefix(200)) + "…" : joined
    }
}
