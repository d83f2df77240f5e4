/// The languages a report can be written in.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case ja
    case en

    /// The value of the HTML `lang` attribute.
    public var htmlCode: String { rawValue }
}

/// Every label a report shows, by meaning. The texts live in
/// `Localization.catalogue`; a test checks that every key has both.
///
/// Keys whose text contains `{name}` placeholders are templates, filled by
/// `Localization.format(_:_:)`.
public enum MessageKey: String, Sendable, CaseIterable, Hashable {
    // Page furniture
    case generatedOn, programVersion, contents, figure, table, notes

    // Table columns
    case scenario, indicator, mean, confidenceInterval, difference, assessment, replications, baseline

    // Indicators (lower case in English: they also sit inside sentences)
    case meanWait, p90Wait, servedWithin30, timeInOffice, abandonment, overtime

    // Axis and legend labels
    case waitingTime, queueLength, lobbyOccupancy, staffUtilisation, timeOfDay, hourStarting
    case shareOfCitizens, visitsPerDay, section, lobbySeats, noValue, bandLegend, whiskerLegend
    case axisWithUnit, valueWithUnit, csvLow, csvHigh

    // Units
    case unitMinutes, unitHours, unitPeople, unitPercent, unitPoints, unitVisits, unitCounters

    // Verdicts on a paired difference
    case verdictShorter, verdictLonger, verdictFalls, verdictRises, noDetectableDifference, verdictNoDifference
    case ciLevel, rangeSeparator, rangeSeparatorSigned, ciRange, labelled

    // Channels
    case channelWalkIn, channelBooked, channelOnline, channelConvenienceStore, channelAIAssistant

    // The demo page (synthetic data)
    case demoTitle, demoSubtitle, demoIntro, demoCIFootnote, demoSyntheticFootnote
    case demoSectionHeadline, demoSectionDifferences, demoSectionWaiting, demoSectionQueue
    case demoSectionUtilisation, demoSectionChannels, demoSectionSweep
    case demoCaptionWaiting, demoCaptionQueue, demoCaptionLobby, demoCaptionUtilisation
    case demoCaptionChannels, demoCaptionSweep, demoTableHeadline, demoTableDifferences
    case demoScenarioBaseline, demoScenarioNoWriting, demoScenarioReservations
    case demoSectionCitizenRecords, demoSectionInsurance, demoSectionChildren, demoSectionTax
    case demoParameterCounters

    // Comparison and sweep reports
    case reportTitle, reportSubtitle, sweepTitle, sweepSubtitle
    case sectionHeadline, sectionDifferences, sectionWaiting, sectionQueue, sectionUtilisation, sectionChannels
    case sectionMethod, sectionSweep, sectionSweepTable
    case headlineIntro, tableService, tableResources
    case noteVisitsAvoided, noteCitizenHours, noteStaffHoursFreed, noteBasisOrdinary, noteBasisYear, noteBasisPerDay
    case servedWithin15, servedWithin60, visitsAvoided, citizenHoursSaved, staffHoursFreed, staffHours
    case unitHoursPerYear, unitHoursPerDay, unitVisitsPerDay, unitRequests
    case assessBetter, assessWorse, tableDifference, notePaired, noteUnpaired, noteFewerPairs, differencesIntro
    case differencesNone, reportNote
    case chartQuantiles, statMedian, statP90, statP95, captionQuantiles
    case chartWithin, withinMinutes, captionWithin
    case captionQueueHourly, captionQueueHourlyNoBands, methodClamped, captionLobbyHourly, captionUtilisationScenario, utilisationTitle
    case chartChannels, captionChannels, requestsPerDay, channelAIResolved, channelAIHandedOn
    case dayOrdinary, dayMonday, dayAfterHoliday, dayPeak, dayYear
    case methodRunsTable, runColumn, scenarioHash, seed, daysSimulated, methodStatistics, methodQuantiles
    case methodAssumptions, visitsPlanned, counters, counterStaff, backofficeStaff, lobbySeatsColumn, reforms, noReforms
    case centreStaff, methodDescriptions, sourcesCited, noSourcesCited, methodReproduce, runNumber
    case interventionReservations, interventionNoWriting, interventionAIAssistant, interventionConvenienceStore
    case interventionBackofficeCentre, interventionSmartphoneHelpers
    case scenarioBaseline, scenarioReservations, scenarioNoWriting, scenarioAIConsultation, scenarioConvenienceStore
    case scenarioOnlineBackoffice, scenarioSmartWardOffice, scenarioBaselinePeak, scenarioSmartWardOfficePeak, scenarioCity
    case sectionCitizen, sectionInsurance, sectionChildren
    case sweepIntro, sweepPoint, sweepCaptionLine, sweepCaptionHeat, sweepCaptionBars, sweepMissing, sweepTableCaption
    case sweepNoChart, sweepCaptionWithin, sweepNoPoint
}

/// Labels, units and verdict phrases in one language.
///
/// ```swift
/// let ja = Localization(.ja)
/// ja[.meanWait]                                  // "平均待ち時間"
/// ja.axisTitle(.waitingTime, unit: .unitMinutes) // "待ち時間（分）"
/// let d = Estimate(mean: -12.3, low: -14.5, high: -10.1)
/// ja.verdict(.meanWait, difference: d, unit: .unitMinutes, decimals: 1, isDuration: true)
/// // "平均待ち時間は 12.3 分短縮（95%信頼区間 10.1〜14.5）"
/// Localization(.en).verdict(.meanWait, difference: d, unit: .unitMinutes, decimals: 1, isDuration: true)
/// // "mean wait falls by 12.3 min (95 % CI 10.1–14.5)"
/// ```
public struct Localization: Sendable {
    public var language: Language

    public init(_ language: Language) { self.language = language }

    /// The text for `key`. A key missing from the catalogue shows as
    /// `⟦key⟧` so it is noticed (the tests forbid it).
    public subscript(_ key: MessageKey) -> String {
        Self.catalogue[language]?[key] ?? "⟦\(key.rawValue)⟧"
    }

    /// Fills `{name}` placeholders of a template key.
    public func format(_ key: MessageKey, _ values: [String: String]) -> String {
        Self.fill(self[key], values)
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// "Waiting time (min)" / "待ち時間（分）".
    public func axisTitle(_ label: MessageKey, unit: MessageKey) -> String {
        axisTitle(self[label], unit: self[unit])
    }

    public func axisTitle(_ label: String, unit: String) -> String {
        format(.axisWithUnit, ["label": label, "unit": unit])
    }

    /// "12.3 min" / "12.3分".
    public func value(_ x: Double, decimals: Int, unit: MessageKey) -> String {
        format(.valueWithUnit, ["value": NumberFormat.display(x, decimals: decimals), "unit": self[unit]])
    }

    /// "Baseline: …" / "現状：…", a label before a text.
    public func labelled(_ label: String, _ text: String) -> String {
        format(.labelled, ["label": label, "text": text])
    }

    /// "95 %" / "95%".
    public func level(_ level: Double) -> String {
        format(.ciLevel, ["percent": NumberFormat.fixed(level * 100, decimals: level * 100 == (level * 100).rounded() ? 0 : 1)])
    }

    /// "10.1–14.5" / "10.1〜14.5"; with a negative end, "−3.2 to 0.4" in
    /// English (a dash after a minus sign misleads) and "−3.2〜0.4" in Japanese.
    public func range(_ low: Double, _ high: Double, decimals: Int) -> String {
        let signed = NumberFormat.fixed(low, decimals: decimals).hasPrefix("-") || NumberFormat.fixed(high, decimals: decimals).hasPrefix("-")
        return NumberFormat.display(low, decimals: decimals) + self[signed ? .rangeSeparatorSigned : .rangeSeparator]
            + NumberFormat.display(high, decimals: decimals)
    }

    /// "95 % CI 10.1–14.5" / "95%信頼区間 10.1〜14.5".
    public func interval(_ e: Estimate, decimals: Int) -> String {
        format(.ciRange, ["level": level(e.level), "range": range(e.low, e.high, decimals: decimals)])
    }

    /// The column header for an interval, "95 % CI" / "95%信頼区間".
    public func intervalHeader(level l: Double = 0.95) -> String {
        format(.confidenceInterval, ["level": level(l)])
    }

    /// A sentence-initial form: the first letter upper-cased in English,
    /// unchanged in Japanese (which has no case).
    public func capitalized(_ text: String) -> String {
        guard language == .en, let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// The verdict on a paired difference (scenario − baseline):
    /// "mean wait falls by 12.3 min (95 % CI 10.1–14.5)", or
    /// "no detectable difference" when the interval contains zero.
    ///
    /// - Parameter isDuration: Japanese says 短縮/延長 for times and 減少/増加 otherwise.
    public func verdict(_ metric: MessageKey, difference d: Estimate, unit: MessageKey, decimals: Int,
                        isDuration: Bool = false) -> String {
        verdict(self[metric], difference: d, unit: self[unit], decimals: decimals, isDuration: isDuration)
    }

    public func verdict(_ metric: String, difference d: Estimate, unit: String, decimals: Int,
                        isDuration: Bool = false) -> String {
        let lvl = level(d.level)
        switch d.direction {
        case .lower:
            return format(isDuration ? .verdictShorter : .verdictFalls, [
                "metric": metric, "value": NumberFormat.display(-d.mean, decimals: decimals), "unit": unit,
                "level": lvl, "range": range(-d.high, -d.low, decimals: decimals),
            ])
        case .higher:
            return format(isDuration ? .verdictLonger : .verdictRises, [
                "metric": metric, "value": NumberFormat.display(d.mean, decimals: decimals), "unit": unit,
                "level": lvl, "range": range(d.low, d.high, decimals: decimals),
            ])
        case .undetermined:
            return format(.verdictNoDifference, [
                "metric": metric, "verdict": self[.noDetectableDifference], "level": lvl,
                "range": range(d.low, d.high, decimals: decimals),
            ])
        }
    }
}

extension Localization {
    /// The message catalogue: one dictionary per language, so a missing
    /// translation is a missing entry a test can find.
    static let catalogue: [Language: [MessageKey: String]] = [.en: english, .ja: japanese]

    static let english: [MessageKey: String] = [
        .generatedOn: "Generated",
        .programVersion: "Program version",
        .contents: "Contents",
        .figure: "Figure {n}",
        .table: "Table {n}",
        .notes: "Notes",

        .scenario: "Scenario",
        .indicator: "Indicator",
        .mean: "Mean",
        .confidenceInterval: "{level} CI",
        .difference: "Difference vs baseline",
        .assessment: "Assessment",
        .replications: "Replications",
        .baseline: "Baseline",

        .meanWait: "mean wait",
        .p90Wait: "90th-percentile wait",
        .servedWithin30: "share waiting 30 min or less",
        .timeInOffice: "time in office",
        .abandonment: "share leaving unserved",
        .overtime: "staff overtime",

        .waitingTime: "Waiting time",
        .queueLength: "Queue length",
        .lobbyOccupancy: "Lobby occupancy",
        .staffUtilisation: "Staff utilisation",
        .timeOfDay: "Time of day",
        .hourStarting: "Hour starting",
        .shareOfCitizens: "Share of citizens (%)",
        .visitsPerDay: "Visits per day",
        .section: "Section",
        .lobbySeats: "Lobby seats ({value})",
        .noValue: "closed / no staff",
        .bandLegend: "Shaded: {level} CI",
        .whiskerLegend: "Whiskers: {level} CI",
        .axisWithUnit: "{label} ({unit})",
        .valueWithUnit: "{value} {unit}",
        .csvLow: "{column} low",
        .csvHigh: "{column} high",

        .unitMinutes: "min",
        .unitHours: "h",
        .unitPeople: "people",
        .unitPercent: "%",
        .unitPoints: "percentage points",
        .unitVisits: "visits",
        .unitCounters: "counters",

        .verdictShorter: "{metric} falls by {value} {unit} ({level} CI {range})",
        .verdictLonger: "{metric} rises by {value} {unit} ({level} CI {range})",
        .verdictFalls: "{metric} falls by {value} {unit} ({level} CI {range})",
        .verdictRises: "{metric} rises by {value} {unit} ({level} CI {range})",
        .noDetectableDifference: "no detectable difference",
        .verdictNoDifference: "{verdict} in {metric} ({level} CI {range})",
        .ciLevel: "{percent} %",
        .rangeSeparator: "–",
        .rangeSeparatorSigned: " to ",
        .labelled: "{label}: {text}",
        .ciRange: "{level} CI {range}",

        .channelWalkIn: "Walk-in",
        .channelBooked: "Booked slot",
        .channelOnline: "Online application",
        .channelConvenienceStore: "Convenience store",
        .channelAIAssistant: "AI assistant",

        .demoTitle: "Report layout demo",
        .demoSubtitle: "Every chart type on synthetic data",
        .demoIntro: "This page shows how wardsim reports look. All numbers are synthetic: they come from a random generator, not from a simulation of any ward office.",
        .demoCIFootnote: "Intervals are Student-t intervals over {n} replications; differences against the baseline are paired (common random numbers).",
        .demoSyntheticFootnote: "Synthetic data for layout checks only.",
        .demoSectionHeadline: "Headline results",
        .demoSectionDifferences: "Differences against the baseline",
        .demoSectionWaiting: "Waiting-time distribution",
        .demoSectionQueue: "Queue length and lobby occupancy by time of day",
        .demoSectionUtilisation: "Staff utilisation by section and hour",
        .demoSectionChannels: "Visits by channel",
        .demoSectionSweep: "Mean wait versus number of counters",
        .demoCaptionWaiting: "Share of citizens who waited at most a given time, per scenario. Markers: median and 90th percentile.",
        .demoCaptionQueue: "Mean number of citizens waiting, by time of day (band: 95 % confidence interval).",
        .demoCaptionLobby: "Mean number of people in the lobby, by time of day, against the seats available.",
        .demoCaptionUtilisation: "Share of staffed time spent serving, by section and hour (baseline).",
        .demoCaptionChannels: "Mean visits per day by channel (whiskers: 95 % confidence interval).",
        .demoCaptionSweep: "Mean wait for each number of open counters at the citizen records section.",
        .demoTableHeadline: "Headline indicators per scenario",
        .demoTableDifferences: "Paired differences against the baseline",
        .demoScenarioBaseline: "Baseline",
        .demoScenarioNoWriting: "No-writing counter",
        .demoScenarioReservations: "Reservations",
        .demoSectionCitizenRecords: "Citizen records",
        .demoSectionInsurance: "Insurance and pension",
        .demoSectionChildren: "Children and welfare",
        .demoSectionTax: "Tax",
        .demoParameterCounters: "Counters open",
        .reportTitle: "Scenario comparison",
        .reportSubtitle: "{baseline} and {count} other scenarios · {days} · {replications} replications",
        .sweepTitle: "Parameter sweep: {scenario}",
        .sweepSubtitle: "{count} points · {days} · {replications} replications per point",
        .sectionHeadline: "Headline results",
        .sectionDifferences: "Differences against the baseline",
        .sectionWaiting: "Waiting times",
        .sectionQueue: "Queue and lobby by time of day",
        .sectionUtilisation: "Staff utilisation by section and hour",
        .sectionChannels: "Requests by channel",
        .sectionMethod: "How this was computed",
        .sectionSweep: "Results across the sweep",
        .sectionSweepTable: "Results per point",
        .headlineIntro: "Each figure is the mean over the replications of a simulated {days}, with its {level} confidence interval as a range (low–high). The other scenarios are compared with {baseline}.",
        .tableService: "Waiting and service per scenario",
        .tableResources: "Staff and citizens' time per scenario",
        .noteVisitsAvoided: "Visits avoided: requests settled without coming to the office (convenience store, online, AI assistant), per day.",
        .noteCitizenHours: "Citizen hours saved: the travel, waiting and service time those avoided visits would have taken.",
        .noteStaffHoursFreed: "Staff hours freed: the baseline's staff working hours (counters, back office and back-office centre) minus the scenario's.",
        .noteBasisOrdinary: "Per year: one ordinary day × {days} working days (the scenario's fiscal year), a rough figure that treats every working day as ordinary.",
        .noteBasisYear: "Per year: the simulated fiscal year as it is.",
        .noteBasisPerDay: "These runs simulate a single {days}, which does not stand for a whole year, so all figures are per day.",
        .servedWithin15: "share waiting 15 min or less",
        .servedWithin60: "share waiting 60 min or less",
        .visitsAvoided: "visits avoided",
        .citizenHoursSaved: "citizen hours saved",
        .staffHoursFreed: "staff hours freed",
        .staffHours: "staff work time",
        .unitHoursPerYear: "h/year",
        .unitHoursPerDay: "h/day",
        .unitVisitsPerDay: "visits/day",
        .unitRequests: "requests",
        .assessBetter: "better",
        .assessWorse: "worse",
        .tableDifference: "{scenario} against {baseline}",
        .notePaired: "Paired differences over {count} replications: replication i of both runs used the same random numbers (common random numbers).",
        .noteUnpaired: "These runs do not share random numbers (different seed or simulated days), so the differences are unpaired (Welch intervals) and less precise.",
        .noteFewerPairs: "Only the {count} replications both runs have are paired.",
        .differencesIntro: "A difference is called detectable when its {level} confidence interval excludes zero; \"better\" and \"worse\" say which way is good for citizens or staff.",
        .differencesNone: "There is only one scenario: nothing to compare with.",
        .reportNote: "Note stored with the comparison: {note}",
        .chartQuantiles: "Waiting time: mean and percentiles",
        .statMedian: "Median",
        .statP90: "90th percentile",
        .statP95: "95th percentile",
        .captionQuantiles: "Mean, median, 90th and 95th percentile of the wait per scenario. Each bar is the mean over replications of one simulated day's figure (whiskers: {level} CI). The run store keeps these summaries rather than every citizen's wait, so the full distribution curve is not drawn.",
        .chartWithin: "Share of citizens waiting at most 15, 30 and 60 min",
        .withinMinutes: "≤ {minutes} min",
        .captionWithin: "Share of the citizens served whose wait was at most 15, 30 and 60 minutes: three points of the waiting-time distribution (whiskers: {level} CI).",
        .captionQueueHourly: "Mean number of citizens waiting for a counter (all sections together) in each clock hour; band: {level} CI.",
        .captionQueueHourlyNoBands: "Mean number of citizens waiting for a counter (all sections together) in each clock hour. With this many scenarios the confidence bands would hide each other, so they are left out; the differences section gives the intervals of the waits.",
        .methodClamped: "An interval that would reach past what a quantity can take (a share above 100 %, a negative wait) is cut at that bound.",
        .captionLobbyHourly: "Mean number of people in the lobby in each clock hour, against the lobby's seats.",
        .captionUtilisationScenario: "{scenario}: share of the staffed time spent serving, by section and clock hour (mean over replications). Crossed cells: no staff on duty.",
        .utilisationTitle: "Staff utilisation: {scenario}",
        .chartChannels: "Requests by channel",
        .captionChannels: "Procedures requested per day by the channel used (one visit may bring several); whiskers: {level} CI.",
        .requestsPerDay: "Requests per day",
        .channelAIResolved: "Settled by AI assistant",
        .channelAIHandedOn: "Visit after AI assistant",
        .dayOrdinary: "ordinary day",
        .dayMonday: "Monday",
        .dayAfterHoliday: "day after a long weekend",
        .dayPeak: "peak-season day",
        .dayYear: "fiscal year",
        .methodRunsTable: "Runs in this report",
        .runColumn: "Run",
        .scenarioHash: "Scenario hash",
        .seed: "Seed",
        .daysSimulated: "Days simulated",
        .methodStatistics: "Each replication simulates the same days with its own random numbers. Figures are means over replications with Student-t {level} confidence intervals. Runs that share the seed and the simulated days use common random numbers, so their differences are paired replication by replication.",
        .methodQuantiles: "Percentiles (such as the 90th-percentile wait) and shares within 15/30/60 minutes are computed for each simulated day and then averaged over replications.",
        .methodAssumptions: "Assumptions that matter",
        .visitsPlanned: "Visits per ordinary day",
        .counters: "Counters",
        .counterStaff: "Counter staff",
        .backofficeStaff: "Back-office staff",
        .lobbySeatsColumn: "Lobby seats",
        .reforms: "Reforms",
        .noReforms: "none",
        .centreStaff: "{name} ({count} staff)",
        .methodDescriptions: "Each scenario file's opening comment, verbatim, with the parameter ids it cites (rows of the project's parameter table, shared/domain/parameters.md):",
        .sourcesCited: "Sources cited: {ids}",
        .noSourcesCited: "No parameter ids cited.",
        .methodReproduce: "Each run is kept in the run store it was written to, with its fully resolved scenario (wardsim show ID --json prints it). Running the same scenario files again with the seed and replications above gives the same figures.",
        .runNumber: "run {run}",
        .interventionReservations: "reservations",
        .interventionNoWriting: "no-writing counter",
        .interventionAIAssistant: "AI assistant",
        .interventionConvenienceStore: "convenience-store certificates",
        .interventionBackofficeCentre: "back-office centre",
        .interventionSmartphoneHelpers: "smartphone helpers",
        .scenarioBaseline: "Baseline",
        .scenarioReservations: "Reservations",
        .scenarioNoWriting: "No-writing counter",
        .scenarioAIConsultation: "AI consultation",
        .scenarioConvenienceStore: "Convenience-store certificates",
        .scenarioOnlineBackoffice: "Online and back-office centre",
        .scenarioSmartWardOffice: "Smart ward office",
        .scenarioBaselinePeak: "Baseline, peak season",
        .scenarioSmartWardOfficePeak: "Smart ward office, peak season",
        .scenarioCity: "Kitakyushu city",
        .sectionCitizen: "Citizen records",
        .sectionInsurance: "Insurance and pension",
        .sectionChildren: "Children and families",
        .sweepIntro: "Scenario {scenario} run at each point of the grid below; each point is {replications} replications of a simulated {days}, with the same random numbers at every point.",
        .sweepPoint: "Point",
        .sweepCaptionLine: "{indicator} against {parameter}; band: {level} CI.",
        .sweepCaptionHeat: "{indicator} for each combination of {row} (rows) and {column} (columns), mean over replications.",
        .sweepCaptionBars: "{indicator} for each value of {parameter}; whiskers: {level} CI.",
        .sweepCaptionWithin: "Share waiting 30 min or less against {parameter}; band: {level} CI.",
        .sweepMissing: "{count} of the sweep's {total} points have no finished run yet and are left out.",
        .sweepTableCaption: "Headline indicators per point",
        .sweepNoChart: "More than two parameters vary, so the results are shown as a table only.",
        .sweepNoPoint: "no finished run",
    ]

    static let japanese: [MessageKey: String] = [
        .generatedOn: "作成日",
        .programVersion: "プログラムのバージョン",
        .contents: "目次",
        .figure: "図{n}",
        .table: "表{n}",
        .notes: "注",

        .scenario: "シナリオ",
        .indicator: "指標",
        .mean: "平均",
        .confidenceInterval: "{level}信頼区間",
        .difference: "基準との差",
        .assessment: "評価",
        .replications: "反復回数",
        .baseline: "基準",

        .meanWait: "平均待ち時間",
        .p90Wait: "待ち時間の90パーセンタイル",
        .servedWithin30: "待ち時間30分以内の割合",
        .timeInOffice: "庁舎内の滞在時間",
        .abandonment: "未処理で帰った人の割合",
        .overtime: "職員の超過勤務",

        .waitingTime: "待ち時間",
        .queueLength: "待ち人数",
        .lobbyOccupancy: "ロビーの在室人数",
        .staffUtilisation: "職員稼働率",
        .timeOfDay: "時刻",
        .hourStarting: "時間帯（開始時刻）",
        .shareOfCitizens: "市民の割合（%）",
        .visitsPerDay: "1日あたりの件数",
        .section: "課",
        .lobbySeats: "ロビー座席数（{value}）",
        .noValue: "閉鎖・職員なし",
        .bandLegend: "網掛け：{level}信頼区間",
        .whiskerLegend: "ひげ：{level}信頼区間",
        .axisWithUnit: "{label}（{unit}）",
        .valueWithUnit: "{value}{unit}",
        .csvLow: "{column} 下限",
        .csvHigh: "{column} 上限",

        .unitMinutes: "分",
        .unitHours: "時間",
        .unitPeople: "人",
        .unitPercent: "%",
        .unitPoints: "ポイント",
        .unitVisits: "件",
        .unitCounters: "窓口",

        .verdictShorter: "{metric}は {value} {unit}短縮（{level}信頼区間 {range}）",
        .verdictLonger: "{metric}は {value} {unit}延長（{level}信頼区間 {range}）",
        .verdictFalls: "{metric}は {value} {unit}減少（{level}信頼区間 {range}）",
        .verdictRises: "{metric}は {value} {unit}増加（{level}信頼区間 {range}）",
        .noDetectableDifference: "有意な差なし",
        .verdictNoDifference: "{metric}に{verdict}（{level}信頼区間 {range}）",
        .ciLevel: "{percent}%",
        .rangeSeparator: "〜",
        .rangeSeparatorSigned: "〜",
        .labelled: "{label}：{text}",
        .ciRange: "{level}信頼区間 {range}",

        .channelWalkIn: "窓口来庁",
        .channelBooked: "予約来庁",
        .channelOnline: "オンライン申請",
        .channelConvenienceStore: "コンビニ交付",
        .channelAIAssistant: "AI案内",

        .demoTitle: "レポート表示例",
        .demoSubtitle: "合成データによる全グラフの見本",
        .demoIntro: "このページは wardsim のレポートの見た目を示すものです。数値はすべて乱数で作った合成データであり、実在の区役所のシミュレーション結果ではありません。",
        .demoCIFootnote: "信頼区間は {n} 回の反復に基づく t 分布の区間。基準との差は共通乱数を用いた対応のある比較による。",
        .demoSyntheticFootnote: "表示確認用の合成データ。",
        .demoSectionHeadline: "主要指標",
        .demoSectionDifferences: "基準シナリオとの差",
        .demoSectionWaiting: "待ち時間の分布",
        .demoSectionQueue: "時刻別の待ち人数とロビーの在室人数",
        .demoSectionUtilisation: "課別・時間帯別の職員稼働率",
        .demoSectionChannels: "チャネル別の件数",
        .demoSectionSweep: "窓口数と平均待ち時間",
        .demoCaptionWaiting: "シナリオ別に、待ち時間が一定以下だった人の割合。印は中央値と90パーセンタイル。",
        .demoCaptionQueue: "時刻別の平均待ち人数（網掛けは95%信頼区間）。",
        .demoCaptionLobby: "時刻別のロビー平均在室人数と座席数。",
        .demoCaptionUtilisation: "課別・時間帯別の、勤務時間のうち応対に充てた割合（基準シナリオ）。",
        .demoCaptionChannels: "チャネル別の1日平均件数（ひげは95%信頼区間）。",
        .demoCaptionSweep: "市民課の開設窓口数ごとの平均待ち時間。",
        .demoTableHeadline: "シナリオ別の主要指標",
        .demoTableDifferences: "基準シナリオとの対応のある差",
        .demoScenarioBaseline: "現状",
        .demoScenarioNoWriting: "書かない窓口",
        .demoScenarioReservations: "予約制",
        .demoSectionCitizenRecords: "市民課",
        .demoSectionInsurance: "保険年金課",
        .demoSectionChildren: "こども福祉課",
        .demoSectionTax: "税務課",
        .demoParameterCounters: "開設窓口数",
        .reportTitle: "シナリオ比較レポート",
        .reportSubtitle: "{baseline}と他{count}シナリオの比較・{days}・反復{replications}回",
        .sweepTitle: "パラメータ掃引：{scenario}",
        .sweepSubtitle: "{count}点・{days}・各点の反復{replications}回",
        .sectionHeadline: "主要指標",
        .sectionDifferences: "基準シナリオとの差",
        .sectionWaiting: "待ち時間",
        .sectionQueue: "時刻別の待ち人数とロビーの在室人数",
        .sectionUtilisation: "課別・時間帯別の職員稼働率",
        .sectionChannels: "チャネル別の申請件数",
        .sectionMethod: "計算方法",
        .sectionSweep: "掃引の結果",
        .sectionSweepTable: "各点の結果",
        .headlineIntro: "各数値は模擬した{days}の反復の平均で、範囲（下限〜上限）はその{level}信頼区間。他のシナリオは{baseline}と比較する。",
        .tableService: "シナリオ別の待ち時間とサービス水準",
        .tableResources: "シナリオ別の職員と市民の時間",
        .noteVisitsAvoided: "来庁不要件数：来庁せずに済んだ申請（コンビニ交付、オンライン申請、AI案内）の1日あたり件数。",
        .noteCitizenHours: "市民の節約時間：来庁不要となった件で、移動・待ち・応対にかかるはずだった時間。",
        .noteStaffHoursFreed: "職員の削減時間：基準シナリオの職員の業務時間（窓口、後方、事務センター）からこのシナリオの業務時間を引いたもの。",
        .noteBasisOrdinary: "年間値：通常日1日分×年間開庁日数{days}日（シナリオの年度の暦による）。すべての開庁日を通常日とみなした概算。",
        .noteBasisYear: "年間値：模擬した年度全体の値そのもの。",
        .noteBasisPerDay: "この実行は「{days}」のみを模擬しており、1年を代表しないため、すべて1日あたりの値で示す。",
        .servedWithin15: "待ち時間15分以内の割合",
        .servedWithin60: "待ち時間60分以内の割合",
        .visitsAvoided: "来庁不要件数",
        .citizenHoursSaved: "市民の節約時間",
        .staffHoursFreed: "職員の削減時間",
        .staffHours: "職員の業務時間",
        .unitHoursPerYear: "時間/年",
        .unitHoursPerDay: "時間/日",
        .unitVisitsPerDay: "件/日",
        .unitRequests: "件",
        .assessBetter: "改善",
        .assessWorse: "悪化",
        .tableDifference: "{scenario}と{baseline}の比較",
        .notePaired: "{count}回の反復による対応のある差：両実行の i 回目の反復は同じ乱数を用いている（共通乱数法）。",
        .noteUnpaired: "これらの実行は乱数を共有していない（シードまたは模擬日が異なる）ため、差は対応のない比較（Welch の区間）であり、精度は低い。",
        .noteFewerPairs: "両実行に共通する{count}回の反復のみを対応させた。",
        .differencesIntro: "{level}信頼区間が0を含まない差を「有意」とする。「改善」「悪化」は市民または職員にとって望ましい方向かどうかを示す。",
        .differencesNone: "シナリオが一つのみのため、比較の対象がない。",
        .reportNote: "比較に記録された注記：{note}",
        .chartQuantiles: "待ち時間の平均とパーセンタイル",
        .statMedian: "中央値",
        .statP90: "90パーセンタイル",
        .statP95: "95パーセンタイル",
        .captionQuantiles: "シナリオ別の待ち時間の平均、中央値、90・95パーセンタイル。各棒は模擬1日ごとの値の反復平均（ひげは{level}信頼区間）。実行記録には市民一人ひとりの待ち時間ではなくこれらの要約値を保存しているため、分布曲線全体は描いていない。",
        .chartWithin: "待ち時間15分・30分・60分以内の割合",
        .withinMinutes: "{minutes}分以内",
        .captionWithin: "応対を受けた市民のうち、待ち時間が15分・30分・60分以内だった人の割合。待ち時間分布上の3点にあたる（ひげは{level}信頼区間）。",
        .captionQueueHourly: "時間帯ごとの窓口待ちの平均人数（全課の合計）。網掛けは{level}信頼区間。",
        .captionQueueHourlyNoBands: "時間帯ごとの窓口待ちの平均人数（全課の合計）。シナリオが多く信頼区間の網掛けが重なって読めなくなるため省いた。待ち時間の信頼区間は「基準シナリオとの差」に示す。",
        .methodClamped: "取り得る範囲を超える信頼区間（100%を超える割合、負の待ち時間など）は、その範囲の端で打ち切った。",
        .captionLobbyHourly: "時間帯ごとのロビーの平均在室人数とロビーの座席数。",
        .captionUtilisationScenario: "{scenario}：課別・時間帯別に、勤務時間のうち応対に充てた割合（反復の平均）。斜線のセルは勤務中の職員なし。",
        .utilisationTitle: "職員稼働率：{scenario}",
        .chartChannels: "チャネル別の申請件数",
        .captionChannels: "利用したチャネル別の1日あたり申請件数（1回の来庁で複数の申請をすることがある）。ひげは{level}信頼区間。",
        .requestsPerDay: "1日あたりの申請件数",
        .channelAIResolved: "AI案内で解決",
        .channelAIHandedOn: "AI案内後に来庁",
        .dayOrdinary: "通常日",
        .dayMonday: "月曜日",
        .dayAfterHoliday: "連休明けの日",
        .dayPeak: "繁忙期の1日",
        .dayYear: "年度全体",
        .methodRunsTable: "このレポートの実行",
        .runColumn: "実行ID",
        .scenarioHash: "シナリオのハッシュ",
        .seed: "乱数シード",
        .daysSimulated: "模擬した日",
        .methodStatistics: "各反復は同じ日を独自の乱数で模擬する。数値は反復の平均で、t 分布による{level}信頼区間を付す。シードと模擬日が同じ実行は共通乱数を用いるため、差は反復ごとに対応させて求める。",
        .methodQuantiles: "パーセンタイル（待ち時間の90パーセンタイルなど）と15分・30分・60分以内の割合は、模擬した1日ごとに求めてから反復で平均した。",
        .methodAssumptions: "主な前提",
        .visitsPlanned: "通常日の来庁見込み",
        .counters: "窓口数",
        .counterStaff: "窓口職員",
        .backofficeStaff: "後方職員",
        .lobbySeatsColumn: "ロビー座席数",
        .reforms: "改革策",
        .noReforms: "なし",
        .centreStaff: "{name}（職員{count}人）",
        .methodDescriptions: "各シナリオファイル冒頭のコメント（原文のまま）と、引用しているパラメータID（プロジェクトのパラメータ表 shared/domain/parameters.md の行）：",
        .sourcesCited: "引用元：{ids}",
        .noSourcesCited: "パラメータIDの引用なし。",
        .methodReproduce: "各実行は、書き込んだ実行記録ファイルに解決済みのシナリオ全体とともに保存されている（wardsim show ID --json で表示できる）。同じシナリオファイルを上記のシードと反復回数で再び実行すれば、同じ数値が得られる。",
        .runNumber: "実行{run}",
        .interventionReservations: "予約制",
        .interventionNoWriting: "書かない窓口",
        .interventionAIAssistant: "AI案内",
        .interventionConvenienceStore: "コンビニ交付",
        .interventionBackofficeCentre: "行政事務センター",
        .interventionSmartphoneHelpers: "スマホ手続き支援",
        .scenarioBaseline: "現状",
        .scenarioReservations: "予約制",
        .scenarioNoWriting: "書かない窓口",
        .scenarioAIConsultation: "AI相談",
        .scenarioConvenienceStore: "コンビニ交付",
        .scenarioOnlineBackoffice: "オンライン申請と事務センター",
        .scenarioSmartWardOffice: "スマート区役所",
        .scenarioBaselinePeak: "現状（繁忙期）",
        .scenarioSmartWardOfficePeak: "スマート区役所（繁忙期）",
        .scenarioCity: "北九州市全体",
        .sectionCitizen: "市民課",
        .sectionInsurance: "保険年金課",
        .sectionChildren: "子ども・家庭課",
        .sweepIntro: "シナリオ「{scenario}」を下表の各点で実行した。各点は模擬した{days}の反復{replications}回で、すべての点で同じ乱数を用いている。",
        .sweepPoint: "点",
        .sweepCaptionLine: "{parameter}に対する{indicator}。網掛けは{level}信頼区間。",
        .sweepCaptionHeat: "{row}（行）と{column}（列）の組合せごとの{indicator}（反復の平均）。",
        .sweepCaptionBars: "{parameter}の値ごとの{indicator}。ひげは{level}信頼区間。",
        .sweepCaptionWithin: "{parameter}に対する待ち時間30分以内の割合。網掛けは{level}信頼区間。",
        .sweepMissing: "掃引の{total}点のうち{count}点は完了した実行がないため除いた。",
        .sweepTableCaption: "各点の主要指標",
        .sweepNoChart: "変化させたパラメータが3つ以上あるため、結果は表のみで示す。",
        .sweepNoPoint: "完了した実行なし",
    ]
}
