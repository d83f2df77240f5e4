import Experiments
import Foundation
import RunStore
import SimKernel

/// What `wardsim compare` prints: per other scenario, the headline KPIs of
/// the base and the other, the paired difference with its 95 % interval and
/// a verdict — a table for people, or one JSON object for scripts.
struct ComparisonSummary {
    var result: ScenarioComparisonResult
    var comparisonID: ComparisonID?
    /// Run ids, base first (empty with `--no-store`).
    var runIDs: [RunID]

    /// Headline rows: the city's KPIs a planner reads first, with labels.
    static let headline: [(kpi: String, label: String, percent: Bool)] = [
        ("wait_mean", "wait mean (min)", false),
        ("wait_p90", "wait P90 (min)", false),
        ("time_in_office_mean", "in office (min)", false),
        ("served_within_30", "served within 30 min", true),
        ("reneged", "reneged", false),
        ("balked", "balked", false),
        ("deflected", "visits avoided", false),
        ("citizen_hours_saved", "citizen hours saved", false),
        ("staff_overtime_minutes", "staff overtime (min)", false),
        ("staff_busy_hours_total", "staff busy hours", false),
        ("utilisation_counter", "counter utilisation", true),
    ]

    /// The headline differences of one other scenario: the city rows above,
    /// then each section's mean wait.
    static func headlineRows(_ differences: [KPIDifference]) -> [(label: String, percent: Bool, KPIDifference)] {
        let byKey = Dictionary(differences.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [(String, Bool, KPIDifference)] = []
        for (kpi, label, percent) in headline {
            if let d = byKey[MeasureKey(scope: "city", scopeName: "city", kpi: kpi)] { rows.append((label, percent, d)) }
        }
        for d in differences where d.key.scope == "section" && d.key.kpi == "wait_mean" {
            rows.append(("wait mean " + d.key.scopeName, false, d))
        }
        return rows
    }

    // MARK: Table

    func table() -> String {
        let plan = result.plan
        var text = "\(result.plan.replications) replications per scenario on common random numbers "
            + "(seed \(plan.seed), days \(RunRecording.dayRange(plan.days))); mean [95 % CI], "
            + "difference = scenario − \(result.base.name), paired\n"
        if let note = result.note { text += note + "\n" }
        for (other, differences) in zip(result.others, result.differences) {
            text += "\n\(other.name) vs \(result.base.name)\n"
            let header = ["KPI", result.base.name, other.name, "difference", "verdict"]
            var table = TextTable(header, rightAligned: [1, 2, 3])
            for (label, percent, d) in Self.headlineRows(differences) {
                table.append([label, Self.format(d.base, percent: percent), Self.format(d.other, percent: percent),
                              Self.format(d.difference, percent: percent, signed: true), d.verdict.rawValue])
            }
            text += table.text
        }
        return text
    }

    /// `"6.1 [2.7, 9.5]"`, `"-2.1 [-3.0, -1.2]"`, `"78.9% [73.7%, 84.0%]"`; differences of
    /// shares in percentage points (`"+4.2pt [1.0pt, 7.4pt]"`); "—" when undefined.
    static func format(_ interval: ConfidenceInterval?, percent: Bool, signed: Bool = false) -> String {
        guard let interval, interval.mean.isFinite else { return "—" }
        let unit = percent ? (signed ? "pt" : "%") : ""
        func f(_ x: Double, sign: Bool) -> String {
            guard x.isFinite else { return "—" }
            let value = percent ? x * 100 : x
            var s = String(format: abs(value) >= 100 && !percent ? "%.0f" : "%.1f", value)
            if s == "-0.0" || s == "-0" { s.removeFirst() }
            if sign && value > 0 && s != "0.0" && s != "0" { s = "+" + s }
            return s + unit
        }
        let mean = f(interval.mean, sign: signed)
        guard interval.halfWidth.isFinite else { return mean }
        return "\(mean) [\(f(interval.low, sign: false)), \(f(interval.high, sign: false))]"
    }

    // MARK: JSON

    func json() -> String {
        func interval(_ i: ConfidenceInterval?) -> Any {
            guard let i else { return NSNull() }
            return ["mean": finite(i.mean), "ci_low": finite(i.low), "ci_high": finite(i.high), "n": i.count]
        }
        func row(_ d: KPIDifference) -> [String: Any] {
            ["scope": d.key.scope, "name": d.key.scopeName, "kpi": d.key.kpi,
             "base": interval(d.base), "other": interval(d.other), "difference": interval(d.difference),
             "direction": d.direction.rawValue, "verdict": d.verdict.rawValue]
        }
        let scenarios: [[String: Any]] = zip(result.others.indices, result.others).map { i, other in
            var object: [String: Any] = [
                "scenario": other.name,
                "headline": Self.headlineRows(result.differences[i]).map { row($0.2) },
                "kpis": result.differences[i].map(row),
            ]
            if runIDs.count == result.others.count + 1 { object["run_id"] = runIDs[i + 1].rawValue }
            return object
        }
        var base: [String: Any] = ["scenario": result.base.name]
        if let first = runIDs.first { base["run_id"] = first.rawValue }
        var root: [String: Any] = [
            "base": base, "scenarios": scenarios,
            "replications": result.plan.replications, "seed": result.plan.seed,
            "days": RunRecording.dayRange(result.plan.days), "level": 0.95,
        ]
        if let comparisonID { root["comparison_id"] = comparisonID.rawValue }
        if let p = result.precision {
            root["precision"] = ["kpi": ComparisonPlan.precisionKey.kpi, "target_min": p.target,
                                 "achieved_min": finite(p.achieved), "capped": p.capped]
        }
        if let note = result.note { root["note"] = note }
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private func finite(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
}
