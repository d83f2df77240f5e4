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

    /// What a KPI insert learnt that only counts once its transaction commits.
    struct PendingKPIs {
        var created: [KPILayout] = []
        var stored: [(Int, KPILayout, [Double])] = []
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
            for id in overlapping {
                let stored = Set(try self.layout(id: id).keys)
                if let twice = layout.keys.first(where: stored.contains) {
                    throw SQLiteError(code: SQLITE_CONSTRAINT, message:
                        "run \(run) replication \(replication) already has \(twice.scope)/\(twice.name)/\(twice.kpi)")
                }
            }
            let values = group.map(\.value)
            try insert.bind([run.rawValue, replication, layout.id, KPIPacking.encode(values)])
            try insert.run()
            if runTallies[run] != nil { pending.stored.append((replication, layout, values)) }
        }
    }

    /// Only what committed counts: new layouts and the run's running tallies.
    func remember(_ pending: PendingKPIs, for run: RunID) {
        for layout in pending.created { layouts.remember(layout) }
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
            try requireRun(run)
            try db.run("DELETE FROM kpi_summaries WHERE run_id = ?", run.rawValue)
            if status == .done {
                let summaries = try finishedSummaries(of: run, level: level)
                if !summaries.isEmpty {
                    let layout = try layout(
                        for: summaries.map { LayoutKey(scope: $0.scope.rawValue, name: $0.scopeName, kpi: $0.kpi) },
                        created: &created)
                    try db.run("INSERT INTO kpi_summaries(run_id, layout_id, level, data) VALUES (?, ?, ?, ?)",
                               run.rawValue, layout.id, level, Self.packedSummary(summaries))
                }
            }
            try db.run("""
                UPDATE runs SET status = ?, error = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                WHERE id = ?
                """, status.rawValue, error, run.rawValue)
        }
        for layout in created { layouts.remember(layout) }
        runTallies[run] = nil
    }

    /// The summaries of a run being finished: from the tallies kept while it
    /// was recorded, when they cover every stored replication; else read
    /// from the file.
    private func finishedSummaries(of run: RunID, level: Double) throws -> [KPISummary] {
        if let kept = runTallies[run], kept.valid, let layout = kept.layout,
           try db.scalarInt("SELECT count(*) FROM kpi_values WHERE run_id = ?", run.rawValue) == kept.replications
        {
            var builder = KPISummaryBuilder(level: level)
            return layout.sortedPositions.map {
                let key = layout.keys[$0]
                return builder.make(scope: KPIScope(rawValue: key.scope), name: key.name, kpi: key.kpi, kept.tallies[$0])
            }
        }
        return try summaries(of: run, level: level)
    }

    /// `[[n,mean,sd,half_width,min,max],…]`; undefined figures are null
    /// (mean, min and max without values; sd and half-width with fewer than
    /// two), so the shell and pandas show them as missing.
    static func packedSummary(_ summaries: [KPISummary]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(summaries.count * 64)
        for (i, s) in summaries.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "["))
            bytes.append(contentsOf: String(s.count).utf8)
            let defined = s.count > 1
            for value in [s.count > 0 ? s.mean : .nan, defined ? s.standardDeviation : .nan,
                          defined ? s.halfWidth : .nan, s.count > 0 ? s.minimum : .nan, s.count > 0 ? s.maximum : .nan] {
                bytes.append(UInt8(ascii: ","))
                KPIPacking.append(value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
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
