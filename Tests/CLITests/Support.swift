import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package root, found from this source file.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func scenarioPath(_ name: String) -> String { packageRoot + "/scenarios/" + name + ".yaml" }

/// Where the `wardsim` executable is: next to the test binary (built by
/// the same `swift build`/`swift test`, in the same configuration), else
/// `.build/release/wardsim` under the package root. (As in RunStoreTests.)
enum WardsimBinary {
    static let path: String? = {
        let files = FileManager.default
        var candidates: [String] = []
        if let test = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: test).resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent("wardsim").path)
        }
        candidates.append(packageRoot + "/.build/release/wardsim")
        return candidates.first { files.isExecutableFile(atPath: $0) }
    }()
}

struct Outcome: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "status \(status), stdout \(stdout.debugDescription), stderr \(stderr.debugDescription)" }
    var lines: [Substring] { stdout.split(separator: "\n") }
}

/// A `wardsim` process started in `dir` with only PATH and HOME set, its
/// output going to files (so a large output cannot block it, and a test can
/// watch it grow).
final class WardsimProcess {
    let process = Process()
    private let scratch: URL
    private let out: URL, err: URL
    private let outHandle: FileHandle, errHandle: FileHandle

    init(_ arguments: [String], in dir: String) throws {
        let binary = try #require(WardsimBinary.path)
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wardsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        out = scratch.appendingPathComponent("out"); err = scratch.appendingPathComponent("err")
        try Data().write(to: out)
        try Data().write(to: err)
        outHandle = try FileHandle(forWritingTo: out)
        errHandle = try FileHandle(forWritingTo: err)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ["PATH": "/usr/bin:/bin"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { env["HOME"] = home }
        process.environment = env
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// What the process has written to stdout so far.
    var stdoutSoFar: String { String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self) }

    /// Waits until stdout has at least `count` lines or the process ended;
    /// false on timeout.
    func waitForLines(_ count: Int, timeout: Duration = .seconds(120)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if stdoutSoFar.split(separator: "\n").count >= count || !process.isRunning { return true }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return false
    }

    /// `kill -9`: no chance to clean up.
    func kill9() { _ = kill(process.processIdentifier, SIGKILL) }

    func wait() throws -> Outcome {
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

/// Runs `wardsim` to the end.
func wardsim(_ arguments: [String], in dir: String) throws -> Outcome {
    try WardsimProcess(arguments, in: dir).wait()
}

/// A fresh temporary directory, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    return try body(dir)
}
