import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Merging shard files: `wardsim merge A B -o C` opens C and merges A, then B.
extension RunStore {
    /// Copies the finished runs of the store at `otherPath` (with their
    /// parameters, KPIs, summaries, citizens and time series, and the sweeps
    /// they belong to) into this store, in one transaction.
    ///
    /// - No duplicates: a run whose `run_key` (scenario hash, seed,
    ///   replications, day range, program version, sweep specification hash,
    ///   point key — see `RunKey`) already has a finished run here is skipped,
    ///   so merging the same file twice adds nothing, and overlapping shards
    ///   add each point once. Sweeps are matched by their `spec_hash`.
    /// - Only `done` runs are copied: a run left `running` by a killed
    ///   process or `failed` has no complete results.
    /// - The other file must have exactly this store's schema version; it is
    ///   only read (attached with `mode=ro`), never migrated.
    ///
    /// Cost: one `INSERT … SELECT` per table and copied run (trace rows:
    /// one per trace table, giving the run one batch there).
    public func merge(from otherPath: String) throws(RunStoreError) -> MergeReport {
        guard accessMode == .readWrite else { throw .readOnly(path: path) }
        // Validates the other file (wardsim, same schema) without writing it.
        let source = try RunStore.open(path: otherPath, mode: .readOnly, busyTimeout: busyTimeout)
        _ = source  // only the check is needed; the copy goes through ATTACH
        if Self.sameFile(path, otherPath) { throw .mergeIntoItself(path: path) }
        return try guarded {
            try db.run("ATTACH DATABASE ? AS merge_source", Self.readOnlyURI(otherPath))
            defer { try? db.execute("DETACH DATABASE merge_source") }
            return try db.transaction(.immediate) { try copyFromAttached() }
        }
    }

    private func copyFromAttached() throws -> MergeReport {
        var report = MergeReport(runsAdded: 0, runsSkipped: 0, runsUnfinished: 0, sweepsAdded: 0)

        // Sweeps, matched by specification hash.
        var sweepMap: [Int64: Int64] = [:]
        let sourceSweeps = try db.prepare("SELECT id, spec_hash FROM merge_source.sweeps ORDER BY id")
        while try sourceSweeps.step() {
            let sourceID = sourceSweeps.int64(0), specHash = sourceSweeps.string(1)
            if let existing = try db.scalarInt("SELECT id FROM main.sweeps WHERE spec_hash = ?", specHash) {
                sweepMap[sourceID] = Int64(existing)
            } else {
                try db.run("""
                    INSERT INTO main.sweeps(spec_hash, scenario_name, scenario_hash, spec_json, point_count,
                                            program_version, created_at)
                    SELECT spec_hash, scenario_name, scenario_hash, spec_json, point_count, program_version, created_at
                    FROM merge_source.sweeps WHERE id = ?
                    """, sourceID)
                sweepMap[sourceID] = db.lastInsertRowID
                report.sweepsAdded += 1
            }
        }

        let sourceRuns = try db.prepare("SELECT id, run_key, status, sweep_id FROM merge_source.runs ORDER BY id")
        let present = try db.prepare("SELECT 1 FROM main.runs WHERE run_key = ? AND status = 'done' LIMIT 1")
        let copyRun = try db.prepare("""
            INSERT INTO main.runs(run_key, status, scenario_name, scenario_hash, scenario_text, seed, replications,
                                  day_range, program_version, traced, sweep_id, point_key, created_at,
                                  finished_at, error)
            SELECT run_key, status, scenario_name, scenario_hash, scenario_text, seed, replications,
                   day_range, program_version, traced, ?, point_key, created_at, finished_at, error
            FROM merge_source.runs WHERE id = ?
            """)
        // Child tables: (new run id, source run id).
        let copyChildren = try [
            """
            INSERT INTO main.run_parameters(run_id, position, name, value, number)
            SELECT ?, position, name, value, number FROM merge_source.run_parameters WHERE run_id = ?
            """,
            """
            INSERT INTO main.kpis(run_id, replication, scope, scope_name, kpi, value)
            SELECT ?, replication, scope, scope_name, kpi, value FROM merge_source.kpis WHERE run_id = ?
            """,
            """
            INSERT INTO main.kpi_summary(run_id, scope, scope_name, kpi, n, mean, sd, half_width, level,
                                         minimum, maximum)
            SELECT ?, scope, scope_name, kpi, n, mean, sd, half_width, level, minimum, maximum
            FROM merge_source.kpi_summary WHERE run_id = ?
            """,
        ].map { try db.prepare($0) }
        try mapAttachedTraceNames()

        while try sourceRuns.step() {
            let sourceID = sourceRuns.int64(0), key = sourceRuns.string(1)
            guard sourceRuns.string(2) == RunStatus.done.rawValue else {
                report.runsUnfinished += 1
                continue
            }
            try present.bind(key, at: 1)
            let alreadyHere = try present.step()
            present.reset()
            if alreadyHere {
                report.runsSkipped += 1
                continue
            }
            let sweep: Int64? = sourceRuns.isNull(3) ? nil : sweepMap[sourceRuns.int64(3)]
            try copyRun.bind([sweep, sourceID])
            try copyRun.run()
            let newID = db.lastInsertRowID
            for copy in copyChildren {
                try copy.bind([newID, sourceID])
                try copy.run()
            }
            try copyAttachedTrace(of: sourceID, to: newID)
            report.runsAdded += 1
        }
        return report
    }

    /// A `file:` URI opening `path` read-only. Characters that are special in
    /// URIs are percent-encoded, and leading slashes collapsed so an
    /// absolute path cannot be read as a `//host` authority.
    static func readOnlyURI(_ path: String) -> String {
        var normalised = Substring(path)
        while normalised.hasPrefix("//") { normalised = normalised.dropFirst() }
        let encoded = String(normalised)
            .replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "?", with: "%3F")
            .replacingOccurrences(of: "#", with: "%23")
        return "file:" + encoded + "?mode=ro"
    }

    /// True if both paths name the same file (same device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
