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
    /// a few) in one transaction with one reused prepared statement.
    /// Storing the same (replication, scope, name, kpi) twice is an error and
    /// leaves the whole batch out.
    public func record(kpis rows: [KPIRow], for run: RunID) throws(RunStoreError) {
        try write {
            try requireRun(run)
            try insertKPIs(rows, run)
        }
    }

    /// Inserts KPI rows; call inside a write transaction.
    func insertKPIs(_ rows: [KPIRow], _ run: RunID) throws {
        let insert = try statement(
            "INSERT INTO kpis(run_id, replication, scope, scope_name, kpi, value) VALUES (?, ?, ?, ?, ?, ?)")
        try insert.bind(run.rawValue, at: 1)  // kept across rows: reset does not clear bindings
        for row in rows {
            try insert.bind(row.replication, at: 2)
            try insert.bind(row.scope.rawValue, at: 3)
            try insert.bind(row.scopeName, at: 4)
            try insert.bind(row.kpi, at: 5)
            try insert.bind(row.value, at: 6)
            try insert.run()
        }
    }

    // Citizen records and time series: RunStore+Trace.swift.

    /// Marks a run `done` or `failed` and stamps its end time. For `done`,
    /// the per-KPI summaries (mean, sd, Student-t interval at `level`) are
    /// written to `kpi_summary`, which the `run_summary` view shows.
    public func finishRun(_ run: RunID, status: RunStatus, error: String? = nil, level: Double = 0.95)
        throws(RunStoreError)
    {
        precondition(status != .running, "finishRun needs a final status (done or failed)")
        try write {
            try requireRun(run)
            try db.run("DELETE FROM kpi_summary WHERE run_id = ?", run.rawValue)
            if status == .done {
                let insert = try statement("""
                    INSERT INTO kpi_summary(run_id, scope, scope_name, kpi, n, mean, sd, half_width, level,
                                            minimum, maximum)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for s in try summaries(of: run, level: level) {
                    // Undefined figures go in as NULL rather than NaN or ±inf,
                    // so the shell and pandas show them as missing.
                    let defined = s.count > 1
                    try insert.bind([
                        run.rawValue, s.scope.rawValue, s.scopeName, s.kpi, s.count,
                        s.count > 0 ? s.mean : nil, defined ? s.standardDeviation : nil,
                        defined ? s.halfWidth : nil, level,
                        s.count > 0 ? s.minimum : nil, s.count > 0 ? s.maximum : nil,
                    ])
                    try insert.run()
                }
            }
            try db.run("""
                UPDATE runs SET status = ?, error = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                WHERE id = ?
                """, status.rawValue, error, run.rawValue)
        }
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
