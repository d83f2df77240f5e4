import Foundation
import Testing
@testable import RunStore

/// `wardsim runs/show/export/merge` run as a user would: the built binary
/// against stores written with the API. Skipped (with the reason) when the
/// binary has not been built.
@Suite(.enabled(if: WardsimBinary.path != nil, "wardsim binary not built (run `swift build` first)"))
struct CommandLineTests {
    /// A store with two plain runs and a two-point sweep.
    func makeStore(_ path: String) throws {
        let store = try RunStore.open(path: path)
        try storeRun(store, sampleRun(seed: 1))
        try storeRun(store, sampleRun(seed: 2, scenario: "reform"))
        let sweep = try store.beginSweep(SweepRecord(
            specHash: "spec-1", scenarioName: "baseline", scenarioHash: "hash-baseline", specJSON: "{\"format\":1}",
            pointCount: 2, programVersion: "0.1.0-test"))
        for staff in [3, 4] {
            try storeRun(store, sampleRun(seed: 1, sweep: sweep, pointKey: "staff=\(staff)",
                                          parameters: [RunParameter(name: "staff", value: "\(staff)")]))
        }
    }

    @Test func readCommandsPrintResultsOnlyOnStdout() throws {
        try withTemporaryDirectory { dir in
            try makeStore(dir + "/a.sqlite")
            let runs = try wardsim(["runs", "--db", "a.sqlite"], in: dir)
            #expect(runs.status == 0 && runs.stderr.isEmpty, "\(runs)")
            #expect(runs.stdout.split(separator: "\n").count == 5 && runs.stdout.hasPrefix("id  created"))
            // WARDSIM_DB chooses the store when --db is absent; --db wins.
            #expect(try wardsim(["runs"], in: dir, environment: ["WARDSIM_DB": "a.sqlite"]).stdout == runs.stdout)
            let other = try wardsim(["runs", "--db", "a.sqlite"], in: dir, environment: ["WARDSIM_DB": "none.sqlite"])
            #expect(other.stdout == runs.stdout)

            let show = try wardsim(["show", "1", "--db", "a.sqlite"], in: dir)
            #expect(show.status == 0 && show.stderr.isEmpty)
            #expect(show.stdout.contains("\ntotal      all      wait_mean_min  5    12.0  [10.0, 14.0]\n"), "\(show.stdout)")

            // Export is the library's text, byte for byte.
            let store = try RunStore.open(path: dir + "/a.sqlite", mode: .readOnly)
            let csv = try wardsim(["export", "1", "--db", "a.sqlite"], in: dir)
            let record = try #require(try store.run(RunID(1)))
            let expectedCSV = KPIExport.csv(run: record, rows: try store.kpis(run: RunID(1)))
            #expect(csv.status == 0 && csv.stdout == expectedCSV)
            let sweep = try wardsim(["export", "--sweep", "1", "--format", "json", "--db", "a.sqlite"], in: dir)
            let expectedJSON = KPIExport.sweepJSON(try store.sweepResults(SweepID(1)))
            #expect(sweep.status == 0 && sweep.stdout == expectedJSON)
            #expect(sweep.stderr.isEmpty, "no missing points to note: \(sweep.stderr)")
        }
    }

    @Test func tracedRunExportsCitizensAndTimeSeries() throws {
        try withTemporaryDirectory { dir in
            let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scenarios/baseline.yaml").path
            let run = try wardsim(["run", scenario, "--trace", "-r", "2", "--days", "monday", "--db", "t.sqlite"], in: dir)
            #expect(run.status == 0, "\(run)")
            let store = try RunStore.open(path: dir + "/t.sqlite", mode: .readOnly)
            #expect(try store.run(RunID(1))?.traced == true)
            var citizens = "", series = ""
            try TraceExport.citizensCSV(store, run: RunID(1)) { citizens += $0 }
            try TraceExport.timeSeriesCSV(store, run: RunID(1)) { series += $0 }
            #expect(citizens.split(separator: "\r\n").count > 1_000 && series.split(separator: "\r\n").count > 100)
            let exported = try wardsim(["export", "1", "--citizens", "--db", "t.sqlite"], in: dir)
            #expect(exported.status == 0 && exported.stderr.isEmpty && exported.stdout == citizens)
            let levels = try wardsim(["export", "1", "--timeseries", "--db", "t.sqlite"], in: dir)
            #expect(levels.status == 0 && levels.stdout == series)

            // An untraced run, and contradictory options, are refused with one line.
            #expect(try wardsim(["run", scenario, "-r", "2", "--days", "monday", "--db", "t.sqlite"], in: dir).status == 0)
            for arguments in [["export", "2", "--citizens"], ["export", "1", "--citizens", "--timeseries"],
                              ["export", "--sweep", "1", "--citizens"], ["export", "1", "--timeseries", "--format", "json"]] {
                let refused = try wardsim(arguments + ["--db", "t.sqlite"], in: dir)
                #expect(refused.status == 2 && refused.stdout.isEmpty && refused.stderr.split(separator: "\n").count == 1,
                        "\(arguments): \(refused)")
            }
            let noStore = try wardsim(["run", scenario, "--trace", "--no-store"], in: dir)
            #expect(noStore.status == 2 && noStore.stderr.contains("--no-store"), "\(noStore)")
        }
    }

    @Test func mergeAddsEachRunOnce() throws {
        try withTemporaryDirectory { dir in
            try makeStore(dir + "/a.sqlite")
            do {  // b: one run also in a, one new
                let store = try RunStore.open(path: dir + "/b.sqlite")
                try storeRun(store, sampleRun(seed: 1))
                try storeRun(store, sampleRun(seed: 3))
            }
            let first = try wardsim(["merge", "a.sqlite", "b.sqlite", "-o", "out.sqlite"], in: dir)
            #expect(first.status == 0 && first.stderr.isEmpty, "\(first)")
            #expect(first.stdout == """
                a.sqlite: 4 runs added, 1 sweep added
                b.sqlite: 1 run added, 1 already present
                out.sqlite: 5 runs in total (1 sweep, 3 outside sweeps)

                """)
            let again = try wardsim(["merge", "b.sqlite", "-o", "out.sqlite"], in: dir)
            #expect(again.stdout.hasPrefix("b.sqlite: 0 runs added, 2 already present\n"), "\(again)")
            #expect(try RunStore.open(path: dir + "/out.sqlite", mode: .readOnly).runs().count == 5)
        }
    }

    /// A refused file: one line on stderr, nothing on stdout, the right exit
    /// status, and no file changed, created or removed.
    ///
    /// A valid store opened read-only (a merge source) gets SQLite's WAL
    /// side files (`-shm`, `-wal`) if they are missing, and keeps them: a
    /// reader cannot checkpoint. Tests open such files once beforehand
    /// (`touchSideFiles`) so that only the refused file is judged.
    func expectRefusal(_ arguments: [String], in dir: String, status: Int32, saying message: String,
                       environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let listing = directoryListing(dir)
        let bytes = listing.map { fileBytes(dir + "/" + $0) }
        let outcome = try wardsim(arguments, in: dir, environment: environment)
        #expect(outcome.status == status, "exit status of \(arguments): \(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.stdout.isEmpty, "stdout: \(outcome.stdout)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.hasPrefix("wardsim: ") && outcome.stderr.filter { $0 == "\n" }.count == 1
                && outcome.stderr.hasSuffix("\n"), "one line: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr) should say \(message)",
                sourceLocation: sourceLocation)
        #expect(directoryListing(dir) == listing, "files appeared or vanished: \(directoryListing(dir))",
                sourceLocation: sourceLocation)
        #expect(listing.map { fileBytes(dir + "/" + $0) } == bytes, "a file changed", sourceLocation: sourceLocation)
    }

    func touchSideFiles(_ path: String) throws { _ = try RunStore.open(path: path, mode: .readOnly).runs() }

    @Test func faultyFilesAreRefusedWithOneLine() throws {
        try withTemporaryDirectory { dir in
            try "minutes of the meeting\n".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
            try expectRefusal(["runs", "--db", "notes.txt"], in: dir, status: 3,
                              saying: "notes.txt is not a wardsim database (it is not an SQLite file)")
            try expectRefusal(["merge", "notes.txt", "-o", "out.sqlite"], in: dir, status: 3,
                              saying: "notes.txt is not a wardsim database")
            try expectRefusal(["merge", "notes.txt", "-o", "notes.txt"], in: dir, status: 2,
                              saying: "cannot merge notes.txt into itself")

            try storeRun(try RunStore.open(path: dir + "/future.sqlite"), sampleRun())
            try Database(path: dir + "/future.sqlite").execute("PRAGMA user_version = 7")
            try expectRefusal(["show", "1", "--db", "future.sqlite"], in: dir, status: 3,
                              saying: "future.sqlite has run-store schema version 7, but this wardsim knows only up to \(Schema.currentVersion)")
            try expectRefusal(["merge", "future.sqlite", "-o", "out.sqlite"], in: dir, status: 3,
                              saying: "schema version 7")

            try storeRun(try RunStore.open(path: dir + "/a.sqlite"), sampleRun())
            try expectRefusal(["merge", "a.sqlite", "-o", "future.sqlite"], in: dir, status: 3,
                              saying: "schema version 7")
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir + "/a.sqlite")
            try storeRun(try RunStore.open(path: dir + "/b.sqlite"), sampleRun(seed: 5))
            try touchSideFiles(dir + "/b.sqlite")
            try expectRefusal(["merge", "b.sqlite", "-o", "a.sqlite"], in: dir, status: 3,
                              saying: "a.sqlite is read-only")

            try expectRefusal(["merge", "b.sqlite", "-o", "no/such/dir/out.sqlite"], in: dir, status: 3,
                              saying: "cannot create no/such/dir/out.sqlite: directory no/such/dir does not exist")
            try expectRefusal(["runs", "--db", "no/such/dir/out.sqlite"], in: dir, status: 3,
                              saying: "no/such/dir/out.sqlite does not exist")
            try expectRefusal(["runs"], in: dir, status: 3,
                              saying: "wardsim.sqlite does not exist; choose a run store with --db FILE or WARDSIM_DB")
            try expectRefusal(["merge", "missing.sqlite", "-o", "out.sqlite"], in: dir, status: 3,
                              saying: "missing.sqlite does not exist")
        }
    }

    @Test func badInputExitsWithTwo() throws {
        try withTemporaryDirectory { dir in
            try makeStore(dir + "/a.sqlite")
            try touchSideFiles(dir + "/a.sqlite")
            try expectRefusal(["show", "99", "--db", "a.sqlite"], in: dir, status: 2, saying: "a.sqlite has no run 99")
            try expectRefusal(["show", "abc", "--db", "a.sqlite"], in: dir, status: 2,
                              saying: "run id must be a whole number such as 3, got \"abc\"")
            try expectRefusal(["export", "--sweep", "9", "--db", "a.sqlite"], in: dir, status: 2,
                              saying: "a.sqlite has no sweep 9")
            try expectRefusal(["export", "1", "--format", "xml", "--db", "a.sqlite"], in: dir, status: 2,
                              saying: "--format must be csv or json, got \"xml\"")
            try expectRefusal(["export", "1", "--sweep", "1", "--db", "a.sqlite"], in: dir, status: 2,
                              saying: "either a run id or --sweep ID, not both")
        }
    }
}

/// Where the `wardsim` executable is: next to the test binary (built by
/// the same `swift build`/`swift test`, in the same configuration), else
/// `.build/release/wardsim` under the package root.
enum WardsimBinary {
    static let path: String? = {
        let files = FileManager.default
        var candidates: [String] = []
        if let test = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: test).resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent("wardsim").path)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/release/wardsim").path)
        return candidates.first { files.isExecutableFile(atPath: $0) }
    }()
}

struct Outcome: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "status \(status), stdout \(stdout.debugDescription), stderr \(stderr.debugDescription)" }
}

/// Runs the binary in `dir` with only PATH, HOME and `environment` set (so
/// a WARDSIM_DB of the test's own environment plays no part). Output goes
/// through files rather than pipes, so a large output cannot block it.
func wardsim(_ arguments: [String], in dir: String, environment: [String: String] = [:]) throws -> Outcome {
    let binary = try #require(WardsimBinary.path)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wardsim-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
    try Data().write(to: out)
    try Data().write(to: err)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: dir)
    var env = ["PATH": "/usr/bin:/bin"]
    if let home = ProcessInfo.processInfo.environment["HOME"] { env["HOME"] = home }
    process.environment = env.merging(environment) { _, new in new }
    let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return Outcome(
        status: process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
}
