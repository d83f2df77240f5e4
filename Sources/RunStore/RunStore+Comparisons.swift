import Foundation

/// Comparisons: a base run and the runs compared against it on the same
/// random streams (`wardsim compare BASE OTHER…`).
///
/// ```swift
/// let base = try store.beginRun(baselineRecord)      // … KPIs, finishRun
/// let other = try store.beginRun(reservationRecord)  // … KPIs, finishRun
/// let id = try store.beginComparison(base: base, others: [other], label: "reservations")
/// try store.comparison(id)?.otherRuns                // [other]
/// ```
///
/// The store only records which runs belong together; the paired
/// differences are computed from their per-replication KPIs (replication
/// `i` of every run used the same random numbers).
extension RunStore {
    /// Records a comparison of `others` (in this order) against `base`.
    /// The runs must exist in this file; they may still be running (a
    /// reader should check their status). `others` must not be empty.
    public func beginComparison(base: RunID, others: [RunID], label: String = "", note: String? = nil)
        throws(RunStoreError) -> ComparisonID
    {
        precondition(!others.isEmpty, "a comparison needs at least one run besides the base")
        return try write {
            for run in [base] + others { try requireRun(run) }
            return try insertComparison(label: label, base: base.rawValue, others: others.map(\.rawValue), note: note)
        }
    }

    /// One comparison, or nil if there is none with this id.
    public func comparison(_ id: ComparisonID) throws(RunStoreError) -> ComparisonRecord? {
        try guarded { try loadComparisons(where: "WHERE id = ?", id.rawValue).first }
    }

    /// All comparisons, oldest first.
    public func comparisons() throws(RunStoreError) -> [ComparisonRecord] {
        try guarded { try loadComparisons(where: "", nil) }
    }

    // MARK: Shared with merge

    /// Inserts a comparison and its runs; call inside a write transaction.
    func insertComparison(label: String, base: Int64, others: [Int64], note: String?, createdAt: String? = nil)
        throws -> ComparisonID
    {
        if let createdAt {
            try db.run("INSERT INTO comparisons(label, base_run_id, note, created_at) VALUES (?, ?, ?, ?)",
                       label, base, note, createdAt)
        } else {
            try db.run("INSERT INTO comparisons(label, base_run_id, note) VALUES (?, ?, ?)", label, base, note)
        }
        let id = db.lastInsertRowID
        let insert = try statement("INSERT INTO comparison_runs(comparison_id, position, run_id) VALUES (?, ?, ?)")
        for (offset, run) in others.enumerated() {
            try insert.bind([id, offset + 1, run])
            try insert.run()
        }
        return ComparisonID(id)
    }

    /// Comparisons of the main file matching `filter` (one bound value at most),
    /// oldest first. Two queries, whatever the number of comparisons.
    private func loadComparisons(where filter: String, _ value: Int64?) throws -> [ComparisonRecord] {
        let query = try db.prepare(
            "SELECT id, label, base_run_id, note, created_at FROM comparisons \(filter) ORDER BY id")
        if let value { try query.bind(value, at: 1) }
        var records: [ComparisonRecord] = []
        var index: [Int64: Int] = [:]
        while try query.step() {
            index[query.int64(0)] = records.count
            records.append(ComparisonRecord(
                id: ComparisonID(query.int64(0)), label: query.string(1), baseRun: RunID(query.int64(2)),
                otherRuns: [], note: query.optionalString(3),
                createdAt: query.optionalString(4).flatMap(parseTimestamp)))
        }
        guard !records.isEmpty else { return [] }
        let runFilter = filter.isEmpty ? "" : "WHERE comparison_id = ?"
        let runs = try db.prepare(
            "SELECT comparison_id, run_id FROM comparison_runs \(runFilter) ORDER BY comparison_id, position")
        if let value { try runs.bind(value, at: 1) }
        while try runs.step() {
            if let i = index[runs.int64(0)] { records[i].otherRuns.append(RunID(runs.int64(1))) }
        }
        return records
    }
}
