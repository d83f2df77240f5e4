import Foundation
import RunStore
import SimKernel
import Testing
@testable import Reports

@Suite("Comparison report from a run store")
struct ComparisonReportTests {
    static let generated = "2026-04-01"

    static func input(_ store: RunStore, _ ids: [RunID]) throws -> ReportInput {
        try ReportInput.load(runs: ids, from: store, generated: generated, programVersion: "test")
    }

    /// Three runs of the same seed (they pair): baseline, a small and a large reform.
    static func threeRuns(_ store: RunStore) throws -> [RunID] {
        [try StoreFixtures.addRun(store, name: "baseline", effect: 0),
         try StoreFixtures.addRun(store, name: "reservations", effect: 0.3),
         try StoreFixtures.addRun(store, name: "smart-ward-office", effect: 1)]
    }

    @Test("every number in the headline tables equals the stored value it came from", arguments: Language.allCases)
    func headlineEqualsStore(language: Language) throws {
        try StoreFixtures.withStore { store in
            let ids = try Self.threeRuns(store)
            let html = HTMLReport.render(ComparisonReport(input: try Self.input(store, ids), language: language).document())
            let tables = HTMLTables(html).tables
            let service = try #require(tables["table-1"]), resources = try #require(tables["table-2"])
            #expect(service.count == 3 && resources.count == 3, "one row per run")
            let l = Localization(language)
            func shown(_ x: Double, _ d: Int) -> String { NumberFormat.display(x, decimals: d) }
            func range(_ lo: Double, _ hi: Double, _ d: Int) -> String { l.range(lo, hi, decimals: d) }
            let baseRows = try store.kpis(run: ids[0])

            for (i, id) in ids.enumerated() {
                let summary = Dictionary(uniqueKeysWithValues: try store.summary(run: id)
                    .filter { $0.scope == "city" }.map { ($0.kpi, $0) })
                // Table 1: means as stored; shares ×100; intervals cut to what the quantity can take.
                let columns: [(kpi: String, scale: Double, upper: Double)] = [
                    ("wait_mean", 1, .infinity), ("wait_p90", 1, .infinity), ("time_in_office_mean", 1, .infinity),
                    ("served_within_15", 100, 100), ("served_within_30", 100, 100), ("served_within_60", 100, 100),
                    ("abandonment_rate", 100, 100),
                ]
                for (c, column) in columns.enumerated() {
                    let s = try #require(summary[column.kpi]), cell = service[i][c + 1]
                    let low = min(max(0, s.low * column.scale), column.upper), high = min(s.high * column.scale, column.upper)
                    #expect(cell.text == shown(s.mean * column.scale, 1), "run \(id) \(column.kpi): page \(cell.text), store \(s.mean)")
                    #expect(cell.ci == range(low, high, 1), "run \(id) \(column.kpi) CI: page \(cell.ci), store \(s.low)…\(s.high)")
                }
                // Table 2: overtime in hours, visits avoided as stored, citizen hours × 243 working days.
                let overtime = try #require(summary["staff_overtime_minutes"])
                #expect(resources[i][1].text == shown(overtime.mean / 60, 1), "overtime \(resources[i][1].text) vs \(overtime.mean) min")
                #expect(resources[i][1].ci == range(max(0, overtime.low / 60), overtime.high / 60, 1))
                let deflected = try #require(summary["deflected"])
                #expect(resources[i][2].text == shown(deflected.mean, 0), "visits avoided \(resources[i][2].text) vs \(deflected.mean)")
                #expect(resources[i][2].ci == range(deflected.low, deflected.high, 0))
                let saved = try #require(summary["citizen_hours_saved"])
                #expect(resources[i][3].text == shown(saved.mean * 243, 0), "citizen hours \(resources[i][3].text) vs \(saved.mean) × 243")
                #expect(resources[i][3].ci == range(saved.low * 243, saved.high * 243, 0))
                // Staff hours freed: baseline − scenario, paired replication by replication, × 243.
                if i == 0 {
                    #expect(resources[0][4].text == "—")
                } else {
                    let rows = try store.kpis(run: id)
                    func busy(_ rows: [KPIRow]) -> [Double] {
                        rows.filter { $0.scope == "city" && $0.kpi == "staff_busy_hours_total" }.sorted { $0.replication < $1.replication }.map(\.value)
                    }
                    let d = ConfidenceInterval.pairedDifference(base: busy(rows), other: busy(baseRows))
                    #expect(resources[i][4].text == shown(d.mean * 243, 0), "freed \(resources[i][4].text) vs \(d.mean) × 243")
                    #expect(resources[i][4].ci == range(max(0, d.low * 243), d.high * 243, 0))
                }
            }
        }
    }

    @Test("differences are paired over common random numbers and carry a plain-language verdict")
    func pairedDifferences() throws {
        try StoreFixtures.withStore { store in
            let ids = try Self.threeRuns(store)
            let report = ComparisonReport(input: try Self.input(store, ids), language: .en)
            func series(_ id: RunID, _ kpi: String) throws -> [Double] {
                try store.kpis(run: id).filter { $0.scope == "city" && $0.kpi == kpi }.sorted { $0.replication < $1.replication }.map(\.value)
            }
            let d = ConfidenceInterval.pairedDifference(base: try series(ids[0], "wait_mean"), other: try series(ids[2], "wait_mean"))
            #expect(d.high < 0, "fixture: the large reform must shorten the wait detectably, got \(d)")
            let table = report.differenceTables()[1]
            guard case let .estimate(mean, low, high, _) = table.rows[0][3] else {
                Issue.record("difference cell is not an estimate: \(table.rows[0][3])"); return
            }
            #expect(mean == d.mean && low == d.low && high == d.high, "table \(mean) [\(low), \(high)] vs paired \(d)")
            // Pairing narrows the interval against the Welch one of the same data.
            let welch = Estimate.welchDifference(base: try series(ids[0], "wait_mean"), other: try series(ids[2], "wait_mean"))
            #expect(d.high - d.low < welch.high - welch.low, "paired \(d) should be narrower than unpaired \(welch)")
            let verdict = Localization(.en).verdict("mean wait", difference: Estimate(d), unit: "min", decimals: 1, isDuration: true)
            #expect(verdict.hasPrefix("mean wait falls by "), "\(verdict)")
            let html = HTMLReport.render(report.document())
            #expect(html.contains(XMLEscape(verdict)), "verdict \(verdict) not on the page")
            #expect(html.contains("Paired differences over 8 replications"))
            #expect(table.rows[0][4] == .text("better"))
        }
    }

    @Test("runs that do not share random numbers get unpaired (Welch) differences, and the page says so")
    func unpaired() throws {
        try StoreFixtures.withStore { store in
            let a = try StoreFixtures.addRun(store, name: "baseline", effect: 0, seed: 1)
            let b = try StoreFixtures.addRun(store, name: "smart-ward-office", effect: 1, seed: 2)
            let report = ComparisonReport(input: try Self.input(store, [a, b]), language: .en)
            let table = report.differenceTables()[0]
            #expect(table.note == Localization(.en)[.noteUnpaired])
            func series(_ id: RunID) throws -> [Double] {
                try store.kpis(run: id).filter { $0.scope == "city" && $0.kpi == "wait_mean" }.sorted { $0.replication < $1.replication }.map(\.value)
            }
            let expected = Estimate.welchDifference(base: try series(a), other: try series(b))
            guard case let .estimate(mean, low, high, _) = table.rows[0][3] else { Issue.record("not an estimate"); return }
            #expect(mean == expected.mean && low == expected.low && high == expected.high)
        }
    }

    @Test("both languages render a well-formed page with every chart, and no label is left untranslated", arguments: Language.allCases)
    func bothLanguages(language: Language) throws {
        try StoreFixtures.withStore { store in
            let ids = try Self.threeRuns(store)
            let html = HTMLReport.render(ComparisonReport(input: try Self.input(store, ids), language: language).document())
            let page = parseXML(html)
            #expect(page.ok, "\(language): \(page.error ?? "")")
            #expect(html.contains("<html lang=\"\(language.rawValue)\""))
            #expect(!html.contains("⟦"))
            let svgs = svgFragments(in: html)
            // Quantiles, within targets, queue, lobby, three heat maps, channels.
            #expect(svgs.count == 8, "\(svgs.count) figures")
            for svg in svgs { #expect(parseXML(svg).ok) }
            let ids2 = page.attributes.compactMap { $0["id"] }
            #expect(Set(ids2).count == ids2.count, "duplicate ids")
            for forbidden in ["<script", "<link", " src=", "url(http", "@import"] { #expect(!html.lowercased().contains(forbidden)) }
            let other = Localization(language == .ja ? .en : .ja)
            for key: MessageKey in [.sectionHeadline, .sectionDifferences, .sectionMethod, .tableService, .assessment,
                                    .chartQuantiles, .scenarioBaseline, .statMedian] {
                #expect(html.contains(XMLEscape(Localization(language)[key])), "\(key) missing in \(language)")
                #expect(!html.contains(XMLEscape(other[key])), "\(key) in the other language on the \(language) page")
            }
            // Sources cited by the scenario description are listed.
            #expect(html.contains("A5, B12, C3"))
        }
    }

    @Test("text from scenarios is escaped everywhere: HTML, SVG, Markdown, CSV")
    func hostileNames() throws {
        try StoreFixtures.withStore { store in
            let hostile = "<script>alert(\"x\")</script> & 'y' | *z* ]]>"
            let a = try StoreFixtures.addRun(store, name: "baseline", effect: 0)
            let b = try StoreFixtures.addRun(store, name: hostile, effect: 1, description: "</p><img src=x onerror=alert(1)> A5")
            let report = ComparisonReport(input: try Self.input(store, [a, b]), language: .ja)
            let html = HTMLReport.render(report.document())
            #expect(parseXML(html).ok)
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(html.contains("&lt;script&gt;"))
            for svg in svgFragments(in: html) { #expect(parseXML(svg).ok) }
            let md = MarkdownReport.render(report.document(), figurePrefix: "x")
            #expect(!md.markdown.contains("<script"))
            for file in md.files { #expect(parseXML(file.contents).ok, "\(file.name)") }
            let csv = report.csv()
            #expect(csv.contains("\"<script>alert(\"\"x\"\")</script> & 'y' | *z* ]]>\""), "CSV quotes the name")
        }
    }

    @Test("Markdown links one SVG file per figure; CSV holds the tables with mean, low and high")
    func markdownAndCSV() throws {
        try StoreFixtures.withStore { store in
            let ids = try Self.threeRuns(store)
            let report = ComparisonReport(input: try Self.input(store, ids), language: .en)
            let md = MarkdownReport.render(report.document(), figurePrefix: "r")
            #expect(md.files.count == 8)
            for file in md.files { #expect(md.markdown.contains("](\(file.name))"), "\(file.name) not linked") }
            #expect(md.markdown.contains("| Baseline |"))
            let csv = report.csv()
            let lines = csv.components(separatedBy: "\r\n")
            #expect(lines[0] == "Waiting and service per scenario")
            #expect(lines[1].hasPrefix("Scenario,Mean wait (min),Mean wait (min) low,Mean wait (min) high,"), "\(lines[1])")
            let mean = try #require(try store.summary(run: ids[0]).first { $0.scope == "city" && $0.kpi == "wait_mean" })
            #expect(lines[2].hasPrefix("Baseline," + NumberFormat.fixed(mean.mean, decimals: 1) + ","), "\(lines[2])")
            #expect(!csv.contains("<svg"))
        }
    }

    @Test("per-year figures: ordinary days × the working days; a peak day stays per day and says so")
    func annualBasis() throws {
        #expect(AnnualBasis(dayRanges: ["ordinary", "ordinary"]) == .ordinaryDayTimesWorkingDays)
        #expect(AnnualBasis(dayRanges: ["year"]) == .fiscalYear)
        #expect(AnnualBasis(dayRanges: ["peak", "peak"]) == .perDay)
        #expect(AnnualBasis(dayRanges: ["ordinary", "peak"]) == .perDay)
        try StoreFixtures.withStore { store in
            let a = try StoreFixtures.addRun(store, name: "baseline-peak", effect: 0, dayRange: "peak")
            let b = try StoreFixtures.addRun(store, name: "smart-ward-office-peak", effect: 1, dayRange: "peak")
            let report = ComparisonReport(input: try Self.input(store, [a, b]), language: .en)
            let resources = report.headlineTables()[1]
            #expect(resources.columns[3].header == "Citizen hours saved (h/day)")
            let saved = try #require(try store.summary(run: a).first { $0.scope == "city" && $0.kpi == "citizen_hours_saved" })
            guard case let .estimate(mean, _, _, _) = resources.rows[0][3] else { Issue.record("not an estimate"); return }
            #expect(mean == saved.mean, "per day: \(mean) vs stored \(saved.mean)")
            #expect(resources.note?.contains("single peak-season day") == true, "\(resources.note ?? "")")
        }
        // Ordinary days are multiplied by the working days the caller counted in the scenario's calendar.
        try StoreFixtures.withStore { store in
            let ids = try Self.threeRuns(store)
            let input = try ReportInput.load(runs: ids, from: store, generated: Self.generated, programVersion: "test",
                                             workingDaysPerYear: 241)
            let resources = ComparisonReport(input: input, language: .en).headlineTables()[1]
            let saved = try #require(try store.summary(run: ids[0]).first { $0.scope == "city" && $0.kpi == "citizen_hours_saved" })
            guard case let .estimate(mean, _, _, _) = resources.rows[0][3] else { Issue.record("not an estimate"); return }
            #expect(abs(mean - saved.mean * 241) <= 1e-9 * abs(saved.mean * 241), "per year: \(mean) vs \(saved.mean) × 241")
            #expect(resources.note?.contains("× 241 working days") == true, "\(resources.note ?? "")")
        }
    }

    @Test("unfinished runs are refused; a scenario named twice gets its run id")
    func refusals() throws {
        try StoreFixtures.withStore { store in
            let a = try StoreFixtures.addRun(store, name: "baseline", effect: 0)
            let b = try StoreFixtures.addRun(store, name: "baseline", effect: 0.5, seed: 9)
            let running = try store.beginRun(RunRecord(scenarioName: "x", scenarioText: "", scenarioHash: "h", seed: 1,
                                                       replications: 2, dayRange: "ordinary", programVersion: "t"))
            #expect(throws: ReportError.unfinished(run: running, status: .running)) { try Self.input(store, [a, running]) }
            #expect(throws: RunStoreError.self) { try Self.input(store, [a, RunID(999)]) }
            let names = ComparisonReport(input: try Self.input(store, [a, b]), language: .en).scenarioNames
            #expect(names == ["Baseline (run \(a))", "Baseline (run \(b))"])
        }
    }

    @Test("scenario facts are read from the stored canonical JSON")
    func facts() {
        let f = ScenarioFacts(json: StoreFixtures.scenarioJSON(name: "x"), dayRange: "peak")
        #expect(f.sections.map(\.scope) == ["小倉北区/citizen", "小倉北区/insurance"])
        #expect(f.sectionName["citizen"] == "市民課")
        #expect(f.sections[0].counterStaff == 7, "peak-day staff count on a peak run")
        #expect(ScenarioFacts(json: StoreFixtures.scenarioJSON(name: "x"), dayRange: "ordinary").sections[0].counterStaff == 4)
        #expect(f.lobbySeats == 120)
        #expect(f.interventions == ["reservations"], "null interventions are off")
        #expect(f.sources == ["A5", "B12", "C3"])
        #expect(ScenarioFacts.citedSources("D1–D10 (F7), A05 X1 B123 Q7") == ["D1", "D10", "F7", "Q7"])
        #expect(ScenarioFacts(json: "not json", dayRange: "ordinary") == ScenarioFacts())
    }
}

/// `text` as the page writes it (Mustache escapes & < > " ').
func XMLEscape(_ text: String) -> String {
    var out = ""
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}
