/// CSV as RFC 4180 says: records end with CRLF; a field containing a comma,
/// a double quote, CR or LF is enclosed in double quotes, with inner quotes
/// doubled. Other fields are written as they are.
///
/// ```swift
/// CSVWriter.render([["scenario", "mean"], ["Say \"hi\", then go", "12.5"]])
/// // "scenario,mean\r\n\"Say \"\"hi\"\", then go\",12.5\r\n"
/// ```
///
/// Numbers are written with a "." decimal mark and no grouping, whatever
/// the language, so spreadsheets and scripts read them back.
public enum CSVWriter {
    /// UTF-8 byte order mark: Excel on Windows needs it to read Japanese
    /// text correctly; other tools may show it as a stray character, so it
    /// is opt-in.
    public static let byteOrderMark = "\u{FEFF}"

    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    public static func render(_ records: [[String]], byteOrderMark bom: Bool = false) -> String {
        (bom ? byteOrderMark : "") + records.map(record).joined()
    }

    /// A report table as CSV. An interval cell becomes two fields (low and
    /// high), and its column two headers, "<header> low" / "<header> high"
    /// (in the table's language); an estimate cell three (mean, low, high);
    /// percentages are written as fractions.
    public static func render(_ table: ReportTable, localization l: Localization, byteOrderMark bom: Bool = false) -> String {
        let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        func isInterval(_ cell: ReportTable.Cell) -> Bool {
            switch cell { case .interval, .estimate: true; default: false }
        }
        let intervalColumns = Set((0..<width).filter { c in table.rows.contains { c < $0.count && isInterval($0[c]) } })
        let estimateColumns = Set((0..<width).filter { c in
            table.rows.contains { c < $0.count && { if case .estimate = $0 { true } else { false } }($0[c]) }
        })
        var header: [String] = []
        for c in 0..<width {
            let name = c < table.columns.count ? table.columns[c].header : ""
            if estimateColumns.contains(c) {
                header += [name, l.format(.csvLow, ["column": name]), l.format(.csvHigh, ["column": name])]
            } else if intervalColumns.contains(c) {
                header += [l.format(.csvLow, ["column": name]), l.format(.csvHigh, ["column": name])]
            } else {
                header.append(name)
            }
        }
        var records = [header]
        for row in table.rows {
            var fields: [String] = []
            for c in 0..<width {
                let cell = c < row.count ? row[c] : .empty
                if estimateColumns.contains(c) {
                    if case let .estimate(x, lo, hi, d) = cell {
                        fields += [x, lo, hi].map { $0.isFinite ? NumberFormat.fixed($0, decimals: d) : "" }
                    } else {
                        fields += [cellField(cell), "", ""]
                    }
                    continue
                }
                switch cell {
                case .text(let s): fields.append(s)
                case .number(let x, let d): fields.append(x.isFinite ? NumberFormat.fixed(x, decimals: d) : "")
                case .percent(let x, let d): fields.append(x.isFinite ? NumberFormat.fixed(x, decimals: d + 2) : "")
                case .interval(let lo, let hi, let d):
                    fields += [lo.isFinite ? NumberFormat.fixed(lo, decimals: d) : "", hi.isFinite ? NumberFormat.fixed(hi, decimals: d) : ""]
                    continue
                case .estimate: break  // handled above
                case .empty: fields.append("")
                }
                if intervalColumns.contains(c) { fields.append("") }
            }
            records.append(fields)
        }
        return render(records, byteOrderMark: bom)
    }
}

/// A non-interval cell as one CSV field.
private func cellField(_ cell: ReportTable.Cell) -> String {
    switch cell {
    case .text(let s): s
    case .number(let x, let d): x.isFinite ? NumberFormat.fixed(x, decimals: d) : ""
    case .percent(let x, let d): x.isFinite ? NumberFormat.fixed(x, decimals: d + 2) : ""
    case .interval, .estimate, .empty: ""
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
