import CSQLite
import SimKernel

/// Writing runs. Each method is one transaction: a process killed between
/// calls leaves every earlier batch committed and nothing half-written.
extension RunStore {
    /// Records a new run (status `running`) and returns its id.
    ///
    /// ```swift
    /// let run = try store.beginRun(RunRecord(scenarioName: "baseline", scenarioText: yaml,
    ///     scenarioHash: hash, seed: 1, replications: 30, dayRange: "tue", programVersion: "0.1.0"))
    /// ```
    public func beginRun(_ run: RunRecord) throws(RunStoreError) -> RunID {
        precondition((run.sweep == nil) == (run.pointKey == nil), "a sweep run needs both sweep and pointKey")
        return try write {
            var specHash: String? = nil
            if let sweep = run.sweep {
                guard let hash = try db.scalarText("SELECT spec_hash FROM sweeps WHERE id = ?", sweep.rawValue) else {
                    throw RunStoreError.unknownSweep(path: path, id: sweep)
                }
                specHash = hash
            }
            let insert = try statement("""
                INSERT INTO runs(run_key, scenario_name, scenario_hash, scenario_text, seed, replications,
                                 day_range, program_version, traced, sweep_id, point_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try insert.bind([
                RunKey.make(run, specHash: specHash), run.scenarioName, run.scenarioHash, run.scenarioText,
                run.seed, run.replications, run.dayRange, run.programVersion, run.traced,
                run.sweep?.rawValue, run.pointKey,
            ])
            try insert.run()
            let id = RunID(db.lastInsertRowID)
            runTallies[id] = RunTallies()
            if run.parameters.isEmpty { return id }
            let parameter = try statement(
                "INSERT INTO run_parameters(run_id, position, name, value, number) VALUES (?, ?, ?, ?, ?)")
            for (position, p) in run.parameters.enumerated() {
                try parameter.bind([id.rawValue, position, p.name, p.value, p.number])
                try parameter.run()
            }
            return id
        }
    }

    /// Stores a batch of KPI values (typically one finished replication, or
    /// a few) in one transaction, packed one row per replication (see
    /// `KPIPacking`). Storing the same (replication, scope, name, kpi) twice
    /// is an error (SQLITE_CONSTRAINT) and leaves the whole batch out.
    ///
    /// Cost: O(rows) string comparisons to recognise the replication's KPI
    /// layout, one JSON array and one insert per replication.
    public func record(kpis rows: [KPIRow], for run: RunID) throws(RunStoreError) {
        var pending = PendingKPIs()
        try write {
            try requireRun(run)
            try insertKPIs(rows, run, into: &pending)
        }
        remember(pending, for: run)
    }

    /// Stores a batch of replications' KPI values (typically a few finished
    /// replications) in one transaction, packed one row per replication
    /// (see `KPIPacking`): what runs use. Each `values` array lists the
    /// values of `keys` in order. Storing a KPI of a replication twice is an
    /// error (SQLITE_CONSTRAINT) and leaves the whole batch out, as is a
    /// values array of the wrong length.
    ///
    /// ```swift
    /// let keys = KPIKeyList(firstReplication.map { KPIKey(scope: $0.scope, scopeName: $0.name, kpi: $0.kpi) })
    /// try store.record(values: [ReplicationValues(replication: 0, values: values0)], keys: keys, for: run)
    /// ```
    ///
    /// Cost: the key list is recognised once per connection (O(1) after);
    /// then per replication one JSON array (O(n), see `NumberText`) and one
    /// insert, plus one indexed probe per batch.
    public func record(values batch: [ReplicationValues], keys: KPIKeyList, for run: RunID) throws(RunStoreError) {
        try record(valueGroups: [(keys, batch)], for: run)
    }

    /// The same for replications reporting different KPI lists, all in one
    /// transaction.
    public func record(valueGroups: [(keys: KPIKeyList, values: [ReplicationValues])], for run: RunID)
        throws(RunStoreError)
    {
        var pending = PendingKPIs()
        try write {
            try requireKnownRun(run)
            for (keys, batch) in valueGroups {
                let layout = try layout(for: keys, created: &pending.created)
                pending.lists.append((keys.storage, layout))
                try insertValues(batch, layout: layout, run, into: &pending)
            }
        }
        remember(pending, for: run)
    }

    /// Inserts replications' values under one layout. Call inside a write
    /// transaction, then `remember(_:for:)` after it committed.
    func insertValues(_ batch: [ReplicationValues], layout: KPILayout, _ run: RunID,
                      into pending: inout PendingKPIs) throws {
        guard let low = batch.map(\.replication).min(), let high = batch.map(\.replication).max() else { return }
        for rep in batch where rep.values.count != layout.keys.count || rep.replication < 0 {
            throw SQLiteError(code: SQLITE_CONSTRAINT, message:
                "run \(run) replication \(rep.replication): \(rep.values.count) values for \(layout.keys.count) KPIs")
        }
        // Another batch may have stored other KPIs of these replications
        // under another layout: they must not overlap (rare; one indexed
        // probe per batch otherwise). The same layout twice is refused by
        // the UNIQUE constraint.
        let others = try statement("""
            SELECT replication, layout_id FROM kpi_values
            WHERE run_id = ? AND replication BETWEEN ? AND ? AND layout_id <> ?
            """)
        try others.bind([run.rawValue, low, high, layout.id])
        var overlapping: [(Int, Int64)] = []
        while try others.step() { overlapping.append((others.int(0), others.int64(1))) }
        others.reset()
        if !overlapping.isEmpty {
            let mine = Set(batch.map(\.replication))
            for (replication, id) in overlapping where mine.contains(replication) {
                try checkNoOverlap(layout, with: id, run: run, replication: replication)
            }
        }
        let insert = try statement(
            "INSERT INTO kpi_values(run_id, replication, layout_id, vals) VALUES (?, ?, ?, ?)")
        let tallied = runTallies[run] != nil
        for rep in batch {
            packText.removeAll()
            KPIPacking.append(rep.values, to: &packText)
            try insert.bind(run.rawValue, at: 1)
            try insert.bind(rep.replication, at: 2)
            try insert.bind(layout.id, at: 3)
            try packText.withBytes { try insert.bindText($0, at: 4) }
            try insert.run()
            if tallied { pending.stored.append((rep.replication, layout, rep.values)) }
        }
    }

    /// Throws SQLITE_CONSTRAINT if `layout` shares a KPI with the stored layout `other`.
    func checkNoOverlap(_ layout: KPILayout, with other: Int64, run: RunID, replication: Int) throws {
        let stored = Set(try self.layout(id: other).keys)
        if let twice = layout.keys.first(where: stored.contains) {
            throw SQLiteError(code: SQLITE_CONSTRAINT, message:
                "run \(run) replication \(replication) already has \(twice.scope)/\(twice.name)/\(twice.kpi)")
        }
    }

    /// What a KPI insert learnt that only counts once its transaction commits.
    struct PendingKPIs {
        var created: [KPILayout] = []
        var stored: [(Int, KPILayout, [Double])] = []
        /// The key lists recognised.
        var lists: [(KPIKeyList.Storage, KPILayout)] = []
    }

    /// Inserts KPI values packed one row per replication. Call inside a write
    /// transaction, then `remember(_:for:)` after it committed.
    func insertKPIs(_ rows: [KPIRow], _ run: RunID, into pending: inout PendingKPIs) throws {
        let insert = try statement(
            "INSERT INTO kpi_values(run_id, replication, layout_id, vals) VALUES (?, ?, ?, ?)")
        let others = try statement(
            "SELECT layout_id FROM kpi_values WHERE run_id = ? AND replication = ? AND layout_id <> ?")
        for (replication, group) in Self.groupedByReplication(rows) {
            let layout = try layout(for: group, created: &pending.created)
            // Another batch may have stored other KPIs of this replication:
            // they must not overlap (rare; one indexed probe otherwise).
            try others.bind([run.rawValue, replication, layout.id])
            var overlapping: [Int64] = []
            while try others.step() { overlapping.append(others.int64(0)) }
            others.reset()
            for id in overlapping { try checkNoOverlap(layout, with: id, run: run, replication: replication) }
            let values = group.map(\.value)
            packText.removeAll()
            KPIPacking.append(values, to: &packText)
            try insert.bind(run.rawValue, at: 1)
            try insert.bind(replication, at: 2)
            try insert.bind(layout.id, at: 3)
            try packText.withBytes { try insert.bindText($0, at: 4) }
            try insert.run()
            if runTallies[run] != nil { pending.stored.append((replication, layout, values)) }
        }
    }

    /// Only what committed counts: new layouts and the run's running tallies.
    func remember(_ pending: PendingKPIs, for run: RunID) {
        for layout in pending.created { layouts.remember(layout) }
        for (list, layout) in pending.lists { layouts.remember(layout, for: list) }
        for (replication, layout, values) in pending.stored {
            runTallies[run]?.add(replication: replication, layout: layout, values: values)
        }
    }

    /// The rows of each replication, in order of first appearance, each
    /// keeping the rows' order. A batch is usually one run of rows per
    /// replication, which this returns as slices without copying.
    static func groupedByReplication(_ rows: [KPIRow]) -> [(Int, ArraySlice<KPIRow>)] {
        var groups: [(Int, ArraySlice<KPIRow>)] = []
        var start = rows.startIndex
        var contiguous = true
        var seen = Set<Int>()
        while start < rows.endIndex {
            let replication = rows[start].replication
            var end = start + 1
            while end < rows.endIndex && rows[end].replication == replication { end += 1 }
            if !seen.insert(replication).inserted { contiguous = false; break }
            groups.append((replication, rows[start..<end]))
            start = end
        }
        if contiguous { return groups }
        // Interleaved replications: gather each one's rows.
        var order: [Int] = []
        var gathered: [Int: [KPIRow]] = [:]
        for row in rows {
            if gathered[row.replication] == nil { order.append(row.replication) }
            gathered[row.replication, default: []].append(row)
        }
        return order.map { ($0, gathered[$0]![...]) }
    }

    // Citizen records and time series: RunStore+Trace.swift.

    /// Marks a run `done` or `failed` and stamps its end time. For `done`,
    /// the per-KPI summaries (mean, sd, Student-t interval at `level`) are
    /// stored (packed in `kpi_summaries`), which the `kpi_summary` and
    /// `run_summary` views show.
    public func finishRun(_ run: RunID, status: RunStatus, error: String? = nil, level: Double = 0.95)
        throws(RunStoreError)
    {
        precondition(status != .running, "finishRun needs a final status (done or failed)")
        var created: [KPILayout] = []
        try write {
            try requireKnownRun(run)
            var summarised = false
            if status == .done {
                // Replaces the summary of an earlier finish, if any.
                let insert = try statement(
                    "INSERT OR REPLACE INTO kpi_summaries(run_id, layout_id, level, data) VALUES (?, ?, ?, ?)")
                if let (layout, tallies) = try keptTallies(of: run) {
                    // The values' own layout and order: no second layout,
                    // and no summary rows with names to build.
                    var builder = KPISummaryBuilder(level: level)
                    packText.removeAll()
                    Self.appendPackedSummary(tallies.lazy.map { builder.figures($0) }, to: &packText)
                    try insert.bind(run.rawValue, at: 1)
                    try insert.bind(layout.id, at: 2)
                    try insert.bind(level, at: 3)
                    try packText.withBytes { try insert.bindText($0, at: 4) }
                    try insert.run()
                    summarised = true
                } else {
                    let summaries = try summaries(of: run, level: level)
                    if !summaries.isEmpty {
                        let layout = try layout(
                            for: summaries.map { LayoutKey(scope: $0.scope.rawValue, name: $0.scopeName, kpi: $0.kpi) },
                            created: &created)
                        try insert.bind([run.rawValue, layout.id, level, Self.packedSummary(summaries)])
                        try insert.run()
                        summarised = true
                    }
                }
            }
            if !summarised {
                let delete = try statement("DELETE FROM kpi_summaries WHERE run_id = ?")
                try delete.bind(run.rawValue, at: 1)
                try delete.run()
            }
            let update = try statement("""
                UPDATE runs SET status = ?, error = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                WHERE id = ?
                """)
            try update.bind([status.rawValue, error, run.rawValue])
            try update.run()
        }
        for layout in created { layouts.remember(layout) }
        runTallies[run] = nil
    }

    /// The layout and tallies kept while the run was recorded, if they
    /// cover every stored replication (else the summary is read from the file).
    private func keptTallies(of run: RunID) throws -> (KPILayout, [Tally])? {
        guard let kept = runTallies[run], kept.valid, let layout = kept.layout,
              try storedReplicationRows(of: run) == kept.replications
        else { return nil }
        return (layout, kept.tallies)
    }

    /// Rows of `kpi_values` of the run (one per replication and layout).
    private func storedReplicationRows(of run: RunID) throws -> Int {
        let count = try statement("SELECT count(*) FROM kpi_values WHERE run_id = ?")
        try count.bind(run.rawValue, at: 1)
        defer { count.reset() }
        _ = try count.step()
        return count.int(0)
    }

    /// `[[n,mean,sd,half_width,min,max],…]`; undefined figures are null
    /// (mean, min and max without values; sd and half-width with fewer than
    /// two), so the shell and pandas show them as missing.
    static func packedSummary(_ summaries: [KPISummary]) -> String {
        var text = NumberText(capacity: summaries.count * 64)
        appendPackedSummary(summaries.lazy.map(SummaryFigures.init), to: &text)
        return text.string
    }

    static func appendPackedSummary<S: Sequence>(_ figures: S, to text: inout NumberText)
        where S.Element == SummaryFigures
    {
        text.append(byte: UInt8(ascii: "["))
        var first = true
        for s in figures {
            if !first { text.append(byte: UInt8(ascii: ",")) }
            first = false
            text.append(byte: UInt8(ascii: "["))
            text.appendInteger(Int64(s.count))
            let some = s.count > 0, defined = s.count > 1
            text.append(byte: UInt8(ascii: ","))
            text.append(some ? s.mean : .nan)
            text.append(byte: UInt8(ascii: ","))
            text.append(defined ? s.standardDeviation : .nan)
            text.append(byte: UInt8(ascii: ","))
            text.append(defined ? s.halfWidth : .nan)
            text.append(byte: UInt8(ascii: ","))
            text.append(some ? s.minimum : .nan)
            text.append(byte: UInt8(ascii: ","))
            text.append(some ? s.maximum : .nan)
            text.append(byte: UInt8(ascii: "]"))
        }
        text.append(byte: UInt8(ascii: "]"))
    }

    /// `requireRun`, skipped for a run this connection began and has not
    /// finished (runs are never deleted, so it exists).
    func requireKnownRun(_ run: RunID) throws {
        if runTallies[run] == nil { try requireRun(run) }
    }

    /// Throws `unknownRun` unless the run exists (clearer than the foreign
    /// key failure SQLite would report).
    func requireRun(_ run: RunID) throws {
        let check = try statement("SELECT 1 FROM runs WHERE id = ?")
        try check.bind(run.rawValue, at: 1)
        defer { check.reset() }
        guard try check.step() else { throw RunStoreError.unknownRun(path: path, id: run) }
    }
}

/// The stable identity of a run's content, used to recognise the same run in
/// two files when merging: the same scenario (hash), seed, replications, day
/// range and program version, and for a sweep point the same sweep
/// specification and point key, give the same results, so a second copy adds
/// nothing. Whether it was traced is not part of it.
///
/// Written as a compact JSON array, built by hand so it is byte-identical on
/// every platform: `["9f2c…",42,30,"tue","0.1.0",null,null]`.
enum RunKey {
    static func make(_ run: RunRecord, specHash: String?) -> String {
        let fields = [
            quoted(run.scenarioHash), String(run.seed), String(run.replications), quoted(run.dayRange),
            quoted(run.programVersion), specHash.map(quoted) ?? "null", run.pointKey.map(quoted) ?? "null",
        ]
        return "[" + fields.joined(separator: ",") + "]"
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
