import CSQLite
import Foundation

/// The run store: one SQLite file holding every run, its per-replication
/// KPIs and, on request, per-citizen records and time series. Value types go
/// in and come out; SQL stays inside.
///
/// ```swift
/// let store = try RunStore.open(path: RunStore.defaultPath())
/// let run = try store.beginRun(record)
/// try store.record(kpis: rowsOfReplication0, for: run)   // one transaction per batch
/// try store.finishRun(run, status: .done)
/// for s in try store.summary(run: run) { print(s.kpi, s.mean, s.low, s.high) }
/// ```
///
/// **Several writers.** The file is in WAL mode with a busy timeout, so
/// several processes (or threads, each with its own `RunStore`) can write
/// it at once; each call that writes is one short `BEGIN IMMEDIATE`
/// transaction, so a killed process loses only the batch it was writing.
///
/// **Threads.** A `RunStore` is one SQLite connection and, like `Database`,
/// deliberately not `Sendable`: use it from one thread at a time, and open
/// one per thread that writes.
///
/// **Errors.** Every throwing method throws `RunStoreError` only.
public final class RunStore {
    /// How `open` may use the file.
    public enum AccessMode: Sendable {
        /// Create the file if absent, migrate an older schema forward.
        case readWrite
        /// Only read; the file must exist and have the current schema.
        case readOnly
    }

    /// File name used when neither `--db` nor `WARDSIM_DB` says otherwise.
    public static let defaultFileName = "wardsim.sqlite"
    /// Environment variable naming the store file.
    public static let environmentVariable = "WARDSIM_DB"
    /// How long a write waits for another process's lock by default.
    public static let defaultBusyTimeout: Duration = .seconds(30)

    /// The file as given to `open`.
    public let path: String
    public let accessMode: AccessMode
    public let busyTimeout: Duration
    let db: Database
    /// Prepared statements reused across calls (inserting rows is mostly
    /// statement compilation otherwise).
    var statements: [String: Statement] = [:]
    /// KPI layouts read or written through this connection (see `KPIPacking`).
    var layouts = KPILayoutCache()
    /// Layouts a merge in progress created, remembered once it commits.
    var pendingMergeLayouts: [KPILayout] = []
    /// Running tallies of the runs this connection began and is recording,
    /// so `finishRun` need not read their values back (see `RunTallies`).
    var runTallies: [RunID: RunTallies] = [:]
    /// Reused for each packed row's text (see `NumberText`).
    var packText = NumberText(capacity: 16_384)

    private init(path: String, accessMode: AccessMode, busyTimeout: Duration, db: Database) {
        self.path = path; self.accessMode = accessMode; self.busyTimeout = busyTimeout; self.db = db
    }

    // MARK: Where the file is

    /// `WARDSIM_DB` if set and not empty, else `wardsim.sqlite` in the
    /// working directory.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        return defaultFileName
    }

    /// The path to use given the `--db` option (which wins when present).
    public static func path(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let option, !option.isEmpty { return option }
        return defaultPath(environment: environment)
    }

    // MARK: Opening

    /// The newest schema version this program reads and writes.
    public static var schemaVersion: Int { Schema.currentVersion }

    /// Opens the store at `path`, creating it if absent (read-write mode) and
    /// migrating an older schema forward.
    ///
    /// A file that is not a wardsim database, has a newer schema, is
    /// read-only or sits in a missing directory is refused with a
    /// `RunStoreError`, and is left exactly as it was: it is first inspected
    /// with plain reads (`FileCheck`), and the authoritative check inside
    /// SQLite runs in the same transaction as any migration, before any write.
    /// Only then is the file switched to WAL mode.
    public static func open(
        path: String, mode: AccessMode = .readWrite, busyTimeout: Duration = defaultBusyTimeout
    ) throws(RunStoreError) -> RunStore {
        let state = try FileCheck.inspect(path: path, forWriting: mode == .readWrite)
        do {
            let db = try Database(path: path, mode: mode == .readOnly ? .readOnly : .readWriteCreate, uri: true)
            db.busyTimeout = busyTimeout
            try db.execute("PRAGMA foreign_keys = ON")
            switch mode {
            case .readOnly:
                let version = try db.transaction(.deferred) { try inspect(db, path: path) }
                guard version == Schema.currentVersion else {
                    if version == 0 && state == .empty {
                        throw RunStoreError.notWardsimDatabase(path: path, reason: "it is empty")
                    }
                    throw RunStoreError.olderSchema(path: path, found: version, expected: Schema.currentVersion)
                }
            case .readWrite:
                // SQLite silently falls back to read-only when it cannot write.
                if db.isReadOnly { throw RunStoreError.readOnly(path: path) }
                try db.transaction(.immediate) {
                    let version = try inspect(db, path: path)
                    if version < Schema.currentVersion { try Schema.migrate(db, from: version) }
                }
                try enableWAL(db)
                // In WAL mode NORMAL loses nothing when a process is killed
                // (only on power loss), and commits need no fsync.
                try db.execute("PRAGMA synchronous = NORMAL")
            }
            return RunStore(path: path, accessMode: mode, busyTimeout: busyTimeout, db: db)
        } catch {
            throw RunStoreError(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Reads application id, schema version and whether the file has any
    /// tables; returns the version (0: a fresh, empty database) or throws if
    /// the file is not ours or too new.
    static func inspect(_ db: Database, path: String) throws -> Int {
        let applicationID = try db.scalarInt("PRAGMA application_id") ?? 0
        let version = try db.scalarInt("PRAGMA user_version") ?? 0
        if applicationID == Int(Schema.applicationID) {
            if version > Schema.currentVersion {
                throw RunStoreError.newerSchema(path: path, found: version, known: Schema.currentVersion)
            }
            return version
        }
        if applicationID != 0 {
            throw RunStoreError.notWardsimDatabase(path: path, reason: "it is an SQLite database of another application")
        }
        let objects = try db.scalarInt("SELECT count(*) FROM sqlite_master") ?? 0
        guard objects == 0 && version == 0 else {
            throw RunStoreError.notWardsimDatabase(path: path, reason: "it is an SQLite database without wardsim's tables")
        }
        return 0
    }

    /// Switches to WAL. When several processes open a fresh file at once, the
    /// switch can meet another connection's lock without the busy handler
    /// being consulted, so it is retried for up to the busy timeout.
    private static func enableWAL(_ db: Database) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + db.busyTimeout
        while true {
            do {
                let mode = try db.enableWAL()
                if mode.lowercased() == "wal" { return }
                // Another connection held the file: the mode did not change.
            } catch let error as SQLiteError where error.isBusy {
                // fall through to retry
            }
            if clock.now >= deadline { throw SQLiteError(code: SQLITE_BUSY, message: "could not switch to WAL mode") }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    // MARK: Helpers for the API files

    /// Runs `body`, mapping whatever it throws to a `RunStoreError`.
    func guarded<T>(_ body: () throws -> T) throws(RunStoreError) -> T {
        do { return try body() } catch { throw RunStoreError(error, path: path, busyTimeout: busyTimeout) }
    }

    /// A prepared statement from the cache (compiled on first use).
    func statement(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try db.prepare(sql, persistent: true)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` in a write transaction.
    func write<T>(_ body: () throws -> T) throws(RunStoreError) -> T {
        try guarded {
            guard accessMode == .readWrite else { throw RunStoreError.readOnly(path: path) }
            return try db.transaction(.immediate, body)
        }
    }
}
