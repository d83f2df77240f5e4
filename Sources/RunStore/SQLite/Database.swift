import CSQLite

/// One connection to an SQLite database file: a thin owner of the `sqlite3*`
/// handle.
///
/// ```swift
/// let db = try Database(path: "runs.sqlite")
/// try db.execute("CREATE TABLE IF NOT EXISTS t(x INTEGER)")
/// try db.transaction {
///     let insert = try db.prepare("INSERT INTO t(x) VALUES (?)")
///     for x in 1...3 { try insert.bind(x, at: 1); try insert.run() }
/// }
/// ```
///
/// **Threads.** The connection is opened with `SQLITE_OPEN_NOMUTEX`
/// (SQLite's multi-thread mode: no per-call mutex), which is only safe when a
/// connection and its statements are used by one thread at a time. The class
/// is therefore deliberately *not* `Sendable`: Swift's checker then keeps each
/// connection inside one isolation domain. Threads or processes that write
/// the same file each open their own `Database`; SQLite's file locks, WAL mode
/// and the busy timeout coordinate them.
public final class Database {
    /// How to open the file.
    public enum OpenMode: Sendable {
        /// Reading only; the file must exist. Never writes to it.
        case readOnly
        /// Reading and writing; the file must exist.
        case readWrite
        /// Reading and writing; an absent file is created (empty).
        case readWriteCreate
    }

    /// The kind of lock a transaction takes at `BEGIN`.
    public enum TransactionKind: String, Sendable {
        /// Lock on first access; a read that later writes may fail with
        /// `SQLITE_BUSY` without waiting (another writer got in between).
        case deferred = "DEFERRED"
        /// Take the write lock at once (waiting up to the busy timeout). Use
        /// for every transaction that writes: it cannot deadlock.
        case immediate = "IMMEDIATE"
        case exclusive = "EXCLUSIVE"
    }

    /// The file name as given.
    public let path: String
    let handle: OpaquePointer
    private var savepointDepth = 0
    /// `BEGIN …` and `COMMIT`, compiled once: a run commits every few
    /// replications, and compiling them each time was a visible part of it.
    private var transactionStatements: [String: OpaquePointer] = [:]

    /// Opens (or creates) the database at `path`. `uri: true` lets `path` and
    /// `ATTACH` use `file:` URIs (`file:x.sqlite?mode=ro`).
    ///
    /// Opening is lazy in SQLite: a file that is not a database is only
    /// detected at the first statement that reads it.
    public init(path: String, mode: OpenMode = .readWriteCreate, uri: Bool = false) throws {
        var flags = SQLITE_OPEN_NOMUTEX
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        if uri { flags |= SQLITE_OPEN_URI }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError.from(db, code: rc)
            sqlite3_close_v2(db)  // a handle is returned even on failure
            throw error
        }
        sqlite3_extended_result_codes(db, 1)
        self.path = path
        self.handle = db
    }

    deinit {
        // Statements hold a strong reference to their database, so none is
        // left unfinalised here and close_v2 closes at once.
        for statement in transactionStatements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    // MARK: Settings

    /// How long a statement waits for another connection's lock before
    /// failing with `SQLITE_BUSY` (SQLite sleeps and retries meanwhile).
    public var busyTimeout: Duration = .zero {
        didSet {
            sqlite3_busy_timeout(handle, Int32(clamping: busyTimeout.milliseconds))
        }
    }

    /// Switches the file to write-ahead logging (readers never block the
    /// writer, and a writer never blocks readers). The mode is stored in the
    /// file and persists. Returns the journal mode now in effect.
    @discardableResult
    public func enableWAL() throws -> String {
        try scalarText("PRAGMA journal_mode = WAL") ?? ""
    }

    /// True if the connection cannot write (opened read-only, or SQLite fell
    /// back to read-only because the file is not writable).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// True inside `BEGIN … COMMIT`.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Row id of the last successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last `INSERT`, `UPDATE` or `DELETE`.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The SQLite library version in use ("3.40.1").
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    // MARK: Statements

    /// Runs one or more `;`-separated statements without parameters (DDL,
    /// pragmas). Any rows they return are discarded.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) }
            sqlite3_free(message)
            var error = SQLiteError.from(handle, code: rc, sql: sql)
            if let text { error.message = text }
            throw error
        }
    }

    /// Runs one parameterless statement, compiled on first use and kept.
    private func executeCached(_ sql: String) throws {
        let statement: OpaquePointer
        if let cached = transactionStatements[sql] {
            statement = cached
        } else {
            var compiled: OpaquePointer?
            let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &compiled, nil)
            guard rc == SQLITE_OK, let compiled else { throw SQLiteError.from(handle, code: rc, sql: sql) }
            transactionStatements[sql] = compiled
            statement = compiled
        }
        let rc = sqlite3_step(statement)
        defer { sqlite3_reset(statement) }
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw SQLiteError.from(handle, code: rc, sql: sql) }
    }

    /// Compiles one statement. `persistent: true` hints to SQLite that the
    /// statement will be reused many times (it then avoids its lookaside pool).
    public func prepare(_ sql: String, persistent: Bool = false) throws -> Statement {
        try Statement(database: self, sql: sql, persistent: persistent)
    }

    /// Prepares, binds `values` to parameters 1, 2, … and runs one statement
    /// to completion. For statements run once; reuse `prepare` in loops.
    public func run(_ sql: String, _ values: (any SQLiteValue)?...) throws {
        let statement = try prepare(sql)
        try statement.bind(values)
        try statement.run()
    }

    /// The first column of the first row as an integer (nil if no row or NULL).
    public func scalarInt(_ sql: String, _ values: (any SQLiteValue)?...) throws -> Int? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int(0)
    }

    /// The first column of the first row as text (nil if no row or NULL).
    public func scalarText(_ sql: String, _ values: (any SQLiteValue)?...) throws -> String? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step() else { return nil }
        return statement.optionalString(0)
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: committed if it returns, rolled back if
    /// it throws (the error is rethrown). Inside another transaction it nests
    /// as a savepoint, so helpers may open their own.
    ///
    /// ```swift
    /// try db.transaction { try db.run("DELETE FROM t") }   // all or nothing
    /// ```
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            savepointDepth += 1
            let name = "wardsim_sp\(savepointDepth)"
            defer { savepointDepth -= 1 }
            try execute("SAVEPOINT \(name)")
            do {
                let result = try body()
                try execute("RELEASE \(name)")
                return result
            } catch {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
                throw error
            }
        }
        try executeCached("BEGIN \(kind.rawValue)")
        do {
            let result = try body()
            try executeCached("COMMIT")
            return result
        } catch {
            // After some errors (e.g. SQLITE_FULL) SQLite has already rolled
            // back; ROLLBACK then fails harmlessly.
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }
}
