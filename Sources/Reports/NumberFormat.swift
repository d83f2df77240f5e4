/// Locale-independent number formatting for reports.
///
/// Reports must read the same on every machine, so nothing here consults the
/// system locale: decimals are fixed, the decimal mark is ".", rounding is
/// half away from zero, and "-0.0" never appears.
///
/// ```swift
/// NumberFormat.fixed(12.345, decimals: 1)          // "12.3"
/// NumberFormat.fixed(-0.04, decimals: 1)           // "0.0"
/// NumberFormat.fixed(12345.6, decimals: 0, grouping: true)  // "12,346"
/// NumberFormat.clock(hours: 8.5)                   // "08:30"
/// ```
public enum NumberFormat {
    /// The text shown for a missing or non-finite number.
    public static let missing = "–"

    public static func fixed(_ x: Double, decimals: Int, grouping: Bool = false) -> String {
        guard x.isFinite else { return missing }
        let d = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return x < 0 ? "-\(abs(x))" : "\(x)" }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let whole = units / divisor, fraction = units % divisor
        var text = grouping ? grouped(whole) : String(whole)
        if d > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: d - f.count) + f
        }
        return (x < 0 && units != 0 ? "-" : "") + text
    }

    /// Like `fixed`, but a negative number takes the typographic minus sign
    /// (U+2212), which reads better in tables and does not look like a dash
    /// in a range. For display only: CSV keeps the ASCII hyphen-minus.
    public static func display(_ x: Double, decimals: Int, grouping: Bool = true) -> String {
        let text = fixed(x, decimals: decimals, grouping: grouping)
        return text.first == "-" ? "\u{2212}" + text.dropFirst() : text
    }

    /// A fraction as a percentage: `percent(0.123, decimals: 1)` is "12.3%".
    public static func percent(_ fraction: Double, decimals: Int = 0) -> String {
        guard fraction.isFinite else { return missing }
        return display(fraction * 100, decimals: decimals, grouping: false) + "%"
    }

    /// Hours since midnight as `HH:MM` (rounded to the minute; 24:00 and
    /// later stay as they are, e.g. "25:30" for an overnight run).
    public static func clock(hours: Double) -> String {
        guard hours.isFinite, abs(hours) < 1e9 else { return missing }
        let minutes = Int((hours * 60).rounded())
        let sign = minutes < 0 ? "-" : ""
        let m = abs(minutes)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return sign + two(m / 60) + ":" + two(m % 60)
    }

    private static func grouped(_ value: Int64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
