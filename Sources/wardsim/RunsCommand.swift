import ArgumentParser
import RunStore

/// `wardsim runs [--sweep ID] [--json] [--db FILE]`: the runs in the store.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs in the run store (id, created, scenario, status, replications, seed, sweep).")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only the runs of this sweep.", valueName: "id"))
    var sweep: String?

    @Flag(help: "Write JSON instead of a table.")
    var json = false

    func run() throws {
        try reportingFailures {
            let db = try store.open(.readOnly)
            let sweepID = try sweep.map { SweepID(try parseID($0, what: "sweep")) }
            if let sweepID, try db.sweep(sweepID) == nil { throw RunStoreError.unknownSweep(path: db.path, id: sweepID) }
            let runs = try db.runs(sweep: sweepID)
            if json {
                writeOutput(RunListing.json(runs))
            } else if runs.isEmpty {
                writeError("\(db.path) has no runs yet")
            } else {
                writeOutput(RunListing.table(runs))
            }
        }
    }
}
