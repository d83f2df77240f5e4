import Experiments
import Foundation
import RunStore

/// What `wardsim run` prints: the headline KPIs by scope, as a table for
/// people or one JSON object for scripts.
struct RunSummary {
    var scenario: String
    var replications: Int
    var seed: UInt64
    var days: String
    var runID: RunID?
    var estimates: [Estimate]
    var citizens: Int
    var seconds: Double

    /// Headline keys of the JSON output and the model KPI each one reads.
    static let headline: [(key: String, kpi: String)] = [
        ("wait_mean_min", "wait_mean"),
        ("wait_p90_min", "wait_p90"),
        ("time_in_office_mean_min", "time_in_office_mean"),
        ("served", "served"),
        ("reneged", "reneged"),
        ("balked", "balked"),
        ("deflected", "deflected"),
        ("utilisation", "utilisation"),
        ("overtime_min", "staff_overtime_minutes"),
    ]

    private func lookup() -> [MeasureKey: Estimate] {
        Dictionary(estimates.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Scope names of a kind, in the order the model reported them.
    private func names(of scope: String) -> [String] {
        var seen = Set<String>(), order: [String] = []
        for e in estimates where e.key.scope == scope && seen.insert(e.key.scopeName).inserted { order.append(e.key.scopeName) }
        return order
    }

    private func headlineObject(scope: String, name: String, table: [MeasureKey: Estimate]) -> [String: Any] {
        var object: [String: Any] = [:]
        for (key, kpi) in Self.headline {
            guard let e = table[MeasureKey(scope: scope, scopeName: name, kpi: kpi)] else { continue }
            object[key] = ["mean": finite(e.mean), "ci_low": finite(e.low), "ci_high": finite(e.high)]
        }
        return object
    }

    private func finite(_ x: Double) -> Any { x.isFinite ? x : NSNull() }

    func json() -> String {
        let table = lookup()
        var total = headlineObject(scope: "city", name: "city", table: table)
        total["scope"] = "city"
        let offices: [[String: Any]] = names(of: "office").map { name in
            var o = headlineObject(scope: "office", name: name, table: table); o["office"] = name; return o
        }
        let sections: [[String: Any]] = names(of: "section").map { name in
            var o = headlineObject(scope: "section", name: name, table: table)
            let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
            o["office"] = parts.first ?? name
            o["section"] = parts.count > 1 ? parts[1] : name
            return o
        }
        let all: [[String: Any]] = estimates.map { e in
            ["scope": e.key.scope, "name": e.key.scopeName, "kpi": e.key.kpi,
             "mean": finite(e.mean), "ci_low": finite(e.low), "ci_high": finite(e.high)]
        }
        var root: [String: Any] = [
            "scenario": scenario, "replications": replications, "seed": seed, "days": days,
            "citizens_simulated": citizens, "seconds": seconds,
            "kpis": ["total": total, "offices": offices, "sections": sections, "all": all],
        ]
        if let runID { root["run_id"] = runID.rawValue }
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    func table() -> String {
        let table = lookup()
        var rows: [[String]] = []
        func add(_ scope: String, _ name: String, label: String) {
            var row = [label]
            for (_, kpi) in Self.headline {
                if let e = table[MeasureKey(scope: scope, scopeName: name, kpi: kpi)] {
                    row.append(Self.format(e, percent: kpi == "utilisation"))
                } else { row.append("—") }
            }
            rows.append(row)
        }
        add("city", "city", label: "total")
        for name in names(of: "office") where names(of: "office").count > 1 { add("office", name, label: name) }
        for name in names(of: "section") { add("section", name, label: "  " + name) }
        let header = ["scope", "wait mean (min)", "wait P90 (min)", "in office (min)", "served", "reneged",
                      "balked", "deflected", "utilisation", "overtime (min)"]
        var text = "\(scenario): \(replications) replications, seed \(seed), days \(days); "
        text += "\(citizens) citizens simulated in \(String(format: "%.2f", seconds)) s\n"
        text += "mean [95 % CI]\n"
        var out = TextTable(header, rightAligned: Set(1..<header.count))
        for row in rows { out.append(row) }
        text += out.text
        return text
    }

    static func format(_ e: Estimate, percent: Bool) -> String {
        func f(_ x: Double) -> String {
            guard x.isFinite else { return "—" }
            if percent { return String(format: "%.1f%%", x * 100) }
            return abs(x) >= 100 ? String(format: "%.0f", x) : String(format: "%.1f", x)
        }
        return "\(f(e.mean)) [\(f(e.low)), \(f(e.high))]"
    }
}
