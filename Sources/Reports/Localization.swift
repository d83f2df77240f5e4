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
    ]
}
