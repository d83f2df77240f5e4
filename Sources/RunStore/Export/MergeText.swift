/// What `wardsim merge` prints for each file it merged.
///
/// ```swift
/// MergeText.line(source: "shard-1.sqlite", report)
/// // "shard-1.sqlite: 12 runs added, 3 already present, 1 unfinished not copied, 1 sweep added"
/// ```
public enum MergeText {
    public static func line(source: String, _ report: MergeReport) -> String {
        var parts = ["\(count(report.runsAdded, "run")) added"]
        if report.runsSkipped > 0 { parts.append("\(report.runsSkipped) already present") }
        if report.runsUnfinished > 0 { parts.append("\(report.runsUnfinished) unfinished not copied") }
        if report.sweepsAdded > 0 { parts.append("\(count(report.sweepsAdded, "sweep")) added") }
        if report.comparisonsAdded > 0 { parts.append("\(count(report.comparisonsAdded, "comparison")) added") }
        return "\(source): " + parts.joined(separator: ", ")
    }

    /// The closing line: `"out.sqlite: 42 runs in total (2 sweeps, 3 outside sweeps)"`.
    public static func total(destination: String, runs: [RunRecord]) -> String {
        let sweeps = Set(runs.compactMap(\.sweep)).count
        let single = runs.filter { $0.sweep == nil }.count
        var text = "\(destination): \(count(runs.count, "run")) in total"
        if sweeps > 0 { text += " (\(count(sweeps, "sweep")), \(single) outside sweeps)" }
        return text
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
