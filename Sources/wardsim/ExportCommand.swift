import ArgumentParser
import RunStore

/// `wardsim export ID | --sweep ID [--format csv|json] [--db FILE]`: KPI
/// data to stdout — a run's per-replication values, or a sweep's parameters
/// and KPI summary per point.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a run's per-replication KPIs, or a sweep's KPI summary per point, as CSV or JSON.",
        discussion: """
            CSV follows RFC 4180 (CRLF line ends, quoted fields where needed) in long form: \
            one record per replication and KPI, or per sweep point and KPI with one column per \
            swept parameter. Undefined values are empty fields (CSV) or null (JSON).
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The run's id (see `wardsim runs`).", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("Export a sweep instead of one run.", valueName: "id"))
    var sweep: String?

    @Option(help: ArgumentHelp("csv or json.", valueName: "format"))
    var format = "csv"

    func run() throws {
        try reportingFailures {
            guard let format = KPIExport.Format(rawValue: format.lowercased()) else {
                throw CommandFailure(.badInput, "--format must be csv or json, got \"\(self.format)\"")
            }
            switch (id, sweep) {
            case (nil, nil): throw CommandFailure(.badInput, "give a run id or --sweep ID")
            case (.some, .some): throw CommandFailure(.badInput, "give either a run id or --sweep ID, not both")
            case let (id?, nil): try exportRun(id, format: format)
            case let (nil, sweep?): try exportSweep(sweep, format: format)
            }
        }
    }

    private func exportRun(_ text: String, format: KPIExport.Format) throws {
        let db = try store.open(.readOnly)
        let runID = RunID(try parseID(text, what: "run"))
        guard let record = try db.run(runID) else { throw RunStoreError.unknownRun(path: db.path, id: runID) }
        let rows = try db.kpis(run: runID)
        noteUnfinished(record)
        writeOutput(format == .csv ? KPIExport.csv(run: record, rows: rows) : KPIExport.json(run: record, rows: rows))
    }

    private func exportSweep(_ text: String, format: KPIExport.Format) throws {
        let db = try store.open(.readOnly)
        let results = try db.sweepResults(SweepID(try parseID(text, what: "sweep")))
        if results.missingPoints > 0 {
            writeError("note: \(results.missingPoints) of \(results.sweep.pointCount) points of sweep \(text) "
                + "have no finished run in \(db.path)")
        }
        writeOutput(format == .csv ? KPIExport.sweepCSV(results) : KPIExport.sweepJSON(results))
    }
}
