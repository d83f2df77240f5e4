/// CSV as RFC 4180 has it: fields separated by commas, records ended by
/// CRLF, a field quoted when it holds a comma, a double quote, CR or LF,
/// with inner quotes doubled.
///
/// ```swift
/// CSVText.record(["run", "kpi"])               // "run,kpi\r\n"
/// CSVText.record(["市民課", "say \"hi\", then"]) // "市民課,\"say \"\"hi\"\", then\"\r\n"
/// CSVText.number(.nan)                          // "" (undefined is an empty field)
/// ```
public enum CSVText {
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// Shortest round-trip text (`12.5`, `1e-05`); undefined (NaN, ±∞) as an
    /// empty field, which spreadsheets and pandas read as missing.
    public static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }
}
