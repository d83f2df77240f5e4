/// Names a report shows for things that have ids in the data: scenarios,
/// sections, reforms, day types, channels.
///
/// The shipped scenarios and sections get translated display names, so a
/// Japanese report reads in Japanese throughout; any other name is shown
/// exactly as the scenario spells it (it is data, not a label).
///
/// ```swift
/// let names = ReportNames(Localization(.ja))
/// names.scenario("reservations")      // "予約制"
/// names.scenario("my-test")           // "my-test"
/// names.days("peak")                  // "繁忙期の1日"
/// ```
struct ReportNames {
    let l: Localization

    init(_ l: Localization) { self.l = l }

    static let scenarioKeys: [String: MessageKey] = [
        "baseline": .scenarioBaseline,
        "reservations": .scenarioReservations,
        "no-writing": .scenarioNoWriting,
        "ai-consultation": .scenarioAIConsultation,
        "convenience-store": .scenarioConvenienceStore,
        "online-backoffice": .scenarioOnlineBackoffice,
        "smart-ward-office": .scenarioSmartWardOffice,
        "baseline-peak": .scenarioBaselinePeak,
        "smart-ward-office-peak": .scenarioSmartWardOfficePeak,
        "kitakyushu-city": .scenarioCity,
    ]

    static let sectionKeys: [String: MessageKey] = [
        "citizen": .sectionCitizen, "insurance": .sectionInsurance, "children": .sectionChildren,
    ]

    static let interventionKeys: [String: MessageKey] = [
        "reservations": .interventionReservations,
        "no_writing": .interventionNoWriting,
        "ai_assistant": .interventionAIAssistant,
        "convenience_store": .interventionConvenienceStore,
        "backoffice_centre": .interventionBackofficeCentre,
        "smartphone_helpers": .interventionSmartphoneHelpers,
    ]

    func scenario(_ name: String) -> String { Self.scenarioKeys[name].map { l[$0] } ?? name }

    /// Display names for the runs of a report, made unique: a scenario that
    /// appears twice (two seeds, say) gets its run id added.
    func scenarios(_ runs: [ReportRun]) -> [String] {
        let plain = runs.map { scenario($0.name) }
        var counts: [String: Int] = [:]
        for n in plain { counts[n, default: 0] += 1 }
        return zip(plain, runs).map { name, run in
            guard counts[name]! > 1 else { return name }
            let id = run.id.map { $0.description } ?? "?"
            return name + " (" + l.format(.runNumber, ["run": id]) + ")"
        }
    }

    /// A section's name: the translated name of a shipped section id in
    /// English, else the scenario's own name (Japanese in the shipped files).
    func section(id: String, scenarioName: String?) -> String {
        if l.language == .en, let key = Self.sectionKeys[id] { return l[key] }
        if let scenarioName, !scenarioName.isEmpty { return scenarioName }
        return Self.sectionKeys[id].map { l[$0] } ?? id
    }

    func intervention(_ key: String) -> String { Self.interventionKeys[key].map { l[$0] } ?? key }

    /// "ordinary day", "peak-season day", "fiscal year"; the stored text otherwise.
    func days(_ dayRange: String) -> String {
        switch dayRange {
        case "ordinary": l[.dayOrdinary]
        case "monday": l[.dayMonday]
        case "after_holiday": l[.dayAfterHoliday]
        case "peak": l[.dayPeak]
        case "year", "fiscal_year": l[.dayYear]
        default: dayRange
        }
    }

    /// Procedure-demand channels as the model names them, in display order.
    static let channels: [(kpi: String, key: MessageKey)] = [
        ("walk_in", .channelWalkIn), ("booked", .channelBooked), ("ai_handed_on", .channelAIHandedOn),
        ("online", .channelOnline), ("convenience_store", .channelConvenienceStore), ("ai_resolved", .channelAIResolved),
    ]
}
