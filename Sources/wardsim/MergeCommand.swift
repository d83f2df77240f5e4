import ArgumentParser
import Foundation
import RunStore

/// `wardsim merge A.sqlite B.sqlite… -o OUT.sqlite`: shard files into one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge run-store files (e.g. the shards of a sweep) into one, without duplicates.",
        discussion: """
            Every file is checked before anything is written: each must be a wardsim run store \
            with this wardsim's schema version. Finished runs are copied once; a run already \
            in OUT (same scenario, seed, replications, days, program version and sweep point) \
            is skipped, so merging a file twice adds nothing. Unfinished runs are not copied.
            """)

    @Argument(help: ArgumentHelp("The files to merge from (only read).", valueName: "file"))
    var sources: [String] = []

    @Option(name: [.short, .customLong("output")],
            help: ArgumentHelp("The file to merge into (created if missing).", valueName: "out"))
    var output: String

    func run() throws {
        try reportingFailures {
            guard !sources.isEmpty else { throw CommandFailure(.badInput, "give at least one file to merge into \(output)") }
            for source in sources where sameFile(source, output) { throw RunStoreError.mergeIntoItself(path: output) }
            // An existing output is checked first (a foreign, newer or
            // read-only file is refused untouched); then every source, before
            // a missing output is created or anything is copied, so a bad
            // file in the list leaves everything as it was.
            let outputExists = FileManager.default.fileExists(atPath: output)
            var destination = outputExists ? try RunStore.open(path: output) : nil
            for source in sources { _ = try RunStore.open(path: source, mode: .readOnly) }
            if destination == nil { destination = try RunStore.open(path: output) }
            guard let destination else { return }
            for source in sources {
                let report = try destination.merge(from: source)
                writeOutput(MergeText.line(source: source, report) + "\n")
            }
            writeOutput(MergeText.total(destination: output, runs: try destination.runs()) + "\n")
        }
    }

    /// The same path after resolving `.`, `..` and symbolic links.
    private func sameFile(_ a: String, _ b: String) -> Bool {
        func canonical(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return canonical(a) == canonical(b)
    }
}
