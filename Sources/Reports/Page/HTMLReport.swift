import Mustache

/// Renders a `ReportDocument` as one self-contained HTML file: inline CSS,
/// inline SVG charts, no scripts, no external fonts or images, UTF-8.
///
/// ```swift
/// let html = HTMLReport.render(document)
/// try html.write(toFile: "report.html", atomically: true, encoding: .utf8)
/// ```
///
/// Figures are numbered in page order and their SVG ids prefixed `fig-N`,
/// so several charts share one page without id clashes.
public enum HTMLReport {
    /// Parsed once; the template is a constant, so a parse failure is a
    /// programming error caught by the tests.
    static let template: MustacheTemplate = {
        do { return try MustacheTemplate(string: HTMLTemplates.page) } catch {
            fatalError("HTML page template does not parse: \(error)")
        }
    }()

    public static func render(_ document: ReportDocument) -> String {
        template.render(context(for: document))
    }

    /// The Mustache context: nested dictionaries whose keys are unique per
    /// level, so a missing key never resolves to an outer level's value.
    static func context(for document: ReportDocument) -> [String: Any] {
        let l = document.localization
        var figureNumber = 0, tableNumber = 0
        var sections: [[String: Any]] = []
        var toc: [[String: Any]] = []
        for (s, section) in document.sections.enumerated() {
            let anchor = "s\(s + 1)"
            toc.append(["tocAnchor": anchor, "tocTitle": section.title])
            var blocks: [[String: Any]] = []
            for block in section.blocks {
                var b: [String: Any] = ["isParagraph": false, "isBullets": false, "isTable": false, "isFigure": false]
                switch block {
                case .paragraph(let text):
                    b["isParagraph"] = true
                    b["paragraphText"] = text
                case .bullets(let items):
                    b["isBullets"] = true
                    b["bulletItems"] = items.map { ["bulletText": $0] }
                case .table(let table):
                    tableNumber += 1
                    b["isTable"] = true
                    b.merge(tableContext(table, number: tableNumber, localization: l)) { $1 }
                case .figure(let figure):
                    figureNumber += 1
                    b["isFigure"] = true
                    b["figureAnchor"] = "fig-\(figureNumber)"
                    b["figureLabel"] = l.format(.figure, ["n": String(figureNumber)])
                    b["figureCaption"] = figure.caption
                    // The only unescaped insertion: chart-module SVG (see HTMLTemplates).
                    b["svg"] = figure.chart.render(idPrefix: "fig-\(figureNumber)").markup
                }
                blocks.append(b)
            }
            sections.append(["sectionAnchor": anchor, "sectionNumber": String(s + 1), "sectionTitle": section.title,
                             "blocks": blocks])
        }
        return [
            "lang": document.language.htmlCode,
            "docTitle": document.title,
            "hasSubtitle": document.subtitle != nil,
            "docSubtitle": document.subtitle ?? "",
            "generatedText": l.labelled(l[.generatedOn], document.generated),
            "versionText": l.labelled(l[.programVersion], "wardsim " + document.programVersion),
            "version": document.programVersion,
            "hasToc": document.sections.count > 2,
            "tocLabel": l[.contents],
            "toc": toc,
            "sections": sections,
            "hasFootnotes": !document.footnotes.isEmpty,
            "notesLabel": l[.notes],
            "footnotes": document.footnotes.enumerated().map { ["noteAnchor": "note-\($0.offset + 1)", "noteText": $0.element] },
        ]
    }

    static func headerClass(_ c: ReportTable.Column) -> String {
        [c.numeric ? "num" : nil, c.keepTogether ? "nowrap" : nil].compactMap { $0 }.joined(separator: " ")
    }

    static func tableContext(_ table: ReportTable, number: Int, localization l: Localization) -> [String: Any] {
        let headers: [[String: Any]] = table.columns.map { ["headerText": $0.header, "headerClass": headerClass($0)] }
        let rows: [[String: Any]] = table.rows.map { row in
            let cells: [[String: Any]] = row.enumerated().map { (c, cell) in
                let numeric = c < table.columns.count ? table.columns[c].numeric : false
                let ci = cell.intervalDisplay(l)
                return ["cellText": cell.display(l), "cellNumeric": numeric, "cellIsRowHeader": c == 0 && !numeric,
                        "cellHasCI": ci != nil, "cellCI": ci ?? ""]
            }
            return ["cells": cells]
        }
        return [
            "tableAnchor": "table-\(number)",
            "tableLabel": l.format(.table, ["n": String(number)]),
            "tableCaption": table.caption,
            "headers": headers,
            "rows": rows,
            "hasTableNote": table.note != nil,
            "tableNote": table.note ?? "",
        ]
    }
}
