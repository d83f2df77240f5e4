/// Builds the report of a parameter sweep: how the headline indicators move
/// with the varied parameters — a line with its confidence band for one
/// numeric parameter, a heat map (and a line per row) for two — and a table
/// of every point.
///
/// ```swift
/// let input = try SweepInput.load(sweep: SweepID(1), from: store, generated: "2026-04-01", programVersion: "0.1.0")
/// let html = HTMLReport.render(SweepReport(input: input, language: .en).document())
/// ```
public struct SweepReport: Sendable {
    public let input: SweepInput
    public let language: Language

    public init(input: SweepInput, language: Language) {
        self.input = input
        self.language = language
    }

    var l: Localization { Localization(language) }
    var names: ReportNames { ReportNames(l) }
    var level: Double { 0.95 }

    /// The point's value of parameter `name` as written ("4", "fifo").
    func value(_ run: ReportRun, _ name: String) -> String {
        run.record.parameters.first { $0.name == name }?.value ?? ""
    }

    /// The distinct values of a parameter in sweep order.
    func values(of name: String) -> [String] { unique(input.points.map { value($0, name) }) }

    /// A parameter is drawn on a numeric axis when every value reads as a number.
    func isNumeric(_ name: String) -> Bool { values(of: name).allSatisfy { Double($0)?.isFinite == true } }

    /// Whole-number parameters (counters, staff) get ticks at whole numbers only.
    func xScale(_ name: String) -> LineChart.XScale {
        values(of: name).allSatisfy { Double($0).map { $0 == $0.rounded() } ?? false } ? .integer : .linear
    }

    /// Indicators per point, in stored units: the headline waits and service levels.
    static let indicators: [Indicator] = [.meanWait, .p90Wait, .timeInOffice, .within30, .abandonment, .overtime]

    func estimate(_ indicator: Indicator, _ run: ReportRun) -> Estimate {
        // A one-run analysis: per-day indicators need no baseline.
        let a = ComparisonAnalysis(ReportInput(runs: [run], generated: "", programVersion: ""))
        return a.estimate(indicator, run: 0) ?? Estimate(mean: .nan, low: .nan, high: .nan)
    }

    public func document() -> ReportDocument {
        let first = input.points[0]
        let scenario = names.scenario(input.sweep.scenarioName)
        let days = names.days(first.record.dayRange)
        let reps = unique(input.points.map { String($0.values.replications.count) }).joined(separator: "/")
        var doc = ReportDocument(
            language: language, title: l.format(.sweepTitle, ["scenario": scenario]),
            subtitle: l.format(.sweepSubtitle, ["count": String(input.points.count), "days": days, "replications": reps]),
            generated: input.generated, programVersion: input.programVersion)
        var blocks: [ReportBlock] = [.paragraph(l.format(.sweepIntro, ["scenario": scenario, "replications": reps, "days": days]))]
        if input.missingPoints > 0 {
            blocks.append(.paragraph(l.format(.sweepMissing, ["count": String(input.missingPoints),
                                                              "total": String(input.sweep.pointCount)])))
        }
        blocks += charts()
        doc.sections.append(ReportSection(title: l[.sectionSweep], blocks: blocks))
        doc.sections.append(ReportSection(title: l[.sectionSweepTable], blocks: [.table(pointsTable())]))
        doc.sections.append(methodSection())
        return doc
    }

    // MARK: Charts

    func charts() -> [ReportBlock] {
        let params = input.parameterNames
        switch params.count {
        case 1:
            let p = params[0]
            return isNumeric(p) ? oneParameterLines(p) : oneParameterBars(p)
        case 2:
            var (row, column) = (params[0], params[1])
            if !isNumeric(column) && isNumeric(row) { swap(&row, &column) }
            var blocks: [ReportBlock] = [heatMap(row: row, column: column, indicator: .meanWait)]
            if isNumeric(column) { blocks.append(linesPerRow(row: row, column: column, indicator: .meanWait)) }
            return blocks
        default:
            return [.paragraph(l[.sweepNoChart])]
        }
    }

    func label(_ indicator: Indicator) -> String { l.capitalized(l[indicator.label]) }

    func points(_ indicator: Indicator, x parameter: String, runs: [ReportRun]) -> [LineChart.Point] {
        runs.compactMap { run in
            guard let x = Double(value(run, parameter)) else { return nil }
            let e = estimate(indicator, run)
            return LineChart.Point(x: x, y: e.mean, low: e.low, high: e.high)
        }.sorted { $0.x < $1.x }
    }

    /// KPI versus parameter with its band: the waits on one chart, the
    /// share served within 30 minutes on another.
    func oneParameterLines(_ p: String) -> [ReportBlock] {
        let waits = LineChart(
            title: l[.chartQuantiles], xAxisTitle: p, yAxisTitle: l.axisTitle(.waitingTime, unit: .unitMinutes),
            series: [Indicator.meanWait, Indicator.p90Wait].map {
                LineChart.Series(name: label($0), points: points($0, x: p, runs: input.points))
            },
            xScale: xScale(p), bandLabel: l.format(.bandLegend, ["level": l.level(level)]))
        let within = LineChart(
            title: l.capitalized(l[.servedWithin30]), xAxisTitle: p, yAxisTitle: l[.shareOfCitizens],
            series: [LineChart.Series(name: label(.within30), points: points(.within30, x: p, runs: input.points))],
            xScale: xScale(p), yScale: .percent, bandLabel: l.format(.bandLegend, ["level": l.level(level)]))
        return [
            .figure(Figure(caption: l.capitalized(l.format(.sweepCaptionLine, ["indicator": l[.meanWait] + (language == .ja ? "と" : " and ") + l[.p90Wait],
                                                                 "parameter": p, "level": l.level(level)])),
                           chart: waits, fileName: "sweep-waits")),
            .figure(Figure(caption: l.format(.sweepCaptionWithin, ["parameter": p, "level": l.level(level)]), chart: within,
                           fileName: "sweep-within-30")),
        ]
    }

    /// A parameter with words for values: bars per value.
    func oneParameterBars(_ p: String) -> [ReportBlock] {
        let vals = values(of: p)
        let filled = [Indicator.meanWait, Indicator.p90Wait].map { indicator in
            let es = vals.map { v in
                input.points.first { value($0, p) == v }.map { estimate(indicator, $0) } ?? Estimate(mean: .nan, low: .nan, high: .nan)
            }
            return BarChart.Series(name: label(indicator), values: es.map(\.mean), low: es.map(\.low), high: es.map(\.high))
        }
        let chart = BarChart(title: l[.chartQuantiles], yAxisTitle: l.axisTitle(.waitingTime, unit: .unitMinutes),
                             categories: vals, series: filled, valueDecimals: 1,
                             whiskerLabel: l.format(.whiskerLegend, ["level": l.level(level)]))
        return [.figure(Figure(caption: l.capitalized(l.format(.sweepCaptionBars, ["indicator": l[.meanWait] + (language == .ja ? "と" : " and ") + l[.p90Wait],
                                                                     "parameter": p, "level": l.level(level)])),
                               chart: chart, fileName: "sweep-waits"))]
    }

    /// Two parameters: the indicator's mean for each combination.
    func heatMap(row: String, column: String, indicator: Indicator) -> ReportBlock {
        let rows = values(of: row), columns = values(of: column)
        var grid: [[Double?]] = []
        for r in rows {
            grid.append(columns.map { c in
                input.points.first { value($0, row) == r && value($0, column) == c }
                    .map { estimate(indicator, $0).mean }.flatMap { $0.isFinite ? $0 : nil }
            })
        }
        let finite = grid.flatMap { $0 }.compactMap { $0 }
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let chart = HeatMap(
            // Rows show the values only: a long key would push them out of the
            // label space (the caption names the row parameter).
            title: label(indicator), rows: rows.map { row.count <= 12 ? row + " = " + $0 : $0 }, columns: columns,
            values: grid, legendTitle: l.axisTitle(label(indicator), unit: l[indicator.unit(.perDay)]),
            columnAxisTitle: column, missingLabel: grid.joined().contains { $0 == nil } ? l[.sweepNoPoint] : nil,
            valueRange: lo...(hi > lo ? hi : lo + 1), percent: false, valueDecimals: indicator.decimals)
        return .figure(Figure(caption: l.format(.sweepCaptionHeat, ["indicator": label(indicator), "row": row, "column": column]),
                              chart: chart, fileName: "sweep-heat"))
    }

    /// Two parameters, the column one numeric: one line (with band) per row value.
    func linesPerRow(row: String, column: String, indicator: Indicator) -> ReportBlock {
        let series = values(of: row).map { r in
            LineChart.Series(name: row + " = " + r, points: points(indicator, x: column, runs: input.points.filter { value($0, row) == r }))
        }
        let chart = LineChart(title: label(indicator), xAxisTitle: column,
                              yAxisTitle: l.axisTitle(label(indicator), unit: l[indicator.unit(.perDay)]), series: series,
                              xScale: xScale(column), bandLabel: l.format(.bandLegend, ["level": l.level(level)]))
        return .figure(Figure(caption: l.capitalized(l.format(.sweepCaptionLine, ["indicator": l[indicator.label], "parameter": column,
                                                                    "level": l.level(level)])),
                              chart: chart, fileName: "sweep-lines"))
    }

    // MARK: Table and method

    public func pointsTable() -> ReportTable {
        let params = input.parameterNames
        var table = ReportTable(
            caption: l[.sweepTableCaption],
            columns: [.init(l[.sweepPoint], numeric: true)] + params.map { .init($0) }
                + Self.indicators.map { .init(l.axisTitle(label($0), unit: l[$0.unit(.perDay)]), numeric: true) },
            rows: [])
        for (i, run) in input.points.enumerated() {
            var row: [ReportTable.Cell] = [.text(String(i + 1))]
            row += params.map { .text(value(run, $0)) }
            row += Self.indicators.map { .estimate(estimate($0, run), decimals: $0.decimals, scale: $0.displayScale) }
            table.rows.append(row)
        }
        return table
    }

    func methodSection() -> ReportSection {
        let first = input.points[0]
        let r = first.record, s = input.sweep
        let table = ReportTable(
            caption: l[.methodRunsTable],
            columns: [.init(l[.scenario]), .init(l[.scenarioHash]), .init(l[.seed], numeric: true),
                      .init(l[.replications], numeric: true), .init(l[.daysSimulated]), .init(l[.programVersion])],
            rows: [[.text(names.scenario(s.scenarioName) == s.scenarioName ? s.scenarioName : names.scenario(s.scenarioName) + " (" + s.scenarioName + ")"),
                    .text(s.scenarioHash), .text(String(r.seed)), .text(String(first.values.replications.count)),
                    .text(names.days(r.dayRange)), .text(s.programVersion)]])
        let f = first.facts
        let sources = f.sources.isEmpty ? l[.noSourcesCited] : l.format(.sourcesCited, ["ids": f.sources.joined(separator: ", ")])
        let text = f.description.split(whereSeparator: \.isNewline).joined(separator: " ")
        return ReportSection(title: l[.sectionMethod], blocks: [
            .table(table),
            .paragraph(l.format(.methodStatistics, ["level": l.level(level)])),
            .paragraph(l[.methodQuantiles] + (language == .ja ? "" : " ") + l[.methodClamped]),
            .paragraph(l[.methodDescriptions]),
            .bullets([l.labelled(names.scenario(s.scenarioName), text.isEmpty ? sources : text + " — " + sources)]),
            .paragraph(l[.methodReproduce]),
        ])
    }

    /// The points table as CSV.
    public func csv(byteOrderMark: Bool = false) -> String {
        let table = pointsTable()
        return (byteOrderMark ? CSVWriter.byteOrderMark : "") + CSVWriter.record([table.caption])
            + CSVWriter.render(table, localization: l)
    }
}
