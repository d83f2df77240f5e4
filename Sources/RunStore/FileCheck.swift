import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks a store path *before* SQLite opens it, using plain file reads, so
/// that a foreign file, a newer schema, a read-only file or a missing
/// directory is reported without SQLite creating, locking or writing
/// anything. (SQLite's own checks run again later inside the opening
/// transaction; these are the ones that must never touch the file.)
enum FileCheck {
    /// What the 100-byte SQLite header says.
    struct Header: Equatable {
        var applicationID: Int32
        var userVersion: Int32
    }

    enum State: Equatable {
        /// No file yet (its directory exists).
        case absent
        /// A zero-length file: SQLite treats it as an empty database, and so
        /// do we (it is what `touch wardsim.sqlite` makes).
        case empty
        case sqlite(Header)
    }

    /// Inspects `path`; throws the file-level `RunStoreError`s.
    /// `forWriting` adds the writability checks and allows an absent file.
    static func inspect(path: String, forWriting: Bool) throws(RunStoreError) -> State {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            guard forWriting else { throw .fileMissing(path: path) }
            let directory = parentDirectory(of: path)
            var parentIsDirectory: ObjCBool = false
            guard files.fileExists(atPath: directory, isDirectory: &parentIsDirectory), parentIsDirectory.boolValue
            else { throw .directoryMissing(path: path, directory: directory) }
            guard isWritable(directory) else { throw .readOnly(path: path) }
            return .absent
        }
        if isDirectory.boolValue { throw .notWardsimDatabase(path: path, reason: "it is a directory") }

        let state: State
        switch readHeader(path) {
        case .unreadable(let reason):
            throw .sqlite(path: path, SQLiteError(code: 14, message: "cannot read the file: \(reason)"))
        case .empty:
            state = .empty
        case .notSQLite:
            throw .notWardsimDatabase(path: path, reason: "it is not an SQLite file")
        case .header(let header):
            if header.applicationID != Schema.applicationID && header.applicationID != 0 {
                throw .notWardsimDatabase(path: path, reason: "it is an SQLite database of another application")
            }
            if header.applicationID == Schema.applicationID && Int(header.userVersion) > Schema.currentVersion {
                throw .newerSchema(path: path, found: Int(header.userVersion), known: Schema.currentVersion)
            }
            state = .sqlite(header)
        }
        // WAL mode needs to create `-wal` and `-shm` files next to the database.
        if forWriting && !(isWritable(path) && isWritable(parentDirectory(of: path))) {
            throw .readOnly(path: path)
        }
        return state
    }

    /// The directory part of `path` ("." for a bare file name).
    static func parentDirectory(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// Writable by this process *and* not marked read-only in its permission
    /// bits. The second test matters when running as root, for whom
    /// `access(W_OK)` is always true: a results file someone made read-only
    /// (`chmod a-w`) to protect it is not written, whoever runs wardsim.
    static func isWritable(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return access(path, W_OK) == 0 && (info.st_mode & 0o222) != 0
    }

    private enum HeaderRead {
        case unreadable(String), empty, notSQLite, header(Header)
    }

    /// Reads the first 100 bytes: magic string, then the big-endian
    /// `user_version` at offset 60 and `application_id` at offset 68.
    private static func readHeader(_ path: String) -> HeaderRead {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 100)
        var filled = 0
        while filled < 100 {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, 100 - filled) }
            if n < 0 { return .unreadable(String(cString: strerror(errno))) }
            if n == 0 { break }
            filled += n
        }
        if filled == 0 { return .empty }
        let magic = Array("SQLite format 3\0".utf8)
        guard filled == 100, Array(bytes[0..<16]) == magic else { return .notSQLite }
        func int32(at offset: Int) -> Int32 {
            Int32(bitPattern: UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
                | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3]))
        }
        return .header(Header(applicationID: int32(at: 68), userVersion: int32(at: 60)))
    }
}
