import SimKernel

/// Writing and reading trace rows (`--trace`): per-citizen records and the
/// 15-minute time series.
///
/// A batch is appended with explicit, consecutive rowids after the table's
/// largest (inside the write transaction, so no other writer can interleave),
/// and its rowid range is noted in `trace_batches`: that small table is the
/// only index of the trace tables. Names (offices, visit types, channels,
/// outcomes, sections) are stored as `trace_names` ids, looked up once per
/// distinct name and batch.
///
/// ```swift
/// try store.record(kpis: kpiRows, citizens: citizenRows, timeseries: points, for: run)  // one transaction
/// for c in try store.citizens(run: run) where c.outcome == "reneged" { print(c.arrived) }
/// ```
///
/// Cost: O(rows) per batch plus O(distinct names) look-ups; reading a run
/// is O(its rows + its batches), whatever else the file holds.
extension RunStore {
    /// Stores a batch of per-citizen records in one transaction.
    public func record(citizens rows: [CitizenRecord], for run: RunID) throws(RunStoreError) {
        try write {
            try requireRun(run)
            try insertCitizens(rows, run)
        }
    }

    /// Stores a batch of time-series points in one transaction.
    public func record(timeseries rows: [TimeSeriesPoint], for run: RunID) throws(RunStoreError) {
        try write {
            try requireRun(run)
            try insertTimeSeries(rows, run)
        }
    }

    /// Stores one finished batch of a traced run — its KPI values, citizen
    /// records and time series — in one transaction: all or nothing.
    public func record(kpis: [KPIRow], citizens: [CitizenRecord], timeseries: [TimeSeriesPoint], for run: RunID)
        throws(RunStoreError)
    {
        var pending = PendingKPIs()
        try write {
            try requireRun(run)
            try insertCitizens(citizens, run)
            try insertTimeSeries(timeseries, run)
            try insertKPIs(kpis, run, into: &pending)
        }
        remember(pending, for: run)
    }

    /// The per-citizen records of a traced run, in the order they were recorded.
    public func citizens(run: RunID) throws(RunStoreError) -> [CitizenRecord] {
        var rows: [CitizenRecord] = []
        try forEachCitizen(run: run) { rows.append($0) }
        return rows
    }

    /// Calls `body` with each per-citizen record of a run in the order they
    /// were recorded, without holding them all in memory (for exports).
    public func forEachCitizen(run: RunID, _ body: (CitizenRecord) throws -> Void) throws(RunStoreError) {
        try guarded {
            try requireRun(run)
            let names = try traceNames()
            let query = try db.prepare("""
                SELECT c.replication, c.day, c.citizen, c.office, c.visit_type, c.channel,
                       c.arrived_ms, c.called_ms, c.left_ms, c.outcome
                FROM trace_batches AS b JOIN citizens AS c ON c.rowid BETWEEN b.first_row AND b.last_row
                WHERE b.run_id = ? AND b.kind = 'citizens'
                ORDER BY b.first_row, c.rowid
                """)
            try query.bind(run.rawValue, at: 1)
            while try query.step() {
                try body(CitizenRecord(
                    replication: query.int(0), day: query.int(1), citizen: query.int(2),
                    office: names.name(query.int64(3)), visitType: names.name(query.int64(4)),
                    channel: names.name(query.int64(5)), arrived: .milliseconds(query.int64(6)),
                    called: query.isNull(7) ? nil : .milliseconds(query.int64(7)),
                    left: .milliseconds(query.int64(8)), outcome: names.name(query.int64(9))))
            }
        }
    }

    /// The time series of a traced run, in the order it was recorded.
    public func timeseries(run: RunID) throws(RunStoreError) -> [TimeSeriesPoint] {
        var rows: [TimeSeriesPoint] = []
        try forEachTimeSeriesPoint(run: run) { rows.append($0) }
        return rows
    }

    /// Calls `body` with each time-series point of a run in the order recorded.
    public func forEachTimeSeriesPoint(run: RunID, _ body: (TimeSeriesPoint) throws -> Void) throws(RunStoreError) {
        try guarded {
            try requireRun(run)
            let names = try traceNames()
            let query = try db.prepare("""
                SELECT t.replication, t.day, t.office, t.section, t.t_ms,
                       t.queue_length, t.lobby_occupancy, t.staff_busy, t.staff_on_duty
                FROM trace_batches AS b JOIN timeseries AS t ON t.rowid BETWEEN b.first_row AND b.last_row
                WHERE b.run_id = ? AND b.kind = 'timeseries'
                ORDER BY b.first_row, t.rowid
                """)
            try query.bind(run.rawValue, at: 1)
            while try query.step() {
                try body(TimeSeriesPoint(
                    replication: query.int(0), day: query.int(1), office: names.name(query.int64(2)),
                    section: names.name(query.int64(3)), time: .milliseconds(query.int64(4)),
                    queueLength: query.double(5), lobbyOccupancy: query.double(6), staffBusy: query.double(7),
                    staffOnDuty: query.double(8)))
            }
        }
    }

    // MARK: Inside a write transaction

    func insertCitizens(_ rows: [CitizenRecord], _ run: RunID) throws {
        guard !rows.isEmpty else { return }
        var names = try TraceNameIDs(self)
        var office = TraceNameIDs.Column(), visitType = TraceNameIDs.Column()
        var channel = TraceNameIDs.Column(), outcome = TraceNameIDs.Column()
        let first = try nextRowID("citizens")
        let insert = try statement("""
            INSERT INTO citizens(rowid, run_id, replication, day, citizen, office, visit_type, channel,
                                 arrived_ms, called_ms, left_ms, outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind(run.rawValue, at: 2)
        var rowid = first
        for row in rows {
            try insert.bind(rowid, at: 1)
            try insert.bind(row.replication, at: 3)
            try insert.bind(row.day, at: 4)
            try insert.bind(row.citizen, at: 5)
            try insert.bind(office.id(row.office, &names), at: 6)
            try insert.bind(visitType.id(row.visitType, &names), at: 7)
            try insert.bind(channel.id(row.channel, &names), at: 8)
            try insert.bind(row.arrived.milliseconds, at: 9)
            if let called = row.called { try insert.bind(called.milliseconds, at: 10) } else { try insert.bindNull(at: 10) }
            try insert.bind(row.left.milliseconds, at: 11)
            try insert.bind(outcome.id(row.outcome, &names), at: 12)
            try insert.run()
            rowid += 1
        }
        try noteBatch(run, kind: "citizens", first: first, last: rowid - 1)
    }

    func insertTimeSeries(_ rows: [TimeSeriesPoint], _ run: RunID) throws {
        guard !rows.isEmpty else { return }
        var names = try TraceNameIDs(self)
        var office = TraceNameIDs.Column(), section = TraceNameIDs.Column()
        let first = try nextRowID("timeseries")
        let insert = try statement("""
            INSERT INTO timeseries(rowid, run_id, replication, day, office, section, t_ms,
                                   queue_length, lobby_occupancy, staff_busy, staff_on_duty)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind(run.rawValue, at: 2)
        var rowid = first
        for row in rows {
            try insert.bind(rowid, at: 1)
            try insert.bind(row.replication, at: 3)
            try insert.bind(row.day, at: 4)
            try insert.bind(office.id(row.office, &names), at: 5)
            try insert.bind(section.id(row.section, &names), at: 6)
            try insert.bind(row.time.milliseconds, at: 7)
            try insert.bind(row.queueLength, at: 8)
            try insert.bind(row.lobbyOccupancy, at: 9)
            try insert.bind(row.staffBusy, at: 10)
            try insert.bind(row.staffOnDuty, at: 11)
            try insert.run()
            rowid += 1
        }
        try noteBatch(run, kind: "timeseries", first: first, last: rowid - 1)
    }

    /// The rowid after the largest in `table` (SQLite finds the largest
    /// rowid in O(log n)).
    func nextRowID(_ table: String) throws -> Int64 {
        let query = try statement("SELECT coalesce(max(rowid), 0) + 1 FROM \(table)")
        defer { query.reset() }
        _ = try query.step()
        return query.int64(0)
    }

    func noteBatch(_ run: RunID, kind: String, first: Int64, last: Int64) throws {
        let insert = try statement("INSERT INTO trace_batches(run_id, kind, first_row, last_row) VALUES (?, ?, ?, ?)")
        try insert.bind([run.rawValue, kind, first, last])
        try insert.run()
    }

    /// Every `trace_names` entry (a few dozen to a few hundred).
    private func traceNames() throws -> TraceNameTable {
        let query = try db.prepare("SELECT id, name FROM trace_names")
        var table = TraceNameTable()
        while try query.step() { table.names[query.int64(0)] = query.string(1) }
        return table
    }
}

/// `trace_names` ids of the names met in one batch; new names are added.
/// Lives for one batch only, inside its transaction, so an id is never
/// remembered past a rollback that took it away.
struct TraceNameIDs {
    private var ids: [String: Int64] = [:]
    private let lookup: Statement
    private let insert: Statement

    init(_ store: RunStore) throws {
        lookup = try store.statement("SELECT id FROM trace_names WHERE name = ?")
        insert = try store.statement("INSERT INTO trace_names(name) VALUES (?)")
    }

    mutating func id(_ name: String) throws -> Int64 {
        if let id = ids[name] { return id }
        try lookup.bind(name, at: 1)
        let found = try lookup.step()
        let existing = found ? lookup.int64(0) : nil
        lookup.reset()
        let id: Int64
        if let existing {
            id = existing
        } else {
            try insert.bind(name, at: 1)
            try insert.run()
            id = insert.database.lastInsertRowID
        }
        ids[name] = id
        return id
    }

    /// One column's last name and id: rows of a batch mostly repeat the
    /// previous row's office or visit type, and comparing two strings that
    /// share storage is cheaper than hashing one.
    struct Column {
        private var last: String?
        private var lastID: Int64 = 0

        mutating func id(_ name: String, _ names: inout TraceNameIDs) throws -> Int64 {
            if name == last { return lastID }
            lastID = try names.id(name)
            last = name
            return lastID
        }
    }
}

/// `trace_names` read back: id → name.
struct TraceNameTable {
    var names: [Int64: String] = [:]
    /// The name of `id`; an unknown id (a damaged file) reads as "#id".
    func name(_ id: Int64) -> String { names[id] ?? "#\(id)" }
}

// MARK: Merging (with the other file attached as `merge_source`)

extension RunStore {
    /// Adds the attached file's trace names here and maps its ids to ours
    /// (`temp.merge_names`). Call once per merge, inside its transaction.
    func mapAttachedTraceNames() throws {
        try db.execute("""
            INSERT OR IGNORE INTO main.trace_names(name) SELECT name FROM merge_source.trace_names ORDER BY id;
            CREATE TEMP TABLE IF NOT EXISTS merge_names(source INTEGER PRIMARY KEY, target INTEGER NOT NULL);
            DELETE FROM temp.merge_names;
            INSERT INTO temp.merge_names(source, target)
            SELECT s.id, m.id FROM merge_source.trace_names AS s JOIN main.trace_names AS m ON m.name = s.name;
            """)
    }

    /// Copies the citizens and time series of the attached file's run
    /// `source` to run `target` here, in their recorded order, as one batch each.
    func copyAttachedTrace(of source: Int64, to target: Int64) throws {
        let copies = [
            ("citizens", """
                INSERT INTO main.citizens(run_id, replication, day, citizen, office, visit_type, channel,
                                          arrived_ms, called_ms, left_ms, outcome)
                SELECT ?, c.replication, c.day, c.citizen, o.target, v.target, h.target,
                       c.arrived_ms, c.called_ms, c.left_ms, x.target
                FROM merge_source.trace_batches AS b
                JOIN merge_source.citizens AS c ON c.rowid BETWEEN b.first_row AND b.last_row
                JOIN temp.merge_names AS o ON o.source = c.office
                JOIN temp.merge_names AS v ON v.source = c.visit_type
                JOIN temp.merge_names AS h ON h.source = c.channel
                JOIN temp.merge_names AS x ON x.source = c.outcome
                WHERE b.run_id = ? AND b.kind = 'citizens'
                ORDER BY b.first_row, c.rowid
                """),
            ("timeseries", """
                INSERT INTO main.timeseries(run_id, replication, day, office, section, t_ms,
                                            queue_length, lobby_occupancy, staff_busy, staff_on_duty)
                SELECT ?, t.replication, t.day, o.target, s.target, t.t_ms,
                       t.queue_length, t.lobby_occupancy, t.staff_busy, t.staff_on_duty
                FROM merge_source.trace_batches AS b
                JOIN merge_source.timeseries AS t ON t.rowid BETWEEN b.first_row AND b.last_row
                JOIN temp.merge_names AS o ON o.source = t.office
                JOIN temp.merge_names AS s ON s.source = t.section
                WHERE b.run_id = ? AND b.kind = 'timeseries'
                ORDER BY b.first_row, t.rowid
                """),
        ]
        for (table, sql) in copies {
            let first = try nextRowID(table)
            try db.run(sql, target, source)
            let count = Int64(db.changes)
            guard count > 0 else { continue }
            // Rows without a rowid get max(rowid) + 1 each: consecutive here.
            guard try nextRowID(table) == first + count else {
                throw SQLiteError(code: 1, message: "\(table) rows of a merged run did not get consecutive rowids")
            }
            try noteBatch(RunID(target), kind: table, first: first, last: first + count - 1)
        }
    }
}
