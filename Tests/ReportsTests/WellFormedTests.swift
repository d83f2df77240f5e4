import Testing
@testable import Reports

@Suite("Well-formed output")
struct WellFormedTests {
    @Test("every chart type renders SVG that parses as XML", arguments: Fixtures.allCharts.indices)
    func chartParses(index: Int) throws {
        let chart = Fixtures.allCharts[index]
        let svg = chart.render(idPrefix: "t").markup
        let parsed = parseXML(svg)
        #expect(parsed.ok, "\(type(of: chart)) SVG does not parse: \(parsed.error ?? "")")
        #expect(parsed.elements.first == "svg")
        // A fixed viewBox 680 wide that scales with the page.
        let root = try #require(parsed.attributes.first)
        #expect(root["viewBox"]?.hasPrefix("0 0 680 ") == true, "viewBox \(root["viewBox"] ?? "nil")")
        #expect(root["width"] == "100%")
        #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(parsed.textByElement["title"]?.first == chart.title)
    }

    @Test("standalone SVG files (Markdown figures) parse with their XML declaration")
    func standaloneParses() {
        for chart in Fixtures.allCharts {
            let parsed = parseXML(chart.render().standaloneFile)
            #expect(parsed.ok, "\(type(of: chart)): \(parsed.error ?? "")")
        }
    }

    @Test("the whole demo page is well-formed XML and each inlined SVG parses", arguments: Language.allCases)
    func demoPageParses(language: Language) {
        let html = Reports.demoReport(language: language)
        let page = parseXML(html)
        #expect(page.ok, "\(language) page: \(page.error ?? "")")
        let fragments = svgFragments(in: html)
        #expect(fragments.count == 6, "demo has six figures, found \(fragments.count)")
        for (i, svg) in fragments.enumerated() {
            let parsed = parseXML(svg)
            #expect(parsed.ok, "\(language) figure \(i + 1): \(parsed.error ?? "")")
        }
        // Ids must be unique across the page: several SVGs share one document.
        let ids = page.attributes.compactMap { $0["id"] }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
    }

    @Test("the page is self-contained, declares UTF-8 and its language, and prints on A4", arguments: Language.allCases)
    func selfContained(language: Language) {
        let html = Reports.demoReport(language: language)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"\(language.rawValue)\""))
        #expect(html.contains("<meta charset=\"utf-8\"/>"))
        for font in ["Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", "Meiryo", "sans-serif"] {
            #expect(html.contains(font), "font stack lacks \(font)")
        }
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("@media print"))
        #expect(html.contains("page-break-inside: avoid"))
        // Nothing fetched from elsewhere, no script.
        for forbidden in ["<script", "<link", " src=", "url(http", "@import"] {
            #expect(!html.lowercased().contains(forbidden), "page contains \(forbidden)")
        }
        // No unknown catalogue key leaked through.
        #expect(!html.contains("⟦"))
    }

    @Test("a sweep report contains its band chart")
    func sweepHasBand() throws {
        let doc = Reports.demoDocument(language: .en)
        let sweep = try #require(doc.sections.last)
        guard case .figure(let figure)? = sweep.blocks.first else {
            Issue.record("sweep section has no figure"); return
        }
        let svg = figure.chart.render(idPrefix: "s").markup
        let parsed = parseXML(svg)
        #expect(parsed.count(of: "path", withClass: "band") == 2, "one band per series")
        let html = HTMLReport.render(doc)
        let lastFigure = try #require(svgFragments(in: html).last)
        #expect(lastFigure.contains("class=\"band\""))
    }
}
