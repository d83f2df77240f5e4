#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading scenario files defensively: only regular files (a FIFO or
/// `/dev/zero` would block or never end), size checked with `fstat` before a
/// byte is read, and never more than the limit read even if the file grows.
enum ScenarioFiles {
    static func read(_ path: String, display: String, limit: Int) throws(ScenarioError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw ScenarioError(file: display, message: "cannot open the file: \(describe(errno))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ScenarioError(file: display, message: "cannot read the file: \(describe(errno))")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw ScenarioError(file: display, message: type == S_IFDIR ? "is a directory, not a scenario file"
                                                                        : "is not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw ScenarioError(file: display, message: "the file is \(megabytes(size)); scenario files are limited to \(megabytes(limit))")
        }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc_read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw ScenarioError(file: display, message: "cannot read the file: \(describe(errno))")
            }
            if n == 0 { break }
            filled += n
            if filled > limit {
                throw ScenarioError(file: display, message: "the file grew past \(megabytes(limit)) while being read")
            }
            if filled == bytes.count, filled <= limit { bytes.append(contentsOf: repeatElement(0, count: 4096)) }
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The canonical absolute path (symlinks resolved), or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func stem(of path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for ext in [".yaml", ".yml", ".json"] where name.hasSuffix(ext) { name.removeLast(ext.count) }
        return name
    }

    /// `dir/rel`, with `.` and `x/..` removed lexically (for display only).
    static func join(_ directory: String, _ relative: String) -> String {
        let combined = directory == "." ? relative : directory + "/" + relative
        var parts: [Substring] = []
        for part in combined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return combined.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    private static func megabytes(_ bytes: Int) -> String {
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        let tenths = (bytes * 10 / (1024 * 1024))
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code))
        }
    }
}

/// `read(2)` under a name that does not clash with Swift's `read`.
@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
