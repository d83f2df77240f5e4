import Foundation

/// Sweeps: one scenario, a grid of points, one run per point.
///
/// ```swift
/// let sweep = try store.beginSweep(SweepRecord(specHash: h, scenarioName: "baseline",
///     scenarioHash: s, specJSON: json, pointCount: 12, programVersion: "0.1.0"))
/// let done = try store.completedPoints(sweep: sweep)          // for --resume
/// for point in grid where !done.contains(point.key) { … beginRun(… sweep: sweep, pointKey: point.key) … }
/// ```
extension RunStore {
    /// The sweep with `sweep.specHash`, created if this file has none yet.
    ///
    /// Get-or-create is what shards and resumed sweeps need: every process
    /// working on the same specification (several `--shard i/n` writing one
    /// file, or a `--resume` after a kill) gets the same sweep id. Whether an
    /// existing sweep may be continued is the caller's decision (look at
    /// `completedPoints` first).
    public func beginSweep(_ sweep: SweepRecord) throws(RunStoreError) -> SweepID {
        try write {
            if let id = try db.scalarInt("SELECT id FROM sweeps WHERE spec_hash = ?", sweep.specHash) {
                return SweepID(Int64(id))
            }
            try db.run("""
                INSERT INTO sweeps(spec_hash, scenario_name, scenario_hash, spec_json, point_count, program_version)
                VALUES (?, ?, ?, ?, ?, ?)
                """, sweep.specHash, sweep.scenarioName, sweep.scenarioHash, sweep.specJSON, sweep.pointCount,
                sweep.programVersion)
            return SweepID(db.lastInsertRowID)
        }
    }

    /// All sweeps, oldest first.
    public func sweeps() throws(RunStoreError) -> [SweepRecord] {
        try guarded {
            let query = try db.prepare(Self.sweepColumns + " ORDER BY id")
            var records: [SweepRecord] = []
            while try query.step() { records.append(Self.sweepRecord(query)) }
            return records
        }
    }

    /// One sweep, or nil.
    public func sweep(_ id: SweepID) throws(RunStoreError) -> SweepRecord? {
        try guarded {
            let query = try db.prepare(Self.sweepColumns + " WHERE id = ?")
            try query.bind(id.rawValue, at: 1)
            return try query.step() ? Self.sweepRecord(query) : nil
        }
    }

    /// The sweep with this specification hash, or nil.
    public func sweep(specHash: String) throws(RunStoreError) -> SweepRecord? {
        try guarded {
            let query = try db.prepare(Self.sweepColumns + " WHERE spec_hash = ?")
            try query.bind(specHash, at: 1)
            return try query.step() ? Self.sweepRecord(query) : nil
        }
    }

    /// Point keys of the sweep that have a finished (`done`) run: the points
    /// `--resume` skips. Points left `running` by a killed process or
    /// `failed` are not included, so they are run again.
    public func completedPoints(sweep: SweepID) throws(RunStoreError) -> Set<String> {
        try guarded {
            guard try db.scalarInt("SELECT 1 FROM sweeps WHERE id = ?", sweep.rawValue) != nil else {
                throw RunStoreError.unknownSweep(path: path, id: sweep)
            }
            let query = try db.prepare(
                "SELECT DISTINCT point_key FROM runs WHERE sweep_id = ? AND status = 'done'")
            try query.bind(sweep.rawValue, at: 1)
            var keys = Set<String>()
            while try query.step() { keys.insert(query.string(0)) }
            return keys
        }
    }

    static let sweepColumns = """
        SELECT id, spec_hash, scenario_name, scenario_hash, spec_json, point_count, program_version, created_at
        FROM sweeps
        """

    static func sweepRecord(_ q: Statement) -> SweepRecord {
        var record = SweepRecord(
            specHash: q.string(1), scenarioName: q.string(2), scenarioHash: q.string(3), specJSON: q.string(4),
            pointCount: q.int(5), programVersion: q.string(6))
        record.id = SweepID(q.int64(0))
        record.createdAt = q.optionalString(7).flatMap(parseTimestamp)
        return record
    }
}
