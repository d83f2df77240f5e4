import CSQLite
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
    /// parameters, KPIs, summaries, citizens and time series, the sweeps
    /// they belong to and the comparisons made of them) into this store, in
    /// one transaction.
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
            pendingMergeLayouts = []
            let report = try db.transaction(.immediate) { try copyFromAttached() }
            for layout in pendingMergeLayouts { layouts.remember(layout) }
            pendingMergeLayouts = []
            return report
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

        try mapLayouts()
        let sourceRuns = try db.prepare("SELECT id, run_key, status, sweep_id FROM merge_source.runs ORDER BY id")
        let present = try db.prepare(
            "SELECT id FROM main.runs WHERE run_key = ? AND status = 'done' ORDER BY id LIMIT 1")
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
            INSERT INTO main.kpi_values(run_id, replication, layout_id, vals)
            SELECT ?, v.replication, m.main_id, v.vals
            FROM merge_source.kpi_values AS v JOIN temp.merge_layouts AS m ON m.source_id = v.layout_id
            WHERE v.run_id = ?
            """,
            """
            INSERT INTO main.kpi_summaries(run_id, layout_id, level, data)
            SELECT ?, m.main_id, s.level, s.data
            FROM merge_source.kpi_summaries AS s JOIN temp.merge_layouts AS m ON m.source_id = s.layout_id
            WHERE s.run_id = ?
            """,
        ].map { try db.prepare($0) }
        try mapAttachedTraceNames()

        // Each finished source run's counterpart here (copied or already present).
        var runMap: [Int64: Int64] = [:]
        while try sourceRuns.step() {
            let sourceID = sourceRuns.int64(0), key = sourceRuns.string(1)
            guard sourceRuns.string(2) == RunStatus.done.rawValue else {
                report.runsUnfinished += 1
                continue
            }
            try present.bind(key, at: 1)
            let existing: Int64? = try present.step() ? present.int64(0) : nil
            present.reset()
            if let existing {
                runMap[sourceID] = existing
                report.runsSkipped += 1
                continue
            }
            let sweep: Int64? = sourceRuns.isNull(3) ? nil : sweepMap[sourceRuns.int64(3)]
            try copyRun.bind([sweep, sourceID])
            try copyRun.run()
            let newID = db.lastInsertRowID
            runMap[sourceID] = newID
            for copy in copyChildren {
                try copy.bind([newID, sourceID])
                try copy.run()
            }
            try copyAttachedTrace(of: sourceID, to: newID)
            report.runsAdded += 1
        }
        report.comparisonsAdded = try copyComparisons(runMap: runMap)
        try db.execute("DROP TABLE temp.merge_layouts")
        return report
    }

    /// Fills `temp.merge_layouts` with each KPI layout of the other file and
    /// its counterpart here (matched by hash and checked key by key, or
    /// copied), for copying packed values. Layouts copied but then unused
    /// (their runs already here) are harmless.
    private func mapLayouts() throws {
        try db.execute("""
            DROP TABLE IF EXISTS temp.merge_layouts;
            CREATE TEMP TABLE merge_layouts(source_id INTEGER PRIMARY KEY, main_id INTEGER NOT NULL);
            """)
        let source = try db.prepare("SELECT id, keys_hash FROM merge_source.kpi_layouts ORDER BY id")
        let keysQuery = try db.prepare(
            "SELECT scope, scope_name, kpi FROM merge_source.kpi_layout_keys WHERE layout_id = ? ORDER BY position")
        let record = try db.prepare("INSERT INTO temp.merge_layouts(source_id, main_id) VALUES (?, ?)")
        var created: [KPILayout] = []
        while try source.step() {
            try keysQuery.bind(source.int64(0), at: 1)
            var keys: [LayoutKey] = []
            while try keysQuery.step() {
                keys.append(LayoutKey(scope: keysQuery.string(0), name: keysQuery.string(1), kpi: keysQuery.string(2)))
            }
            keysQuery.reset()
            guard KPIPacking.hash(keys) == source.string(1) else {
                throw SQLiteError(code: SQLITE_CORRUPT, message: "KPI layout \(source.int64(0)) does not match its hash")
            }
            let here = try layout(for: keys, created: &created)
            try record.bind([source.int64(0), here.id])
            try record.run()
        }
        // Remembered only once the merge has committed (see `merge(from:)`).
        pendingMergeLayouts = created
    }

    /// Copies the source's comparisons whose runs all have a counterpart
    /// here, mapped to those runs; one equal to a comparison already here
    /// (same label, base and others) is not copied again. Returns how many
    /// were added.
    private func copyComparisons(runMap: [Int64: Int64]) throws -> Int {
        var existing = Set<[String]>()
        for c in try comparisons() {
            existing.insert(Self.comparisonIdentity(c.label, c.allRuns.map(\.rawValue)))
        }

        var source: [(id: Int64, label: String, note: String?, createdAt: String, runs: [Int64])] = []
        let query = try db.prepare(
            "SELECT id, label, note, created_at, base_run_id FROM merge_source.comparisons ORDER BY id")
        while try query.step() {
            source.append((query.int64(0), query.string(1), query.optionalString(2), query.string(3), [query.int64(4)]))
        }
        let others = try db.prepare(
            "SELECT run_id FROM merge_source.comparison_runs WHERE comparison_id = ? ORDER BY position")
        var added = 0
        for var comparison in source {
            try others.bind(comparison.id, at: 1)
            while try others.step() { comparison.runs.append(others.int64(0)) }
            others.reset()
            let mapped = comparison.runs.compactMap { runMap[$0] }
            guard mapped.count == comparison.runs.count, mapped.count > 1 else { continue }
            let identity = Self.comparisonIdentity(comparison.label, mapped)
            guard existing.insert(identity).inserted else { continue }
            _ = try insertComparison(
                label: comparison.label, base: mapped[0], others: Array(mapped.dropFirst()), note: comparison.note,
                createdAt: comparison.createdAt)
            added += 1
        }
        return added
    }

    private static func comparisonIdentity(_ label: String, _ runs: [Int64]) -> [String] {
        [label] + runs.map(String.init)
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
