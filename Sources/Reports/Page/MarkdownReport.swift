/// Renders a `ReportDocument` as GitHub-flavoured Markdown: tables as pipe
/// tables, charts as linked `.svg` files returned alongside the text.
///
/// ```swift
/// let md = MarkdownReport.render(document, figurePrefix: "move-in")
/// // write md.markdown to report.md and each md.files entry beside it
/// ```
///
/// Text from scenarios is escaped: Markdown punctuation gets a backslash and
/// `& < >` become entities, so a scenario named `<script>` shows as text
/// and `|` cannot break a table.
public struct MarkdownReport: Sendable {
    public struct File: Sendable, Hashable {
        /// A bare file name (no directories), e.g. "figure-1.svg".
        public var name: String
        public var contents: String
    }

    public var markdown: String
    /// The figures, one standalone SVG file each, linked from `markdown`.
    public var files: [File]

    public static func render(_ document: ReportDocument, figurePrefix: String = "figure") -> MarkdownReport {
        let l = document.localization
        var out = "# " + MarkdownText.escape(document.title) + "\n\n"
        if let subtitle = document.subtitle { out += MarkdownText.escapeBlock(subtitle) + "\n\n" }
        let meta = l.labelled(l[.generatedOn], document.generated) + " · " + l.labelled(l[.programVersion], "wardsim " + document.programVersion)
        out += "*" + MarkdownText.escape(meta) + "*\n\n"

        var files: [File] = []
        var figureNumber = 0, tableNumber = 0
        let prefix = safeFileStem(figurePrefix)
        for (s, section) in document.sections.enumerated() {
            out += "## \(s + 1). " + MarkdownText.escape(section.title) + "\n\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    out += MarkdownText.escapeBlock(text) + "\n\n"
                case .bullets(let items):
                    for item in items { out += "- " + MarkdownText.escapeBlock(item) + "\n" }
                    out += "\n"
                case .table(let table):
                    tableNumber += 1
                    out += "**" + MarkdownText.escape(l.format(.table, ["n": String(tableNumber)])) + "** "
                        + MarkdownText.escape(table.caption) + "\n\n"
                    out += pipeTable(table, localization: l)
                    if let note = table.note { out += "\n" + MarkdownText.escapeBlock(note) + "\n" }
                    out += "\n"
                case .figure(let figure):
                    figureNumber += 1
                    let stem = figure.fileName.map(safeFileStem) ?? "\(prefix)-\(figureNumber)"
                    let name = stem + ".svg"
                    let svg = figure.chart.render(idPrefix: "fig-\(figureNumber)")
                    files.append(File(name: name, contents: svg.standaloneFile))
                    out += "![" + MarkdownText.escape(figure.chart.title) + "](" + name + ")\n\n"
                    out += "**" + MarkdownText.escape(l.format(.figure, ["n": String(figureNumber)])) + "** "
                        + MarkdownText.escape(figure.caption) + "\n\n"
                }
            }
        }
        if !document.footnotes.isEmpty {
            out += "## " + MarkdownText.escape(l[.notes]) + "\n\n"
            for (i, note) in document.footnotes.enumerated() { out += "\(i + 1). " + MarkdownText.escapeBlock(note) + "\n" }
            out += "\n"
        }
        return MarkdownReport(markdown: out, files: files)
    }

    static func pipeTable(_ table: ReportTable, localization l: Localization) -> String {
        let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        guard width > 0 else { return "" }
        func cell(_ text: String) -> String {
            let t = MarkdownText.escape(text)
            return t.isEmpty ? " " : t
        }
        var out = "|"
        for c in 0..<width { out += " " + cell(c < table.columns.count ? table.columns[c].header : "") + " |" }
        out += "\n|"
        for c in 0..<width { out += c < table.columns.count && table.columns[c].numeric ? " ---: |" : " --- |" }
        out += "\n"
        for row in table.rows {
            out += "|"
            for c in 0..<width {
                guard c < row.count else { out += " " + cell("") + " |"; continue }
                let ci = row[c].intervalDisplay(l).map { " (" + $0 + ")" } ?? ""
                out += " " + cell(row[c].display(l) + ci) + " |"
            }
            out += "\n"
        }
        return out
    }

    /// Letters, digits, `-`, `_` only: a figure name can never climb out of
    /// the report's directory or need quoting in a link.
    static func safeFileStem(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        return out.isEmpty ? "figure" : out
    }
}

/// Escaping of plain text for Markdown (CommonMark / GFM).
enum MarkdownText {
    /// Inline text: backslash before Markdown punctuation, entities for
    /// `& < >` (so raw HTML is never passed through), line breaks folded
    /// into spaces (a table row is one line).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!": out += "\\" + String(scalar)
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A paragraph: inline escaping, plus a backslash before anything at the
    /// start that would make it a list, a heading or a quote ("1. …", "- …", "+ …", "= …").
    static func escapeBlock(_ text: String) -> String {
        var t = escape(text)
        if let first = t.first, "-+=".contains(first) { t = "\\" + t }
        if let dot = t.firstIndex(where: { !$0.isASCII || !$0.isNumber }), dot != t.startIndex,
           t[dot] == "." || t[dot] == ")" {
            t.insert("\\", at: dot)
        }
        return t
    }
}
