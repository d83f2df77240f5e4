import Foundation

/// `wardsim runs`: the runs of a store as a table or JSON.
///
/// ```swift
/// print(RunListing.table(try store.runs()), terminator: "")
/// // id  created           scenario  status   reps  seed  sweep  point
/// //  1  2025-06-01 09:30  baseline  done       30    42
/// //  2  2025-06-01 09:41  baseline  running    30    42      1  staff.citizen=3
/// ```
public enum RunListing {
    /// One line per run, oldest first; times in `timeZone`.
    public static func table(_ runs: [RunRecord], timeZone: TimeZone = .current) -> String {
        var table = TextTable(["id", "created", "scenario", "status", "reps", "seed", "sweep", "point"],
                              rightAligned: [0, 4, 5, 6])
        for run in runs {
            table.append([
                run.id.map(\.description) ?? "?", DisplayText.timestamp(run.createdAt, in: timeZone),
                run.scenarioName, run.status.rawValue, String(run.replications), String(run.seed),
                run.sweep?.description ?? "", run.pointKey ?? "",
            ])
        }
        return table.text
    }

    /// A JSON array of run objects (see `RunJSON.metadata`), without scenario texts.
    public static func json(_ runs: [RunRecord]) -> String {
        JSONText.array(runs.map { RunJSON.metadata($0, includingScenarioText: false) }).text + "\n"
    }
}

/// The JSON form of a run's metadata, shared by `runs`, `show` and `export`.
public enum RunJSON {
    /// `{"id": 3, "status": "done", "scenario": "baseline", …, "parameters": {"staff.citizen": "4"}}`.
    /// Times are ISO 8601 UTC; absent values are `null`.
    public static func metadata(_ run: RunRecord, includingScenarioText: Bool) -> JSONText {
        var members: [(String, JSONText)] = [
            ("id", run.id.map { .int($0.rawValue) } ?? .null),
            ("status", .string(run.status.rawValue)),
            ("scenario", .string(run.scenarioName)),
            ("scenario_hash", .string(run.scenarioHash)),
            ("seed", .unsigned(run.seed)),
            ("replications", .int(Int64(run.replications))),
            ("days", .string(run.dayRange)),
            ("program_version", .string(run.programVersion)),
            ("traced", .bool(run.traced)),
            ("sweep", run.sweep.map { .int($0.rawValue) } ?? .null),
            ("point", run.pointKey.map(JSONText.string) ?? .null),
            ("parameters", .object(run.parameters.map { ($0.name, .string($0.value)) })),
            ("created", run.createdAt.map { .string(DisplayText.iso8601($0)) } ?? .null),
            ("finished", run.finishedAt.map { .string(DisplayText.iso8601($0)) } ?? .null),
            ("error", run.error.map(JSONText.string) ?? .null),
        ]
        if includingScenarioText { members.append(("scenario_text", .string(run.scenarioText))) }
        return .object(members)
    }

    /// `{"scope": "total", "scope_name": "all", "kpi": "wait_mean_min", "n": 30, "mean": 12.4, …}`.
    public static func summary(_ s: KPISummary) -> JSONText {
        .object([
            ("scope", .string(s.scope.rawValue)), ("scope_name", .string(s.scopeName)), ("kpi", .string(s.kpi)),
            ("n", .int(Int64(s.count))), ("mean", .number(s.mean)), ("sd", .number(s.standardDeviation)),
            ("ci_low", .number(s.low)), ("ci_high", .number(s.high)), ("half_width", .number(s.halfWidth)),
            ("level", .number(s.level)), ("min", .number(s.minimum)), ("max", .number(s.maximum)),
        ])
    }
}
