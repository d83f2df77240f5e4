/// The charts of a comparison report, each drawn from stored KPIs.
extension ComparisonReport {
    func chartSections(_ a: ComparisonAnalysis) -> [ReportSection] {
        var sections: [ReportSection] = [waitingSection(a)]
        if let queue = queueSection(a) { sections.append(queue) }
        if let utilisation = utilisationSection(a) { sections.append(utilisation) }
        sections.append(channelSection(a))
        return sections
    }

    /// The most series a line chart draws confidence bands for.
    static let maximumBands = 3

    var whiskerLegend: String { l.format(.whiskerLegend, ["level": l.level(0.95)]) }
    var bandLegend: String { l.format(.bandLegend, ["level": l.level(0.95)]) }

    /// A bar series from estimates (NaN where there is none).
    func barSeries(_ name: String, _ estimates: [Estimate]) -> BarChart.Series {
        BarChart.Series(name: name, values: estimates.map(\.mean), low: estimates.map(\.low), high: estimates.map(\.high))
    }

    // MARK: Waiting times

    /// Only daily summaries of the waits are stored (mean, median, 90th and
    /// 95th percentile, shares within 15/30/60 min), not every wait: so the
    /// distribution is shown as those quantiles and as the three points of
    /// its CDF, not as a full curve that would have to be invented.
    func waitingSection(_ a: ComparisonAnalysis) -> ReportSection {
        let stats: [(kpi: String, label: String)] = [
            ("wait_mean", l[.mean]), ("wait_median", l[.statMedian]), ("wait_p90", l[.statP90]), ("wait_p95", l[.statP95]),
        ]
        let quantiles = BarChart(
            title: l[.chartQuantiles], yAxisTitle: l.axisTitle(.waitingTime, unit: .unitMinutes),
            categories: stats.map(\.label),
            series: zip(scenarioNames, input.runs).map { name, run in
                barSeries(name, stats.map { run.values.estimate(.city($0.kpi)).clamped(to: 0...Double.greatestFiniteMagnitude) })
            },
            showValues: input.runs.count <= 3, valueDecimals: 1, whiskerLabel: whiskerLegend)
        let targets = [15, 30, 60]
        let within = BarChart(
            title: l[.chartWithin], yAxisTitle: l[.shareOfCitizens],
            categories: targets.map { l.format(.withinMinutes, ["minutes": String($0)]) },
            series: zip(scenarioNames, input.runs).map { name, run in
                barSeries(name, targets.map { run.values.estimate(.city("served_within_\($0)")).clamped(to: 0...1) })
            },
            yScale: .percent, showValues: false, whiskerLabel: whiskerLegend)
        return ReportSection(title: l[.sectionWaiting], blocks: [
            .figure(Figure(caption: l.format(.captionQuantiles, ["level": l.level(0.95)]), chart: quantiles,
                           fileName: "wait-quantiles")),
            .figure(Figure(caption: l.format(.captionWithin, ["level": l.level(0.95)]), chart: within,
                           fileName: "wait-within-targets")),
        ])
    }

    // MARK: Time of day

    /// Queue length (all sections) and lobby occupancy (all offices) per
    /// clock hour, plotted at the middle of the hour.
    func queueSection(_ a: ComparisonAnalysis) -> ReportSection? {
        var blocks: [ReportBlock] = []
        let queueHours = a.hours(prefix: "queue_length")
        if !queueHours.isEmpty {
            // More than three overlapping bands read as one grey smudge: then
            // the lines go without, and the caption says so.
            let bands = input.runs.count <= Self.maximumBands
            let series = zip(scenarioNames, input.runs).map { name, run in
                LineChart.Series(name: name, points: a.hourlyTotal(run, scope: "section", prefix: "queue_length", hours: queueHours).map {
                    let e = $0.estimate.clamped(to: 0...Double.greatestFiniteMagnitude)
                    return LineChart.Point(x: Double($0.hour) + 0.5, y: e.mean, low: bands ? e.low : nil, high: bands ? e.high : nil)
                })
            }
            let chart = LineChart.timeOfDay(
                title: l[.queueLength], xAxisTitle: l[.timeOfDay], yAxisTitle: l.axisTitle(.queueLength, unit: .unitPeople),
                series: series, bandLabel: bands ? bandLegend : nil)
            let caption = bands ? l.format(.captionQueueHourly, ["level": l.level(0.95)]) : l[.captionQueueHourlyNoBands]
            blocks.append(.figure(Figure(caption: caption, chart: chart, fileName: "queue-by-hour")))
        }
        let lobbyHours = a.hours(prefix: "lobby_occupancy")
        if !lobbyHours.isEmpty {
            let series = zip(scenarioNames, input.runs).map { name, run in
                LineChart.Series(name: name, points: a.hourlyTotal(run, scope: "office", prefix: "lobby_occupancy", hours: lobbyHours).map {
                    LineChart.Point(x: Double($0.hour) + 0.5, y: $0.estimate.mean)
                })
            }
            // One seat line per distinct seat count (the scenarios usually share the lobby).
            let seats = unique(input.runs.compactMap { $0.facts.lobbySeats.map(String.init) }).compactMap(Double.init)
            let chart = LineChart.timeOfDay(
                title: l[.lobbyOccupancy], xAxisTitle: l[.timeOfDay], yAxisTitle: l.axisTitle(.lobbyOccupancy, unit: .unitPeople),
                series: series,
                referenceLines: seats.map { ReferenceLine(value: $0, label: l.format(.lobbySeats, ["value": NumberFormat.fixed($0, decimals: 0)])) })
            blocks.append(.figure(Figure(caption: l[.captionLobbyHourly], chart: chart, fileName: "lobby-by-hour")))
        }
        return blocks.isEmpty ? nil : ReportSection(title: l[.sectionQueue], blocks: blocks)
    }

    // MARK: Utilisation

    /// One heat map per scenario: sections × clock hours.
    func utilisationSection(_ a: ComparisonAnalysis) -> ReportSection? {
        let hours = a.hours(prefix: "utilisation")
        guard !hours.isEmpty else { return nil }
        var blocks: [ReportBlock] = []
        for (i, run) in input.runs.enumerated() {
            let sections = a.utilisationSections(run)
            guard !sections.isEmpty else { continue }
            let multiOffice = Set(sections.map { $0.split(separator: "/", maxSplits: 1).first.map(String.init) ?? "" }).count > 1
            let rows = sections.map { scope -> String in
                let parts = scope.split(separator: "/", maxSplits: 1).map(String.init)
                let id = parts.count > 1 ? parts[1] : scope
                let name = names.section(id: id, scenarioName: run.facts.sections.first { $0.scope == scope }?.name)
                return multiOffice && parts.count > 1 ? parts[0] + " " + name : name
            }
            let values = sections.map { s in hours.map { a.utilisation(run, section: s, hour: $0) } }
            let chart = HeatMap(
                title: l.format(.utilisationTitle, ["scenario": scenarioNames[i]]), rows: rows,
                columns: hours.map { NumberFormat.clock(hours: Double($0)) }, values: values,
                legendTitle: l.axisTitle(.staffUtilisation, unit: .unitPercent), columnAxisTitle: l[.hourStarting],
                missingLabel: l[.noValue])
            blocks.append(.figure(Figure(caption: l.format(.captionUtilisationScenario, ["scenario": scenarioNames[i]]),
                                         chart: chart, fileName: "utilisation-\(i + 1)")))
        }
        return blocks.isEmpty ? nil : ReportSection(title: l[.sectionUtilisation], blocks: blocks)
    }

    // MARK: Channels

    func channelSection(_ a: ComparisonAnalysis) -> ReportSection {
        // Channels no scenario uses are left out (an empty group says nothing).
        let channels = ReportNames.channels.filter { ch in input.runs.contains { a.requests($0, channel: ch.kpi).mean > 0 } }
        let chart = BarChart(
            title: l[.chartChannels], yAxisTitle: l.axisTitle(l[.requestsPerDay], unit: l[.unitRequests]),
            categories: channels.map { l[$0.key] },
            series: zip(scenarioNames, input.runs).map { name, run in barSeries(name, channels.map { a.requests(run, channel: $0.kpi) }) },
            showValues: input.runs.count <= 3, whiskerLabel: whiskerLegend)
        return ReportSection(title: l[.sectionChannels], blocks: [
            .figure(Figure(caption: l.format(.captionChannels, ["level": l.level(0.95)]), chart: chart, fileName: "requests-by-channel")),
        ])
    }
}
