import ArgumentParser
import RunStore

/// `wardsim show ID [--json] [--db FILE]`: one run's metadata and KPI summary.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a run: its scenario, seed and replications, and each KPI's mean with a 95% confidence interval.")

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The run's id (see `wardsim runs`).", valueName: "id"))
    var id: String

    @Flag(help: "Write JSON (including the resolved scenario text) instead of a table.")
    var json = false

    func run() throws {
        try reportingFailures {
            let db = try store.open(.readOnly)
            let runID = RunID(try parseID(id, what: "run"))
            guard let record = try db.run(runID) else { throw RunStoreError.unknownRun(path: db.path, id: runID) }
            let summaries = try db.summary(run: runID)
            noteUnfinished(record)
            writeOutput(json ? RunDetail.json(run: record, summaries: summaries)
                             : RunDetail.table(run: record, summaries: summaries))
        }
    }
}

/// A note on stderr when a run's figures are not final.
func noteUnfinished(_ run: RunRecord) {
    let id = run.id?.description ?? "?"
    switch run.status {
    case .done: break
    case .running:
        writeError("note: run \(id) has not finished (still running, or its process was killed); "
            + "figures cover the replications stored so far")
    case .failed:
        writeError("note: run \(id) failed" + (run.error.map { ": \($0)" } ?? ""))
    }
}
