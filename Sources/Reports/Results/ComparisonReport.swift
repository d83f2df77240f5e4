/// Builds the comparison report of a set of runs: headline tables, paired
/// differences against the baseline with plain-language verdicts, charts,
/// and how it was computed. The baseline is `input.runs[0]`.
///
/// ```swift
/// let input = try ReportInput.load(runs: ids, from: store, generated: "2026-04-01", programVersion: "0.1.0")
/// let report = ComparisonReport(input: input, language: .ja)
/// let html = HTMLReport.render(report.document())
/// let csv = report.csv()
/// ```
///
/// Every figure comes from the stored per-replication KPIs through
/// `ComparisonAnalysis`; nothing is simulated here. Texts from scenarios
/// (names, descriptions) are plain strings; the page writers escape them.
public struct ComparisonReport: Sendable {
    public let input: ReportInput
    public let language: Language

    public init(input: ReportInput, language: Language) {
        self.input = input
        self.language = language
    }

    var l: Localization { Localization(language) }
    var names: ReportNames { ReportNames(l) }
    var analysis: ComparisonAnalysis { ComparisonAnalysis(input) }
    /// Display names of the runs, baseline first.
    var scenarioNames: [String] { names.scenarios(input.runs) }

    public func document() -> ReportDocument {
        let a = analysis
        var doc = ReportDocument(language: language, title: input.title ?? l[.reportTitle], subtitle: subtitle(),
                                 generated: input.generated, programVersion: input.programVersion)
        if let note = input.note, !note.isEmpty { doc.footnotes.append(l.format(.reportNote, ["note": note])) }
        doc.sections.append(headlineSection(a))
        doc.sections.append(differencesSection(a))
        doc.sections.append(contentsOf: chartSections(a))
        doc.sections.append(methodSection(a))
        return doc
    }

    func subtitle() -> String {
        let runs = input.runs
        let days = unique(runs.map { names.days($0.record.dayRange) }).joined(separator: " / ")
        let reps = unique(runs.map { String($0.values.replications.count) }).joined(separator: "/")
        return l.format(.reportSubtitle, ["baseline": scenarioNames[0], "count": String(runs.count - 1), "days": days,
                                          "replications": reps])
    }

    // MARK: Headline

    /// "Mean wait (min)", "Staff hours freed (h/year)".
    func header(_ indicator: Indicator, basis: AnnualBasis) -> String {
        l.axisTitle(l.capitalized(l[indicator.label]), unit: l[indicator.unit(basis)])
    }

    /// The headline tables: waiting and service, then staff and citizens' time.
    public func headlineTables() -> [ReportTable] {
        let a = analysis
        return [headlineTable(a, Indicator.service, caption: l[.tableService], note: nil),
                headlineTable(a, Indicator.resources, caption: l[.tableResources], note: resourcesNote(a.basis))]
    }

    func headlineTable(_ a: ComparisonAnalysis, _ indicators: [Indicator], caption: String, note: String?) -> ReportTable {
        var table = ReportTable(
            caption: caption,
            columns: [.init(l[.scenario])] + indicators.map { .init(header($0, basis: a.basis), numeric: true) },
            rows: [], note: note)
        for (i, name) in scenarioNames.enumerated() {
            var row: [ReportTable.Cell] = [.text(name)]
            for indicator in indicators {
                if let e = a.estimate(indicator, run: i) {
                    row.append(.estimate(e, decimals: indicator.decimals, scale: indicator.displayScale))
                } else {
                    row.append(.text("—"))
                }
            }
            table.rows.append(row)
        }
        return table
    }

    func resourcesNote(_ basis: AnnualBasis) -> String {
        var parts = [l[.noteVisitsAvoided], l[.noteCitizenHours], l[.noteStaffHoursFreed]]
        switch basis {
        case .ordinaryDayTimesWorkingDays:
            parts.append(l.format(.noteBasisOrdinary, ["days": NumberFormat.fixed(input.workingDaysPerYear, decimals: 0)]))
        case .fiscalYear: parts.append(l[.noteBasisYear])
        case .perDay:
            let days = unique(input.runs.map { names.days($0.record.dayRange) }).joined(separator: " / ")
            parts.append(l.format(.noteBasisPerDay, ["days": days]))
        }
        return parts.joined(separator: language == .ja ? "" : " ")
    }

    func headlineSection(_ a: ComparisonAnalysis) -> ReportSection {
        let days = unique(input.runs.map { names.days($0.record.dayRange) }).joined(separator: " / ")
        let tables = headlineTables()
        return ReportSection(title: l[.sectionHeadline], blocks: [
            .paragraph(l.format(.headlineIntro, ["days": days, "level": l.level(a.level), "baseline": scenarioNames[0]])),
        ] + tables.map { .table($0) })
    }

    // MARK: Differences

    /// One table per scenario other than the baseline.
    public func differenceTables() -> [ReportTable] {
        let a = analysis
        return (1..<max(1, input.runs.count)).map { differenceTable(a, run: $0) }
    }

    func differenceTable(_ a: ComparisonAnalysis, run index: Int) -> ReportTable {
        let names = scenarioNames
        var table = ReportTable(
            caption: l.format(.tableDifference, ["scenario": names[index], "baseline": names[0]]),
            columns: [.init(l[.indicator]), .init(names[0], numeric: true), .init(names[index], numeric: true),
                      .init(l[.difference], numeric: true), .init(l[.assessment])],
            rows: [])
        var paired = true, count = Int.max
        for indicator in Indicator.differences {
            let scale = indicator.displayScale
            let base = a.estimate(indicator, run: 0)!, other = a.estimate(indicator, run: index)!
            let d = a.difference(indicator, run: index)
            paired = paired && d.paired
            count = min(count, d.count)
            let assessment: String
            switch a.assessment(indicator, d.estimate) {
            case .better: assessment = l[.assessBetter]
            case .worse: assessment = l[.assessWorse]
            case .undetermined: assessment = l[.noDetectableDifference]
            }
            let label = l.axisTitle(l.capitalized(l[indicator.label]), unit: l[indicator.unit(a.basis)])
            table.rows.append([
                .text(label),
                .estimate(base, decimals: indicator.decimals, scale: scale),
                .estimate(other, decimals: indicator.decimals, scale: scale),
                .estimate(d.estimate, decimals: indicator.decimals, scale: scale),
                .text(assessment),
            ])
        }
        table.note = pairingNote(paired: paired, count: count, index: index)
        return table
    }

    func pairingNote(paired: Bool, count: Int, index: Int) -> String {
        guard paired else { return l[.noteUnpaired] }
        var note = l.format(.notePaired, ["count": String(count)])
        let base = input.runs[0].values.replications.count, other = input.runs[index].values.replications.count
        if count < max(base, other) { note += (language == .ja ? "" : " ") + l.format(.noteFewerPairs, ["count": String(count)]) }
        return note
    }

    /// The verdict sentence for one indicator of run `index`, e.g. "mean
    /// wait falls by 12.3 min (95 % CI 10.1–14.5)".
    func verdict(_ a: ComparisonAnalysis, _ indicator: Indicator, run index: Int) -> String {
        let d = a.difference(indicator, run: index).estimate.scaled(by: indicator.displayScale)
        return l.verdict(l[indicator.label], difference: d, unit: l[indicator.differenceUnit(a.basis)],
                         decimals: indicator.decimals, isDuration: indicator.kind == .duration)
    }

    func differencesSection(_ a: ComparisonAnalysis) -> ReportSection {
        guard input.runs.count > 1 else {
            return ReportSection(title: l[.sectionDifferences], blocks: [.paragraph(l[.differencesNone])])
        }
        var bullets: [String] = []
        for i in 1..<input.runs.count {
            let sentences = [Indicator.meanWait, Indicator.p90Wait, Indicator.staffHours].map { verdict(a, $0, run: i) }
            bullets.append(l.labelled(scenarioNames[i], sentences.joined(separator: language == .ja ? "、" : "; ")))
        }
        var blocks: [ReportBlock] = [.paragraph(l.format(.differencesIntro, ["level": l.level(a.level)])), .bullets(bullets)]
        blocks += differenceTables().map { .table($0) }
        return ReportSection(title: l[.sectionDifferences], blocks: blocks)
    }

    // MARK: CSV

    /// Every table of the report (headline, then differences, then the
    /// runs), as one CSV text: each table preceded by its caption on a line
    /// of its own and followed by an empty line.
    public func csv(byteOrderMark: Bool = false) -> String {
        var out = byteOrderMark ? CSVWriter.byteOrderMark : ""
        let a = analysis
        for table in headlineTables() + differenceTables() + [runsTable(a)] {
            out += CSVWriter.record([table.caption])
            out += CSVWriter.render(table, localization: l)
            out += "\r\n"
        }
        return out
    }
}

/// The distinct elements of `xs` in first-seen order.
func unique(_ xs: [String]) -> [String] {
    var seen = Set<String>()
    return xs.filter { seen.insert($0).inserted }
}
