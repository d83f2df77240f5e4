import Testing
@testable import Reports

@Suite("Charts")
struct ChartTests {
    @Test("heat map: one cell per section and hour, a legend, values printed when they fit")
    func heatMapCells() {
        for (rows, hours) in [(3, 9), (1, 1), (6, 24)] {
            let chart = Fixtures.heatMap(rows: (0..<rows).map { "Section \($0)" }, hours: Array(0..<hours))
            let parsed = parseXML(chart.render().markup)
            #expect(parsed.ok)
            #expect(parsed.count(of: "rect", withClass: "cell") == rows * hours, "\(rows)×\(hours)")
            #expect(parsed.count(of: "g", withClass: "legend") == 1)
        }
        // 9 columns: wide cells, so values are printed; 24 columns of 22 px: "100" still fits at 10 px.
        let nine = parseXML(Fixtures.heatMap().render().markup)
        let printed = nine.textByElement["text"]?.filter { Int($0) != nil }.count ?? 0
        #expect(printed >= 3 * 9 - 4, "values printed in cells: \(printed)")
    }

    @Test("heat map colours darken monotonically (greyscale-safe) and text contrasts")
    func sequentialPalette() {
        var previous = 2.0
        for i in 0...20 {
            let (r, g, b) = Palette.sequentialRGB(Double(i) / 20)
            let lum = Palette.luminance(r, g, b)
            #expect(lum < previous, "luminance not decreasing at \(i): \(lum)")
            previous = lum
        }
        #expect(Palette.textColor(onSequential: 0) == "#000000")
        #expect(Palette.textColor(onSequential: 1) == "#ffffff")
    }

    @Test("heat map column labels are thinned when hours are many")
    func heatMapThinning() {
        let chart = Fixtures.heatMap(rows: ["A very long section name that must be truncated somewhere"], hours: Array(0..<48))
        let l = chart.layout()
        #expect(l.labelEvery > 1)
        #expect(Double(l.labelEvery) * l.cellWidth >= TextMetrics.width(of: "00:00", fontSize: ChartStyle.tickFont) + 6)
        let svg = chart.render().markup
        #expect(svg.contains("…"))            // truncated row label
        #expect(parseXML(svg).textByElement["title"]?.contains { $0.contains("must be truncated somewhere") } == true)
    }

    @Test("band chart: one band path per series with a band, none without")
    func bands() {
        let with = parseXML(Fixtures.lineChart().render().markup)
        #expect(with.count(of: "path", withClass: "band") == 2)
        #expect(with.count(of: "path", withClass: "series-line") == 2)
        let without = parseXML(Fixtures.lineChart(band: false).render().markup)
        #expect(without.count(of: "path", withClass: "band") == 0)
        // A gap in the interval splits the band rather than drawing through it.
        var chart = Fixtures.lineChart(names: ["A"])
        chart.series[0].points[3].low = nil
        #expect(parseXML(chart.render().markup).count(of: "path", withClass: "band") == 2)
    }

    @Test("series differ by colour, dash and marker")
    func seriesStyles() {
        // Seven: the shipped comparison (baseline, five reforms, smart ward office).
        let names = (0..<7).map { "S\($0)" }
        let svg = Fixtures.lineChart(names: names, band: false).render().markup
        let parsed = parseXML(svg)
        let lines = zip(parsed.elements, parsed.attributes).filter { $0.1["class"] == "series-line" }.map(\.1)
        #expect(Set(lines.compactMap { $0["stroke"] }).count == 7)
        #expect(Set(lines.map { $0["stroke-dasharray"] ?? "" }).count == 7)
        #expect(Set((0..<7).map { Palette.marker($0) }).count == 7)
        #expect(Set((0..<7).map { Palette.hatch($0) }).count == 7)
    }

    @Test("bar chart: bars, whiskers, rotated and truncated long category names")
    func bars() {
        let short = parseXML(Fixtures.bars().render().markup)
        #expect(short.count(of: "rect", withClass: "bar") == 6)
        #expect(short.count(of: "path", withClass: "whisker") == 6)
        #expect(!short.attributes.contains { ($0["transform"] ?? "").hasPrefix("rotate(-35") })

        let long = ["Convenience-store certificate issuance", "AI assistant handing over to a counter", "Walk-in", "Booked", "Online"]
        let svg = Fixtures.bars(categories: long).render().markup
        let parsed = parseXML(svg)
        #expect(parsed.ok)
        #expect(parsed.attributes.contains { ($0["transform"] ?? "").hasPrefix("rotate(-35") })
        #expect(svg.contains("…"))
        #expect(parsed.textByElement["title"]?.contains(long[0]) == true, "full name kept in a <title>")
    }

    @Test("CDF: steps sit exactly on the empirical distribution, thinned for large samples")
    func cdfSteps() {
        let samples = (1...10_000).map { Double($0 % 1000) }
        let series = StepCDFChart.Series(name: "x", samples: samples, maxSteps: 200)
        #expect(series.xs.count <= 202)
        #expect(series.shares.last == 1)
        #expect(zip(series.xs, series.xs.dropFirst()).allSatisfy { $0 < $1 })
        // Share at x = k is exactly (k+1)/1000 for these samples.
        for (x, share) in series.steps { #expect(abs(share - (x + 1) / 1000) < 1e-12, "share \(share) at \(x)") }
        let small = StepCDFChart.Series(name: "y", samples: [3, 1, 2, 2])
        #expect(small.xs == [1, 2, 3])
        #expect(small.shares == [0.25, 0.75, 1])
        let empty = StepCDFChart(title: "e", xAxisTitle: "x", yAxisTitle: "y", series: [.init(name: "none", samples: [])])
        #expect(parseXML(empty.render().markup).ok)
    }

    @Test("long legend entries are truncated and keep their full name")
    func legendTruncation() {
        let name = String(repeating: "長い名前", count: 30)
        let svg = Fixtures.lineChart(names: [name, "B"]).render().markup
        let parsed = parseXML(svg)
        #expect(parsed.ok)
        #expect(parsed.textByElement["title"]?.contains(name) == true)
        #expect(svg.contains("…"))
    }

    @Test("degenerate data still renders valid SVG")
    func degenerate() {
        let empty = LineChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", series: [])
        #expect(parseXML(empty.render().markup).ok)
        let flat = LineChart(title: "t", xAxisTitle: "x", yAxisTitle: "y",
                             series: [.init(name: "a", points: [.init(x: 1, y: 5), .init(x: 1, y: 5)])])
        #expect(parseXML(flat.render().markup).ok)
        let nan = LineChart(title: "t", xAxisTitle: "x", yAxisTitle: "y",
                            series: [.init(name: "a", points: [.init(x: 1, y: .nan), .init(x: 2, y: 3, low: .infinity, high: 4)])])
        let svg = nan.render().markup
        #expect(parseXML(svg).ok)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        let bars = BarChart(title: "t", yAxisTitle: "y", categories: [], series: [])
        #expect(parseXML(bars.render().markup).ok)
        let heat = HeatMap(title: "t", rows: [], columns: [], values: [], legendTitle: "l")
        #expect(parseXML(heat.render().markup).ok)
        // Extreme magnitudes must not trap (tick indices, coordinates, clock labels).
        let huge = LineChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", series: [.init(name: "a", points: [
            .init(x: 1e30, y: 1e250), .init(x: 1e30 + 1, y: -1e250)])], xScale: .clock)
        #expect(parseXML(huge.render().markup).ok)
        let thin = LineChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", series: [.init(name: "a", points: [
            .init(x: 1e17, y: 1e17), .init(x: 1e17 + 64, y: 1e17 + 64)])], yIncludesZero: false)
        #expect(parseXML(thin.render().markup).ok)
    }
}
