import Foundation

/// `wardsim export`: KPI values for analysis elsewhere (pandas, R, a
/// spreadsheet), in long ("tidy") form so that any set of KPIs fits one
/// fixed set of columns.
///
/// ```swift
/// print(KPIExport.csv(run: record, rows: try store.kpis(run: id)), terminator: "")
/// // run,replication,scope,scope_name,kpi,value
/// // 3,0,section,市民課,wait_mean_min,12.4
/// ```
public enum KPIExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    // MARK: One run: every replication's values

    public static let runColumns = ["run", "replication", "scope", "scope_name", "kpi", "value"]

    /// One CSV record per (replication, scope, name, KPI); undefined values empty.
    public static func csv(run: RunRecord, rows: [KPIRow]) -> String {
        let id = run.id?.description ?? ""
        var out = CSVText.record(runColumns)
        for row in rows {
            out += CSVText.record([id, String(row.replication), row.scope.rawValue, row.scopeName, row.kpi,
                                   CSVText.number(row.value)])
        }
        return out
    }

    /// `{"run": {…}, "rows": [{"replication": 0, "scope": …, "value": 12.4}, …]}`.
    public static func json(run: RunRecord, rows: [KPIRow]) -> String {
        JSONText.object([
            ("run", RunJSON.metadata(run, includingScenarioText: false)),
            ("rows", .array(rows.map { row in
                .object([("replication", .int(Int64(row.replication))), ("scope", .string(row.scope.rawValue)),
                         ("scope_name", .string(row.scopeName)), ("kpi", .string(row.kpi)),
                         ("value", .number(row.value))])
            })),
        ]).text + "\n"
    }

    // MARK: A sweep: parameters and KPI summary per point

    public static let summaryColumns = ["scope", "scope_name", "kpi", "n", "mean", "sd", "ci_low", "ci_high",
                                        "half_width", "level"]

    /// One CSV record per (point, scope, name, KPI): the point's run and key,
    /// one column per sweep parameter (named by its key; prefixed `param.`
    /// should a key clash with a fixed column), then the KPI summary.
    public static func sweepCSV(_ results: SweepResults) -> String {
        let names = results.parameterNames
        let fixed = Set(["sweep", "run", "point"] + summaryColumns)
        let parameterColumns = names.map { fixed.contains($0) ? "param." + $0 : $0 }
        var out = CSVText.record(["sweep", "run", "point"] + parameterColumns + summaryColumns)
        let sweep = results.sweep.id?.description ?? ""
        for point in results.points {
            let values = Dictionary(point.run.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            let lead = [sweep, point.run.id?.description ?? "", point.run.pointKey ?? ""]
                + names.map { values[$0] ?? "" }
            for s in point.summaries {
                out += CSVText.record(lead + [
                    s.scope.rawValue, s.scopeName, s.kpi, String(s.count), CSVText.number(s.mean),
                    CSVText.number(s.standardDeviation), CSVText.number(s.low), CSVText.number(s.high),
                    CSVText.number(s.halfWidth), CSVText.number(s.level),
                ])
            }
        }
        return out
    }

    /// `{"sweep": {…, "spec": {…}}, "points": [{"run": 5, "point": "…", "parameters": {…}, "kpis": […]}, …],
    /// "missing_points": 0}`.
    public static func sweepJSON(_ results: SweepResults) -> String {
        let sweep = results.sweep
        var sweepMembers: [(String, JSONText)] = [
            ("id", sweep.id.map { .int($0.rawValue) } ?? .null),
            ("spec_hash", .string(sweep.specHash)),
            ("scenario", .string(sweep.scenarioName)),
            ("scenario_hash", .string(sweep.scenarioHash)),
            ("point_count", .int(Int64(sweep.pointCount))),
            ("program_version", .string(sweep.programVersion)),
            ("created", sweep.createdAt.map { .string(DisplayText.iso8601($0)) } ?? .null),
        ]
        // The specification is JSON written by `wardsim sweep`; embedded as
        // such when it parses, else kept as a string.
        let specIsJSON = (try? JSONSerialization.jsonObject(with: Data(sweep.specJSON.utf8))) != nil
        sweepMembers.append(("spec", specIsJSON ? .raw(sweep.specJSON) : .string(sweep.specJSON)))
        return JSONText.object([
            ("sweep", .object(sweepMembers)),
            ("points", .array(results.points.map { point in
                .object([
                    ("run", point.run.id.map { .int($0.rawValue) } ?? .null),
                    ("point", point.run.pointKey.map(JSONText.string) ?? .null),
                    ("parameters", .object(point.run.parameters.map { ($0.name, .string($0.value)) })),
                    ("kpis", .array(point.summaries.map(RunJSON.summary))),
                ])
            })),
            ("missing_points", .int(Int64(results.missingPoints))),
        ]).text + "\n"
    }
}

/// A sweep's finished points with their KPI summaries, for export.
public struct SweepResults: Sendable {
    public struct Point: Sendable {
        public var run: RunRecord
        public var summaries: [KPISummary]
        public init(run: RunRecord, summaries: [KPISummary]) { self.run = run; self.summaries = summaries }
    }

    public var sweep: SweepRecord
    /// One per point with a finished run, in order of first run id.
    public var points: [Point]
    /// Points of the sweep (`pointCount`) without a finished run in this file
    /// (not run yet, killed, failed, or run in another shard's file).
    public var missingPoints: Int

    public init(sweep: SweepRecord, points: [Point], missingPoints: Int) {
        self.sweep = sweep; self.points = points; self.missingPoints = missingPoints
    }

    /// Parameter names in the order the points give them (first seen first).
    public var parameterNames: [String] {
        var seen = Set<String>(), names: [String] = []
        for point in points { for p in point.run.parameters where seen.insert(p.name).inserted { names.append(p.name) } }
        return names
    }
}

extension RunStore {
    /// The finished points of a sweep and their summaries. A point run more
    /// than once (re-run without `--resume`) is reported once, from its
    /// latest finished run; runs still `running` or `failed` are left out.
    public func sweepResults(_ id: SweepID, level: Double = 0.95) throws(RunStoreError) -> SweepResults {
        guard let sweep = try sweep(id) else { throw .unknownSweep(path: path, id: id) }
        var latest: [String: RunRecord] = [:]
        var order: [String] = []
        for run in try runs(sweep: id) where run.status == .done {
            let key = run.pointKey ?? ""
            if latest[key] == nil { order.append(key) }
            latest[key] = run  // runs come oldest first, so the last one wins
        }
        var points: [SweepResults.Point] = []
        for key in order {
            let run = latest[key]!
            points.append(.init(run: run, summaries: try summary(run: run.id!, level: level)))
        }
        return SweepResults(sweep: sweep, points: points, missingPoints: max(0, sweep.pointCount - points.count))
    }
}
