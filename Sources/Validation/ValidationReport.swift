import Foundation

/// Renders validation outcomes for people (an aligned table) and for
/// programs (JSON). Used by `wardsim validate`.
///
/// ```swift
/// let outcomes = ValidationSuite.runAll()
/// print(ValidationReport.table(outcomes))
/// print(try ValidationReport.json(outcomes))
/// ```
public enum ValidationReport {
    /// One JSON object per measure. The interval is the 99 % one behind
    /// `covered`, so the object is self-consistent.
    struct Row: Encodable {
        var `case`: String
        var measure: String
        var exact: Double
        var simulated: Double
        var ci_low: Double
        var ci_high: Double
        var covered: Bool
    }

    /// A JSON array of objects with keys `case`, `measure`, `exact`,
    /// `simulated`, `ci_low`, `ci_high` (the 99 % interval) and `covered`.
    public static func json(_ outcomes: [ValidationOutcome]) throws -> String {
        let rows = outcomes.map {
            Row(case: $0.caseName, measure: $0.measure, exact: $0.exact, simulated: $0.simulated,
                ci_low: $0.interval99.low, ci_high: $0.interval99.high, covered: $0.covered)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    /// The verdict in words: covered by the 95 % interval, only by the 99 %
    /// one (still a pass), or not at all.
    public static func verdict(_ o: ValidationOutcome) -> String {
        o.coveredAt95 ? "covered" : o.covered ? "covered (99 % only)" : "NOT COVERED"
    }

    /// An aligned table (case, measure, exact, simulated, 95 % CI, 99 % CI,
    /// verdict) with a summary line.
    public static func table(_ outcomes: [ValidationOutcome]) -> String {
        let header = ["case", "measure", "exact", "simulated", "95 % CI", "99 % CI", "verdict"]
        let rows = outcomes.map { o -> [String] in
            [o.caseName, o.measure, number(o.exact), number(o.simulated),
             "[\(number(o.interval95.low)), \(number(o.interval95.high))]",
             "[\(number(o.interval99.low)), \(number(o.interval99.high))]", verdict(o)]
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 2 || i == 3 ? pad + cell : cell + pad   // numbers right-aligned
            }
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        lines.append("\(outcomes.filter(\.covered).count) of \(outcomes.count) measures covered by their 99 % interval; "
                     + "\(outcomes.filter(\.coveredAt95).count) by their 95 % interval.")
        return lines.joined(separator: "\n")
    }

    /// Five significant digits.
    static func number(_ x: Double) -> String { String(format: "%.5g", x) }
}
