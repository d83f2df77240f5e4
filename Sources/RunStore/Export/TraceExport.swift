/// `wardsim export ID --citizens | --timeseries`: a traced run's per-citizen
/// records or 15-minute levels as CSV (RFC 4180, like `KPIExport`), streamed
/// in chunks so a run of millions of rows never sits in memory as text.
///
/// ```swift
/// try TraceExport.citizensCSV(store, run: id) { chunk in print(chunk, terminator: "") }
/// // run,replication,day,citizen,office,visit_type,channel,arrived_ms,called_ms,left_ms,outcome
/// // 3,0,0,0,八幡西区,certificate,walk_in,30812345,31002311,31590000,served
/// ```
///
/// Times are milliseconds since midnight of the simulated day (as stored);
/// a citizen never called has an empty `called_ms`, a level that does not
/// apply (lobby on a section row) an empty field.
public enum TraceExport {
    public static let citizenColumns = ["run", "replication", "day", "citizen", "office", "visit_type", "channel",
                                        "arrived_ms", "called_ms", "left_ms", "outcome"]
    public static let timeSeriesColumns = ["run", "replication", "day", "office", "section", "t_ms",
                                           "queue_length", "lobby_occupancy", "staff_busy", "staff_on_duty"]

    /// Text handed to `write` at a time (about).
    public static let chunkCharacters = 1 << 16

    public static func citizenRecord(run: RunID, _ c: CitizenRecord) -> String {
        CSVText.record([run.description, String(c.replication), String(c.day), String(c.citizen), c.office, c.visitType,
                        c.channel, String(c.arrived.milliseconds), c.called.map { String($0.milliseconds) } ?? "",
                        String(c.left.milliseconds), c.outcome])
    }

    public static func timeSeriesRecord(run: RunID, _ p: TimeSeriesPoint) -> String {
        CSVText.record([run.description, String(p.replication), String(p.day), p.office, p.section,
                        String(p.time.milliseconds), CSVText.number(p.queueLength), CSVText.number(p.lobbyOccupancy),
                        CSVText.number(p.staffBusy), CSVText.number(p.staffOnDuty)])
    }

    /// Writes the header and every citizen record of `run`, in chunks.
    public static func citizensCSV(_ store: RunStore, run: RunID, _ write: (String) -> Void) throws(RunStoreError) {
        var out = CSVText.record(citizenColumns)
        try store.forEachCitizen(run: run) { c in
            out += citizenRecord(run: run, c)
            if out.utf8.count >= chunkCharacters { write(out); out = "" }
        }
        write(out)
    }

    /// Writes the header and every time-series point of `run`, in chunks.
    public static func timeSeriesCSV(_ store: RunStore, run: RunID, _ write: (String) -> Void) throws(RunStoreError) {
        var out = CSVText.record(timeSeriesColumns)
        try store.forEachTimeSeriesPoint(run: run) { p in
            out += timeSeriesRecord(run: run, p)
            if out.utf8.count >= chunkCharacters { write(out); out = "" }
        }
        write(out)
    }
}
