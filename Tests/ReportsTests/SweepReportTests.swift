import Foundation
import RunStore
import Testing
@testable import Reports

@Suite("Sweep report")
struct SweepReportTests {
    /// A sweep of `grid` (parameter name → values) on synthetic runs whose
    /// effect grows with the first parameter's value.
    static func sweep(_ store: RunStore, _ grid: [(String, [String])], missing: Int = 0) throws -> SweepID {
        var points: [[RunParameter]] = [[]]
        for (name, values) in grid {
            points = points.flatMap { p in values.map { p + [RunParameter(name: name, value: $0)] } }
        }
        let id = try store.beginSweep(SweepRecord(specHash: "spec-\(grid.map(\.0))", scenarioName: "baseline", scenarioHash: "h",
                                                  specJSON: "{}", pointCount: points.count + missing, programVersion: "test"))
        for p in points {
            // Each extra staff member helps; the "shortest" policy a little more.
            let effect = p.reduce(0.0) { $0 + (Double($1.value) ?? ($1.value == "shortest" ? 2 : 0)) } / 10
            try StoreFixtures.addRun(store, name: "baseline", effect: effect, sweep: id, parameters: p)
        }
        return id
    }

    static func load(_ store: RunStore, _ id: SweepID) throws -> SweepInput {
        try SweepInput.load(sweep: id, from: store, generated: "2026-04-01", programVersion: "test")
    }

    @Test("a one-parameter sweep report contains its KPI-versus-parameter chart with a band", arguments: Language.allCases)
    func bandChart(language: Language) throws {
        try StoreFixtures.withStore { store in
            let id = try Self.sweep(store, [("staff.citizen", ["3", "4", "5", "6"])], missing: 1)
            let report = SweepReport(input: try Self.load(store, id), language: language)
            let html = HTMLReport.render(report.document())
            #expect(parseXML(html).ok)
            #expect(!html.contains("⟦"))
            let svgs = svgFragments(in: html)
            #expect(svgs.count == 2, "waits and share within 30 min")
            let waits = parseXML(svgs[0])
            #expect(waits.count(of: "path", withClass: "band") == 2, "one band each for the mean and the 90th percentile")
            #expect(parseXML(svgs[1]).count(of: "path", withClass: "band") == 1)
            #expect(html.contains("staff.citizen"))
            // The points table: one row per point, the mean wait as stored.
            let rows = try #require(HTMLTables(html).tables["table-1"])
            #expect(rows.count == 4)
            let runs = try store.runs(sweep: id)
            for (i, run) in runs.enumerated() {
                let mean = try #require(try store.summary(run: run.id!).first { $0.scope == "city" && $0.kpi == "wait_mean" })
                #expect(rows[i][1].text == run.parameters[0].value)
                #expect(rows[i][2].text == NumberFormat.display(mean.mean, decimals: 1), "point \(i): \(rows[i][2].text) vs \(mean.mean)")
            }
            #expect(html.contains(XMLEscape(Localization(language).format(.sweepMissing, ["count": "1", "total": "5"]))))
        }
    }

    @Test("a two-parameter sweep gets a heat map, and lines with bands along its numeric parameter")
    func heatMap() throws {
        try StoreFixtures.withStore { store in
            let id = try Self.sweep(store, [("policy", ["fifo", "shortest"]), ("staff.citizen", ["3", "4", "5"])])
            let html = HTMLReport.render(SweepReport(input: try Self.load(store, id), language: .en).document())
            #expect(parseXML(html).ok)
            let svgs = svgFragments(in: html)
            #expect(svgs.count == 2)
            #expect(svgs[0].contains("chart-heatmap"), "first figure is the heat map")
            #expect(parseXML(svgs[1]).count(of: "path", withClass: "band") == 2, "a band per policy")
            #expect(html.contains("policy = shortest"))
        }
    }

    @Test("a sweep of words draws bars; more than two parameters give the table only")
    func otherShapes() throws {
        try StoreFixtures.withStore { store in
            let words = try Self.sweep(store, [("policy", ["fifo", "shortest"])])
            let bars = HTMLReport.render(SweepReport(input: try Self.load(store, words), language: .ja).document())
            #expect(svgFragments(in: bars).first?.contains("chart-bar") == true)
            let three = try Self.sweep(store, [("a", ["1", "2"]), ("b", ["1", "2"]), ("c", ["x"])])
            let report = SweepReport(input: try Self.load(store, three), language: .en)
            let html = HTMLReport.render(report.document())
            #expect(svgFragments(in: html).isEmpty)
            #expect(html.contains(XMLEscape(Localization(.en)[.sweepNoChart])))
            #expect(report.csv().components(separatedBy: "\r\n")[1].hasPrefix("Point,a,b,c,"))
        }
    }
}
