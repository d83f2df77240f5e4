import ArgumentParser
import RunStore

/// `wardsim export ID | --sweep ID [--format csv|json] [--db FILE]`: KPI
/// data to stdout — a run's per-replication values, or a sweep's parameters
/// and KPI summary per point. `wardsim export ID --citizens | --timeseries`:
/// a traced run's per-citizen records or 15-minute levels (CSV).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a run's per-replication KPIs, or a sweep's KPI summary per point, as CSV or JSON.",
        discussion: """
            CSV follows RFC 4180 (CRLF line ends, quoted fields where needed) in long form: \
            one record per replication and KPI, or per sweep point and KPI with one column per \
            swept parameter. Undefined values are empty fields (CSV) or null (JSON). \
            A run stored with `wardsim run --trace` also has per-citizen records (--citizens) \
            and 15-minute mean queue, lobby and staff levels per section and office (--timeseries), \
            exported as CSV with times in milliseconds since midnight.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The run's id (see `wardsim runs`).", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("Export a sweep instead of one run.", valueName: "id"))
    var sweep: String?

    @Option(help: ArgumentHelp("csv or json.", valueName: "format"))
    var format = "csv"

    @Flag(help: "Export a traced run's per-citizen records (CSV).")
    var citizens = false

    @Flag(help: "Export a traced run's 15-minute time series (CSV).")
    var timeseries = false

    func run() throws {
        try reportingFailures {
            guard let format = KPIExport.Format(rawValue: format.lowercased()) else {
                throw CommandFailure(.badInput, "--format must be csv or json, got \"\(self.format)\"")
            }
            if citizens || timeseries {
                guard let id, sweep == nil else { throw CommandFailure(.badInput, "--citizens and --timeseries need a run id (not --sweep)") }
                guard !(citizens && timeseries) else { throw CommandFailure(.badInput, "give either --citizens or --timeseries, not both") }
                guard format == .csv else { throw CommandFailure(.badInput, "--citizens and --timeseries are exported as CSV only") }
                return try exportTrace(id)
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

    private func exportTrace(_ text: String) throws {
        let db = try store.open(.readOnly)
        let runID = RunID(try parseID(text, what: "run"))
        guard let record = try db.run(runID) else { throw RunStoreError.unknownRun(path: db.path, id: runID) }
        guard record.traced else {
            throw CommandFailure(.badInput, "run \(runID) was not traced: run the scenario again with `wardsim run --trace`")
        }
        noteUnfinished(record)
        if citizens { try TraceExport.citizensCSV(db, run: runID, writeOutput) }
        else { try TraceExport.timeSeriesCSV(db, run: runID, writeOutput) }
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
