import Foundation
import Testing

/// A sweep's faults as a user meets them, with the built `wardsim` binary:
/// `kill -9` then `--resume`, two processes on one file, shards in two
/// files merged. Each must leave exactly the rows of an uninterrupted sweep.
///
/// Serialized: the kill test needs the machine's cores to itself to stop
/// the sweep midway.
@Suite(.serialized, .enabled(if: WardsimBinary.path != nil, "wardsim binary not built (run `swift build` first)"))
struct SweepProcessTests {
    /// Six points of 20 replications (long enough for a kill to land midway
    /// even in a release build), one point at a time per process.
    static let sweep = [
        "sweep", scenarioPath("baseline"),
        "--vary", "offices[0].sections[0].counters=10:12:1",
        "--vary", "procedures.certificate.channels.convenience_store=30%,50%",
        "-r", "20", "--seed", "3", "--days", "ordinary",
    ]
    static let points = 6

    /// The exported rows of sweep 1 in `db`, without the sweep and run ids
    /// (which differ between files), sorted.
    static func rows(_ db: String, in dir: String) throws -> [String] {
        let export = try wardsim(["export", "--sweep", "1", "--db", db], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        return export.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { line in
            line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).last.map(String.init) ?? ""
        }.sorted()
    }

    /// The rows of one uninterrupted sweep (`--jobs 2`), made once.
    static let reference: Result<[String], any Error> = Result {
        try withTemporaryDirectory { dir in
            let run = try wardsim(sweep + ["--jobs", "2", "--db", "ref.sqlite"], in: dir)
            guard run.status == 0 else { throw CLITestError.failed("reference sweep: \(run)") }
            return try rows("ref.sqlite", in: dir)
        }
    }

    func expectSameAsReference(_ rows: [String], _ what: String) throws {
        let reference = try Self.reference.get()
        #expect(!reference.isEmpty)
        // Every point exactly once, with the same rows as an uninterrupted sweep.
        let keys = Set(rows.map { $0.split(separator: ",").first.map(String.init) ?? "" })
        #expect(keys.count == Self.points, "\(what): \(keys.count) distinct points")
        #expect(rows.count == reference.count, "\(what): \(rows.count) rows, uninterrupted \(reference.count)")
        #expect(rows == reference, "\(what): first difference at \(String(describing: rows.indices.first { $0 >= reference.count || rows[$0] != reference[$0] }))")
    }

    @Test func killedSweepResumesToTheUninterruptedResult() throws {
        try withTemporaryDirectory { dir in
            let killed = try WardsimProcess(Self.sweep + ["--jobs", "1", "--db", "k.sqlite"], in: dir)
            #expect(killed.waitForLines(1), "no point finished within the timeout")
            killed.kill9()
            let outcome = try killed.wait()
            let before = outcome.lines.count
            #expect(killed.process.terminationReason == .uncaughtSignal && outcome.status == SIGKILL,
                    "the sweep must die by the kill, not finish first: \(outcome)")
            #expect(before >= 1 && before < Self.points, "killed after \(before) of \(Self.points) points")

            // Without --resume the finished points would be run twice: refused.
            let refused = try wardsim(Self.sweep + ["--jobs", "1", "--db", "k.sqlite"], in: dir)
            #expect(refused.status == 2 && refused.stderr.contains("--resume") && refused.stdout.isEmpty, "\(refused)")

            let resumed = try wardsim(Self.sweep + ["--jobs", "2", "--resume", "--db", "k.sqlite"], in: dir)
            #expect(resumed.status == 0, "\(resumed)")
            // A point may have been committed between its last write and its line.
            let rerun = resumed.lines.count
            #expect(rerun == Self.points - before || rerun == Self.points - before - 1,
                    "\(before) points printed before the kill, \(rerun) run on resume")
            try expectSameAsReference(try Self.rows("k.sqlite", in: dir), "killed and resumed")

            // A second resume has nothing left to do.
            let again = try wardsim(Self.sweep + ["--resume", "--db", "k.sqlite"], in: dir)
            #expect(again.status == 0 && again.stdout.isEmpty, "\(again)")
        }
    }

    @Test func twoProcessesShareOneFile() throws {
        try withTemporaryDirectory { dir in
            let first = try WardsimProcess(Self.sweep + ["--shard", "1/2", "--jobs", "1", "--db", "shared.sqlite"], in: dir)
            let second = try WardsimProcess(Self.sweep + ["--shard", "2/2", "--jobs", "1", "--db", "shared.sqlite"], in: dir)
            let a = try first.wait(), b = try second.wait()
            #expect(a.status == 0 && b.status == 0, "\(a)\n\(b)")
            #expect(a.lines.count == 3 && b.lines.count == 3)
            try expectSameAsReference(try Self.rows("shared.sqlite", in: dir), "two processes on one file")
        }
    }

    @Test func shardsInTwoFilesMergeIntoOneRun() throws {
        try withTemporaryDirectory { dir in
            let first = try WardsimProcess(Self.sweep + ["--shard", "1/2", "--jobs", "1", "--db", "a.sqlite"], in: dir)
            let second = try WardsimProcess(Self.sweep + ["--shard", "2/2", "--jobs", "1", "--db", "b.sqlite"], in: dir)
            let a = try first.wait(), b = try second.wait()
            #expect(a.status == 0 && b.status == 0, "\(a)\n\(b)")
            let merge = try wardsim(["merge", "a.sqlite", "b.sqlite", "-o", "m.sqlite"], in: dir)
            #expect(merge.status == 0 && merge.stdout.contains("a.sqlite: 3 runs added, 1 sweep added"), "\(merge)")
            try expectSameAsReference(try Self.rows("m.sqlite", in: dir), "two shard files merged")
        }
    }
}

enum CLITestError: Error { case failed(String) }
