import Foundation

/// `wardsim show ID`: one run's metadata and its KPI summary.
///
/// ```swift
/// print(RunDetail.table(run: record, summaries: try store.summary(run: id)), terminator: "")
/// // run           3 (done)
/// // scenario      baseline (hash 9f2c…)
/// // …
/// //
/// // scope    name  kpi            n   mean  95% CI
/// // total    all   wait_mean_min  30  12.43  [11.95, 12.92]
/// ```
public enum RunDetail {
    public static func table(run: RunRecord, summaries: [KPISummary], timeZone: TimeZone = .current) -> String {
        var facts: [(String, String)] = [
            ("run", "\(run.id?.description ?? "?") (\(run.status.rawValue))"),
            ("scenario", "\(run.scenarioName) (hash \(run.scenarioHash))"),
            ("seed", String(run.seed)),
            ("replications", String(run.replications)),
            ("days", run.dayRange),
            ("created", DisplayText.timestamp(run.createdAt, in: timeZone, seconds: true)),
            ("finished", DisplayText.timestamp(run.finishedAt, in: timeZone, seconds: true)),
            ("program", run.programVersion),
            ("traced", run.traced ? "yes" : "no"),
        ]
        if let sweep = run.sweep { facts.append(("sweep", "\(sweep), point \(run.pointKey ?? "?")")) }
        if !run.parameters.isEmpty {
            facts.append(("parameters", run.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")))
        }
        if let error = run.error { facts.append(("error", error)) }
        let labelWidth = facts.map { $0.0.count }.max() ?? 0
        var out = ""
        for (label, value) in facts {
            out += label + String(repeating: " ", count: labelWidth - label.count + 2) + oneLine(value) + "\n"
        }
        out += "\n"
        if summaries.isEmpty {
            out += "no KPI values recorded\n"
        } else {
            out += summaryTable(summaries)
        }
        return out
    }

    /// The KPI summary: n, mean and the Student-t interval, each row with
    /// decimals suited to its own precision (`DisplayText.decimals`).
    public static func summaryTable(_ summaries: [KPISummary]) -> String {
        let level = summaries.first.map { $0.level } ?? 0.95
        var table = TextTable(["scope", "name", "kpi", "n", "mean", "\(percent(level)) CI"], rightAligned: [3, 4])
        for s in summaries {
            let places = DisplayText.decimals(mean: s.mean, halfWidth: s.halfWidth)
            let interval = s.halfWidth.isFinite
                ? "[\(DisplayText.fixed(s.low, decimals: places)), \(DisplayText.fixed(s.high, decimals: places))]"
                : "–"
            table.append([s.scope.rawValue, s.scopeName, s.kpi, String(s.count),
                          DisplayText.fixed(s.mean, decimals: places), interval])
        }
        return table.text
    }

    /// `{"run": {…, "scenario_text": "…"}, "kpis": [{…}, …]}`.
    public static func json(run: RunRecord, summaries: [KPISummary]) -> String {
        JSONText.object([
            ("run", RunJSON.metadata(run, includingScenarioText: true)),
            ("kpis", .array(summaries.map(RunJSON.summary))),
        ]).text + "\n"
    }

    /// 0.95 → "95%", 0.975 → "97.5%".
    static func percent(_ level: Double) -> String {
        let p = (level * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }

    /// An error message may span lines; the fact list keeps one line each.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
