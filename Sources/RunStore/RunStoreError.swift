import CSQLite

/// Everything that can go wrong with a run store, each with one line a
/// planner can act on (`description`). The file-level cases are detected
/// before anything is written, so the file is left as it was.
///
/// ```swift
/// do { _ = try RunStore.open(path: "notes.txt") }
/// catch { print(error) }   // notes.txt is not a wardsim database (it is not an SQLite file); left untouched
/// ```
public enum RunStoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Not an SQLite file, or an SQLite database of another application.
    case notWardsimDatabase(path: String, reason: String)
    /// Written by a newer wardsim; this program will not downgrade it.
    case newerSchema(path: String, found: Int, known: Int)
    /// An older schema where migrating is not allowed (opened read-only, or
    /// the other file of a merge).
    case olderSchema(path: String, found: Int, expected: Int)
    /// The file (or its directory) cannot be written.
    case readOnly(path: String)
    /// The directory that should hold a new file does not exist.
    case directoryMissing(path: String, directory: String)
    /// The file does not exist (opening read-only, or a merge source).
    case fileMissing(path: String)
    /// Another process held the lock for longer than the busy timeout.
    case busy(path: String, waited: Duration)
    /// `merge(from:)` was given the store's own file.
    case mergeIntoItself(path: String)
    case unknownRun(path: String, id: RunID)
    case unknownSweep(path: String, id: SweepID)
    case unknownComparison(path: String, id: ComparisonID)
    /// Any other SQLite failure (disk full, I/O error, a bug).
    case sqlite(path: String, SQLiteError)

    public var description: String {
        switch self {
        case let .notWardsimDatabase(path, reason):
            return "\(path) is not a wardsim database (\(reason)); left untouched"
        case let .newerSchema(path, found, known):
            return "\(path) has run-store schema version \(found), but this wardsim knows only up to \(known); "
                + "use a newer wardsim (the file was left untouched)"
        case let .olderSchema(path, found, expected):
            return "\(path) has run-store schema version \(found), expected \(expected); "
                + "open it once read-write with this wardsim to migrate it"
        case let .readOnly(path):
            return "\(path) is read-only; make it and its directory writable or choose another file"
        case let .directoryMissing(path, directory):
            return "cannot create \(path): directory \(directory) does not exist"
        case let .fileMissing(path):
            return "\(path) does not exist"
        case let .busy(path, waited):
            return "\(path) is locked by another process (waited \(waited.shortText)); try again later"
        case let .mergeIntoItself(path):
            return "cannot merge \(path) into itself"
        case let .unknownRun(path, id):
            return "\(path) has no run \(id)"
        case let .unknownSweep(path, id):
            return "\(path) has no sweep \(id)"
        case let .unknownComparison(path, id):
            return "\(path) has no comparison \(id)"
        case let .sqlite(path, error):
            return "\(path): \(error)"
        }
    }

    /// Maps any error thrown below the API to a `RunStoreError` for `path`.
    init(_ error: any Error, path: String, busyTimeout: Duration) {
        switch error {
        case let error as RunStoreError:
            self = error
        case let error as SQLiteError:
            switch error.primaryCode {
            case SQLITE_BUSY, SQLITE_LOCKED: self = .busy(path: path, waited: busyTimeout)
            case SQLITE_READONLY: self = .readOnly(path: path)
            case SQLITE_NOTADB: self = .notWardsimDatabase(path: path, reason: "it is not an SQLite file")
            default: self = .sqlite(path: path, error)
            }
        default:
            self = .sqlite(path: path, SQLiteError(code: SQLITE_ERROR, message: String(describing: error)))
        }
    }
}

extension Duration {
    /// "30 s", "1.5 s", "250 ms".
    var shortText: String {
        let ms = milliseconds
        if ms < 1000 { return "\(ms) ms" }
        if ms % 1000 == 0 { return "\(ms / 1000) s" }
        return "\(Double(ms) / 1000) s"
    }
}

extension Duration {
    /// Whole milliseconds (truncated).
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
