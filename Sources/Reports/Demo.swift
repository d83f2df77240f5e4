import Foundation
import SimKernel

/// The Reports layer: self-contained HTML (inline CSS and SVG, no script),
/// Markdown with linked SVG figures, and CSV, in Japanese or English.
///
/// A report writer builds a `ReportDocument` from plain values and hands it
/// to a writer:
///
/// ```swift
/// let l = Localization(.ja)
/// var doc = ReportDocument(language: .ja, title: "繁忙期の比較", generated: "2025-03-31",
///                          programVersion: "0.3.0")
/// doc.sections.append(ReportSection(title: l[.demoSectionHeadline], blocks: [
///     .table(ReportTable(caption: "…", columns: [.init(l[.scenario]), .init("…", numeric: true),
///                                                .interval(l.intervalHeader())],
///                        rows: [[.text("現状"), .mean(e, decimals: 1), .ci(e, decimals: 1)]])),
///     .bullets([l.verdict(.meanWait, difference: d, unit: .unitMinutes, decimals: 1, isDuration: true)]),
///     .figure(Figure(caption: "…", chart: StepCDFChart(…))),
/// ]))
/// let html = HTMLReport.render(doc)                  // one file
/// let md = MarkdownReport.render(doc)                // text + [.svg files]
/// let csv = CSVWriter.render(table, localization: l) // one table
/// ```
///
/// Reports of stored runs (`Results/`): `ReportInput.load(runs:from:)`
/// reads finished runs and their per-replication KPIs from a `RunStore`
/// (the only way this layer sees results); `ComparisonReport` turns them
/// into headline tables, paired differences with verdicts, charts and a
/// "how this was computed" section; `SweepInput` / `SweepReport` do the same
/// for a parameter sweep:
///
/// ```swift
/// let input = try ReportInput.load(runs: [RunID(1), RunID(2)], from: store,
///                                  generated: "2026-04-01", programVersion: "0.1.0")
/// let report = ComparisonReport(input: input, language: .ja)
/// let html = HTMLReport.render(report.document())
/// let csv = report.csv()
/// ```
///
/// Charts: `LineChart` (with confidence bands; `.timeOfDay` for clock
/// axes), `StepCDFChart`, `BarChart`, `HeatMap`. All text is plain text:
/// the writers escape it (Mustache `{{x}}`, `XML.escape`, Markdown escaping),
/// and only chart-module `SVGFragment`s are inserted unescaped.
public enum Reports {
    /// A page with every chart type on synthetic data, in `language`: used
    /// by the tests and to look at the layout in a browser.
    ///
    /// ```swift
    /// let html = Reports.demoReport(language: .ja)
    /// ```
    public static func demoReport(language: Language) -> String {
        HTMLReport.render(demoDocument(language: language))
    }

    /// The demo page as a document, for the Markdown and CSV writers or for
    /// tests that add to it. Deterministic: the same text on every run.
    public static func demoDocument(language: Language) -> ReportDocument {
        DemoData(language: language).document()
    }
}

/// Synthetic results shaped like a ward office's: three scenarios, 20
/// replications with common random numbers, a morning and an afternoon peak.
/// Drawn from named kernel streams, so the page never changes between runs.
struct DemoData {
    let l: Localization
    let replications = 20
    let seed: UInt64 = 20_250_401

    init(language: Language) { l = Localization(language) }

    var scenarios: [String] { [l[.demoScenarioBaseline], l[.demoScenarioNoWriting], l[.demoScenarioReservations]] }

    /// Mean wait (min) per scenario per replication; replication noise is
    /// shared between scenarios (common random numbers), as in a real run.
    func dailyMeans(truth: [Double], spread: Double, stream: String) -> [[Double]] {
        var common = RandomStream(seed: seed, stream: stream + ".common")
        let shared = (0..<replications).map { _ in Normal.quantile(common.nextUniform()) * spread }
        return truth.enumerated().map { (s, mu) in
            var own = RandomStream(seed: seed, stream: stream, replication: s)
            return shared.map { mu + $0 + Normal.quantile(own.nextUniform()) * spread * 0.45 }
        }
    }

    func document() -> ReportDocument {
        var doc = ReportDocument(language: l.language, title: l[.demoTitle], subtitle: l[.demoSubtitle],
                                 generated: "2025-04-01", programVersion: "demo")
        doc.footnotes = [l.format(.demoCIFootnote, ["n": String(replications)]), l[.demoSyntheticFootnote]]

        let meanWait = dailyMeans(truth: [24.0, 11.7, 23.7], spread: 2.6, stream: "demo.meanWait")
        let p90Wait = dailyMeans(truth: [52.0, 26.5, 50.8], spread: 5.0, stream: "demo.p90")
        let within30 = dailyMeans(truth: [0.68, 0.93, 0.70], spread: 0.03, stream: "demo.within30")
        let mins = l[.unitMinutes]

        // 1. Headline table
        let ci = l.intervalHeader()
        var headline = ReportTable(
            caption: l[.demoTableHeadline],
            columns: [.init(l[.scenario]),
                      .init(l.axisTitle(l.capitalized(l[.meanWait]), unit: mins), numeric: true), .interval(ci),
                      .init(l.axisTitle(l.capitalized(l[.p90Wait]), unit: mins), numeric: true), .interval(ci),
                      .init(l.capitalized(l[.servedWithin30]), numeric: true), .interval(ci)],
            rows: [])
        for (s, name) in scenarios.enumerated() {
            let m = Estimate(ConfidenceInterval(of: meanWait[s])), p = Estimate(ConfidenceInterval(of: p90Wait[s]))
            let w = Estimate(ConfidenceInterval(of: within30[s]))
            headline.rows.append([.text(name), .mean(m, decimals: 1), .ci(m, decimals: 1), .mean(p, decimals: 1), .ci(p, decimals: 1),
                                  .percent(w.mean, decimals: 1), .interval(w.low * 100, w.high * 100, decimals: 1)])
        }
        doc.sections.append(ReportSection(title: l[.demoSectionHeadline], blocks: [.paragraph(l[.demoIntro]), .table(headline)]))

        // 2. Paired differences against the baseline
        var differences = ReportTable(
            caption: l[.demoTableDifferences],
            columns: [.init(l[.scenario]), .init(l.axisTitle(l[.difference], unit: mins), numeric: true),
                      .interval(ci), .init(l[.assessment])],
            rows: [])
        var verdicts: [String] = []
        for s in 1..<scenarios.count {
            let d = Estimate(ConfidenceInterval.pairedDifference(base: meanWait[0], other: meanWait[s]))
            let verdict = l.verdict(.meanWait, difference: d, unit: .unitMinutes, decimals: 1, isDuration: true)
            differences.rows.append([.text(scenarios[s]), .number(d.mean, decimals: 1), .ci(d, decimals: 1),
                                     .text(l.capitalized(d.direction == .undetermined ? l[.noDetectableDifference] : verdict))])
            verdicts.append(l.labelled(scenarios[s], verdict))
            let dp = Estimate(ConfidenceInterval.pairedDifference(base: p90Wait[0], other: p90Wait[s]))
            verdicts.append(l.labelled(scenarios[s], l.verdict(.p90Wait, difference: dp, unit: .unitMinutes, decimals: 1, isDuration: true)))
        }
        doc.sections.append(ReportSection(title: l[.demoSectionDifferences], blocks: [.table(differences), .bullets(verdicts)]))

        // 3. Waiting-time distribution
        let truths = [(24.0, 19.0), (11.7, 9.5), (23.7, 21.0)]
        let cdfSeries = scenarios.enumerated().map { (s, name) -> StepCDFChart.Series in
            var rng = RandomStream(seed: seed, stream: "demo.waits", replication: s)
            let d = Distribution.lognormal(mean: truths[s].0, sd: truths[s].1)
            return StepCDFChart.Series(name: name, samples: (0..<2_400).map { _ in d.sample(using: &rng) })
        }
        let cdf = StepCDFChart(
            title: l[.demoSectionWaiting], xAxisTitle: l.axisTitle(.waitingTime, unit: .unitMinutes),
            yAxisTitle: l[.shareOfCitizens], series: cdfSeries,
            targets: [15, 30, 60].map { ReferenceLine(value: $0, label: l.value($0, decimals: 0, unit: .unitMinutes)) },
            xLimit: 90)
        doc.sections.append(ReportSection(title: l[.demoSectionWaiting], blocks: [.figure(Figure(caption: l[.demoCaptionWaiting], chart: cdf))]))

        // 4. Queue length and lobby occupancy by time of day (15-minute bins, 08:30–17:15)
        let bins = stride(from: 8.5, through: 17.25, by: 0.25).map { $0 }
        func profile(_ t: Double, scale: Double) -> Double {
            let morning = 16 * gauss(t, centre: 10.0, width: 1.1)
            let afternoon = 11 * gauss(t, centre: 14.0, width: 1.3)
            let closing = t > 17 ? 0.4 : 1
            return scale * (3 + morning + afternoon) * closing
        }
        func timeSeries(scale: Double, noise: Double, stream: String, replication: Int) -> [LineChart.Point] {
            var rng = RandomStream(seed: seed, stream: stream, replication: replication)
            return bins.map { t in
                let values = (0..<replications).map { _ in max(0, profile(t, scale: scale) * (1 + noise * Normal.quantile(rng.nextUniform()))) }
                let e = Estimate(ConfidenceInterval(of: values))
                return LineChart.Point(x: t, y: e.mean, low: max(0, e.low), high: e.high)
            }
        }
        let queueScales = [1.0, 0.55, 0.85]
        let queue = LineChart.timeOfDay(
            title: l[.queueLength], xAxisTitle: l[.timeOfDay], yAxisTitle: l.axisTitle(.queueLength, unit: .unitPeople),
            series: scenarios.enumerated().map { LineChart.Series(name: $0.element, points: timeSeries(scale: queueScales[$0.offset], noise: 0.3, stream: "demo.queue", replication: $0.offset)) },
            bandLabel: l.format(.bandLegend, ["level": l.level(0.95)]))
        let seats = 60.0
        let lobby = LineChart.timeOfDay(
            title: l[.lobbyOccupancy], xAxisTitle: l[.timeOfDay], yAxisTitle: l.axisTitle(.lobbyOccupancy, unit: .unitPeople),
            series: scenarios.enumerated().map { LineChart.Series(name: $0.element, points: timeSeries(scale: 2.2 * queueScales[$0.offset], noise: 0.15, stream: "demo.lobby", replication: $0.offset).map { LineChart.Point(x: $0.x, y: $0.y) }) },
            referenceLines: [ReferenceLine(value: seats, label: l.format(.lobbySeats, ["value": NumberFormat.fixed(seats, decimals: 0)]))])
        doc.sections.append(ReportSection(title: l[.demoSectionQueue], blocks: [
            .figure(Figure(caption: l[.demoCaptionQueue], chart: queue)),
            .figure(Figure(caption: l[.demoCaptionLobby], chart: lobby)),
        ]))

        // 5. Staff utilisation: section × hour
        let sections = [l[.demoSectionCitizenRecords], l[.demoSectionInsurance], l[.demoSectionChildren], l[.demoSectionTax]]
        let hours = Array(8...16)
        var rng = RandomStream(seed: seed, stream: "demo.utilisation")
        let loads = [1.0, 0.8, 0.62, 0.45]
        let values: [[Double?]] = sections.indices.map { s in
            hours.map { h -> Double? in
                if s == 3 && h == 8 { return nil } // the tax section opens at 09:00
                let t = Double(h) + 0.5
                let base = 0.25 + 0.75 * loads[s] * (0.55 + 0.45 * (gauss(t, centre: 10.2, width: 1.4) + 0.8 * gauss(t, centre: 14.2, width: 1.5)))
                return min(1, max(0, base + 0.04 * (rng.nextUniform() - 0.5)))
            }
        }
        let heat = HeatMap(
            title: l[.staffUtilisation], rows: sections, columns: hours.map { NumberFormat.clock(hours: Double($0)) },
            values: values, legendTitle: l.axisTitle(.staffUtilisation, unit: .unitPercent),
            columnAxisTitle: l[.hourStarting], missingLabel: l[.noValue])
        doc.sections.append(ReportSection(title: l[.demoSectionUtilisation], blocks: [.figure(Figure(caption: l[.demoCaptionUtilisation], chart: heat))]))

        // 6. Visits by channel
        let channels = [l[.channelWalkIn], l[.channelBooked], l[.channelOnline], l[.channelConvenienceStore], l[.channelAIAssistant]]
        let visitTruth: [[Double]] = [[820, 0, 45, 130, 0], [805, 0, 45, 130, 0], [610, 190, 52, 136, 24]]
        let bars = BarChart(
            title: l[.demoSectionChannels], yAxisTitle: l.axisTitle(.visitsPerDay, unit: .unitVisits), categories: channels,
            series: scenarios.enumerated().map { (s, name) in
                var r = RandomStream(seed: seed, stream: "demo.visits", replication: s)
                let es = visitTruth[s].map { mu -> Estimate in
                    let xs = (0..<replications).map { _ in max(0, mu + (mu > 0 ? 0.06 * mu * Normal.quantile(r.nextUniform()) : 0)) }
                    return Estimate(ConfidenceInterval(of: xs))
                }
                return BarChart.Series(name: name, values: es.map(\.mean), low: es.map(\.low), high: es.map(\.high))
            },
            whiskerLabel: l.format(.whiskerLegend, ["level": l.level(0.95)]))
        doc.sections.append(ReportSection(title: l[.demoSectionChannels], blocks: [.figure(Figure(caption: l[.demoCaptionChannels], chart: bars))]))

        // 7. A sweep: KPI versus parameter with its band
        let counters = Array(4...10)
        let sweepSeries = [(0, 160.0, 5.0), (1, 85.0, 3.0)].map { (s, a, b) -> LineChart.Series in
            var r = RandomStream(seed: seed, stream: "demo.sweep", replication: s)
            let points = counters.map { c -> LineChart.Point in
                let mu = b + a / pow15(Double(c) - 2)
                let xs = (0..<replications).map { _ in mu * (1 + 0.12 * Normal.quantile(r.nextUniform())) }
                let e = Estimate(ConfidenceInterval(of: xs))
                return LineChart.Point(x: Double(c), y: e.mean, low: e.low, high: e.high)
            }
            return LineChart.Series(name: scenarios[s], points: points)
        }
        let sweep = LineChart(
            title: l[.demoSectionSweep], xAxisTitle: l[.demoParameterCounters],
            yAxisTitle: l.axisTitle(l.capitalized(l[.meanWait]), unit: mins), series: sweepSeries,
            bandLabel: l.format(.bandLegend, ["level": l.level(0.95)]))
        doc.sections.append(ReportSection(title: l[.demoSectionSweep], blocks: [.figure(Figure(caption: l[.demoCaptionSweep], chart: sweep))]))
        return doc
    }
}

private func gauss(_ t: Double, centre: Double, width: Double) -> Double {
    let z = (t - centre) / width
    return exp(-0.5 * z * z)
}

private func pow15(_ x: Double) -> Double { x * x.squareRoot() }
