import Testing
@testable import Reports

@Suite("Escaping")
struct EscapingTests {
    static let hostile = Fixtures.hostile

    /// The demo document with the hostile name in every place a scenario
    /// or command-line text can reach: title, subtitle, version, section,
    /// paragraph, bullets, table caption/header/cell/note, figure caption,
    /// chart title, legend, axis titles, categories, heat-map rows and
    /// columns, reference labels, footnotes.
    static func hostileDocument(_ language: Language) -> ReportDocument {
        let h = hostile
        var doc = Reports.demoDocument(language: language)
        doc.title = h
        doc.subtitle = h
        doc.generated = h
        doc.programVersion = h + "\"'&"
        doc.footnotes.append(h)
        var line = Fixtures.lineChart(names: [h, "B"])
        line.title = h; line.xAxisTitle = h; line.yAxisTitle = h; line.bandLabel = h
        var series = Fixtures.timeSeries(names: [h])
        series.referenceLines = [ReferenceLine(value: 40, label: h)]
        var cdf = Fixtures.cdf(names: [h])
        cdf.targets = [ReferenceLine(value: 15, label: h)]
        let bars = Fixtures.bars(categories: [h, "Booked"], names: [h])
        var heat = Fixtures.heatMap(rows: [h, "市民課"])
        heat.columns[0] = h
        heat.legendTitle = h
        heat.missingLabel = h
        doc.sections.append(ReportSection(title: h, blocks: [
            .paragraph(h),
            .bullets([h]),
            .table(ReportTable(caption: h, columns: [.init(h), .interval(h)], rows: [[.text(h), .interval(1, 2, decimals: 1)]], note: h)),
            .figure(Figure(caption: h, chart: line)),
            .figure(Figure(caption: h, chart: series)),
            .figure(Figure(caption: h, chart: cdf)),
            .figure(Figure(caption: h, chart: bars)),
            .figure(Figure(caption: h, chart: heat)),
        ]))
        return doc
    }

    @Test("a scenario named <script>… shows only as text in the HTML", arguments: Language.allCases)
    func html(language: Language) {
        let html = HTMLReport.render(Self.hostileDocument(language))
        #expect(!html.lowercased().contains("<script"), "raw <script in the page")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let parsed = parseXML(html)
        #expect(parsed.ok, "\(parsed.error ?? "")")
        #expect(!parsed.elements.contains("script"))
        // Decoded once, not twice: the reader sees the name itself, not "&lt;".
        #expect(parsed.text.contains(Self.hostile))
        #expect(!parsed.text.contains("&lt;"))
        // Inside the charts too (legends, axes, categories, rows, <title>s).
        for svg in svgFragments(in: html).suffix(5) {
            let p = parseXML(svg)
            #expect(p.ok, "\(p.error ?? "")")
            #expect(p.text.contains("alert(1)"), "chart lost the name")
            #expect(!p.elements.contains("script"))
        }
    }

    @Test("XML.escape escapes markup characters and drops characters XML forbids")
    func xmlEscape() {
        #expect(XML.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(XML.escape("bell\u{07}tab\tend") == "belltab\tend")
        #expect(XML.escape("市民課") == "市民課")
        let parsed = parseXML("<t a=\"" + XML.escape("\"&<'") + "\">" + XML.escape("x\u{01}<y>") + "</t>")
        #expect(parsed.ok)
        #expect(parsed.attributes.first?["a"] == "\"&<'")
        #expect(parsed.text == "x<y>")
    }

    @Test("Markdown shows the name as text and keeps tables intact")
    func markdown() {
        let md = MarkdownReport.render(Self.hostileDocument(.en))
        #expect(!md.markdown.lowercased().contains("<script"))
        #expect(md.markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for file in md.files {
            #expect(!file.contents.lowercased().contains("<script"), "\(file.name)")
            #expect(parseXML(file.contents).ok, "\(file.name)")
        }
        // A pipe in a cell must not split the row.
        let table = ReportTable(caption: "c", columns: [.init("a|b"), .init("n", numeric: true)],
                                rows: [[.text("x | y"), .number(1.25, decimals: 1)]])
        let text = MarkdownReport.pipeTable(table, localization: Localization(.en))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "| a\\|b | n |")
        #expect(lines[1] == "| --- | ---: |")
        #expect(lines[2] == "| x \\| y | 1.3 |")
    }

    @Test("Markdown escaping of block starts and punctuation")
    func markdownBlocks() {
        #expect(MarkdownText.escapeBlock("1. not a list") == "1\\. not a list")
        #expect(MarkdownText.escapeBlock("- not a bullet") == "\\- not a bullet")
        #expect(MarkdownText.escapeBlock("# not a heading") == "\\# not a heading")
        #expect(MarkdownText.escape("*bold* _x_ [link](y) `code`") == "\\*bold\\* \\_x\\_ \\[link\\](y) \\`code\\`")
        #expect(MarkdownText.escape("line\nbreak") == "line break")
        #expect(MarkdownReport.safeFileStem("../../etc/passwd") == "______etc_passwd")
    }

    @Test("figure ids and hatch pattern ids are sanitised")
    func ids() {
        #expect(sanitizedIdentifier("fig-1") == "fig-1")
        #expect(sanitizedIdentifier("1\"><x") == "c1___x")
        let svg = Fixtures.bars().render(idPrefix: "\" onload=\"x").markup
        let parsed = parseXML(svg)
        #expect(parsed.ok)
        #expect(parsed.attributes.allSatisfy { $0["onload"] == nil })
    }
}
