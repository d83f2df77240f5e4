/// "How this was computed": the runs (scenario, hash, seed, replications,
/// days, program version), the statistics, and the assumptions that matter
/// with the parameter ids the scenario files cite.
extension ComparisonReport {
    func runsTable(_ a: ComparisonAnalysis) -> ReportTable {
        var table = ReportTable(
            caption: l[.methodRunsTable],
            columns: [.init(l[.scenario]), .init(l[.runColumn], numeric: true, keepTogether: true), .init(l[.scenarioHash]),
                      .init(l[.seed], numeric: true, keepTogether: true), .init(l[.replications], numeric: true, keepTogether: true),
                      .init(l[.daysSimulated]), .init(l[.programVersion])],
            rows: [])
        for (name, run) in zip(scenarioNames, input.runs) {
            let r = run.record
            let shown = name == r.scenarioName ? name : name + " (" + r.scenarioName + ")"
            table.rows.append([.text(shown), .text(r.id.map(\.description) ?? ""), .text(r.scenarioHash),
                               .text(String(r.seed)), .text(String(run.values.replications.count)),
                               .text(names.days(r.dayRange)), .text(r.programVersion)])
        }
        return table
    }

    func assumptionsTable() -> ReportTable {
        var table = ReportTable(
            caption: l[.methodAssumptions],
            columns: [.init(l[.scenario]), .init(l[.visitsPlanned], numeric: true), .init(l[.counters], numeric: true),
                      .init(l[.counterStaff], numeric: true), .init(l[.backofficeStaff], numeric: true),
                      .init(l[.lobbySeatsColumn], numeric: true), .init(l[.reforms])],
            rows: [])
        for (name, run) in zip(scenarioNames, input.runs) {
            let f = run.facts
            func count(_ x: Int?) -> ReportTable.Cell { x.map { .number(Double($0), decimals: 0) } ?? .empty }
            let sections = f.sections
            var reforms = f.interventions.map { key -> String in
                let shown = names.intervention(key)
                if key == "backoffice_centre", let staff = f.centreStaff {
                    return l.format(.centreStaff, ["name": shown, "count": String(staff)])
                }
                return shown
            }
            if reforms.isEmpty { reforms = [l[.noReforms]] }
            table.rows.append([
                .text(name), f.visitsPerDay.map { .number($0, decimals: 0) } ?? .empty,
                count(sections.isEmpty ? nil : sections.reduce(0) { $0 + $1.counters }),
                count(sections.isEmpty ? nil : sections.reduce(0) { $0 + $1.counterStaff }),
                count(sections.isEmpty ? nil : sections.reduce(0) { $0 + $1.backofficeStaff }),
                count(f.lobbySeats),
                .text(reforms.joined(separator: language == .ja ? "、" : ", ")),
            ])
        }
        return table
    }

    func methodSection(_ a: ComparisonAnalysis) -> ReportSection {
        var blocks: [ReportBlock] = [.table(runsTable(a))]
        blocks.append(.paragraph(l.format(.methodStatistics, ["level": l.level(a.level)])))
        blocks.append(.paragraph(l[.methodQuantiles] + (language == .ja ? "" : " ") + l[.methodClamped]))
        blocks.append(.paragraph(resourcesNote(a.basis)))
        blocks.append(.table(assumptionsTable()))
        blocks.append(.paragraph(l[.methodDescriptions]))
        var descriptions: [String] = []
        var seen = Set<String>()
        for (name, run) in zip(scenarioNames, input.runs) where seen.insert(run.record.scenarioHash).inserted {
            let f = run.facts
            let sources = f.sources.isEmpty ? l[.noSourcesCited] : l.format(.sourcesCited, ["ids": f.sources.joined(separator: ", ")])
            let text = f.description.split(whereSeparator: \.isNewline).joined(separator: " ")
            descriptions.append(l.labelled(name, text.isEmpty ? sources : text + " — " + sources))
        }
        blocks.append(.bullets(descriptions))
        blocks.append(.paragraph(l[.methodReproduce]))
        return ReportSection(title: l[.sectionMethod], blocks: blocks)
    }
}
