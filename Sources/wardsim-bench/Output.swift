/// Prints figures as one JSON object or as a table for people.
///
/// JSON keys keep the order the benchmarks produced them in; numbers are
/// plain (no exponent, no quotes); metadata values are strings.
enum Output {
    static func json(metadata: [(String, String)], figures: [Figure]) -> String {
        var fields = metadata.map { "\"\($0.0)\": \"\(escaped($0.1))\"" }
        fields += figures.map { "\"\($0.key)\": \(plain($0.value, decimals: $0.decimals))" }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func table(metadata: [(String, String)], figures: [Figure]) -> String {
        let keyWidth = max(figures.map(\.key.count).max() ?? 0, metadata.map(\.0.count).max() ?? 0)
        let texts = figures.map { grouped(plain($0.value, decimals: $0.decimals)) }
        let valueWidth = texts.map(\.count).max() ?? 0
        var lines = metadata.map { pad($0.0, keyWidth) + "  " + $0.1 }
        lines.append(String(repeating: "-", count: keyWidth + valueWidth + 12))
        for (figure, text) in zip(figures, texts) {
            lines.append(pad(figure.key, keyWidth) + "  " + String(repeating: " ", count: valueWidth - text.count) + text + " " + figure.unit)
        }
        return lines.joined(separator: "\n")
    }

    /// A number without exponent: `6123456`, `1.234`; NaN and infinity
    /// (which JSON cannot hold) become `null`.
    static func plain(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        if decimals == 0 { return String(Int64(value.rounded())) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = String(scaled % Int64(scale))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `6123456` → `6 123 456` (thin groups for reading, table only).
    private static func grouped(_ text: String) -> String {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first, whole.count > 4, whole.allSatisfy(\.isNumber) else { return text }
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out.append(" ") }
            out.append(ch)
        }
        return parts.count == 2 ? out + "." + parts[1] : out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(width - text.count, 0))
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where ch.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(ch.value, radix: 16).count) + String(ch.value, radix: 16)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
