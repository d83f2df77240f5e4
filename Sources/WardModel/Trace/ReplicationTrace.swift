import SimKernel

/// How one demand for a visit ended, in a trace.
public enum CitizenOutcome: UInt8, Sendable, Hashable, CaseIterable {
    /// Came and finished every in-person procedure.
    case served
    /// Came, waited and gave up before being called.
    case reneged
    /// Came, saw the displayed queue and left at once.
    case balked
    /// Still inside when the day's events ran out (a model defect; never expected).
    case unserved
    /// Did not come: every procedure went to a remote channel.
    case deflected
    /// Booked a slot and did not come.
    case noShow

    /// The name in the run store and in exports (`no_show`, …).
    public var name: String {
        switch self {
        case .served: return "served"
        case .reneged: return "reneged"
        case .balked: return "balked"
        case .unserved: return "unserved"
        case .deflected: return "deflected"
        case .noShow: return "no_show"
        }
    }

    /// True for the outcomes of a visit that came to the office (a KPI `visits`).
    public var cameToOffice: Bool { self == .served || self == .reneged || self == .balked || self == .unserved }
}

/// The channel of a traced demand: for a visit, how it came (the KPI
/// channel names); for a deflected demand, where its first procedure went.
public enum TraceChannel: UInt8, Sendable, Hashable, CaseIterable {
    case walkIn, booked, aiAssistant, online, convenienceStore, aiResolved

    public var name: String {
        switch self {
        case .walkIn: return "walk_in"
        case .booked: return "booked"
        case .aiAssistant: return "ai_assistant"
        case .online: return "online"
        case .convenienceStore: return "convenience_store"
        case .aiResolved: return "ai_resolved"
        }
    }
}

/// One demand of one office on one simulated day: a visit from arrival to
/// leaving, or a demand that never came (deflected, no-show).
///
/// Times are milliseconds since midnight of the simulated day. For demand
/// that did not come, `arrival` and `departure` are the wanted time (no-show:
/// the booked slot) and `firstCall` is nil.
///
/// ```swift
/// let k = simulator.runReplication(0, trace: true)
/// for c in k.trace!.citizens where c.outcome == .served {
///     print(k.trace!.officeNames[Int(c.office)], c.waitBeforeFirstCall!)
/// }
/// ```
public struct CitizenTrace: Sendable, Hashable {
    /// The day's ordinal (0 for a single day; days since the start of the
    /// fiscal year in a year run).
    public var day: Int32
    /// The demand's number within its office's day (0, 1, …, in order of
    /// wanted arrival time): unique per (day, office), and the key of every
    /// random number the citizen draws.
    public var number: Int32
    /// Index into `ReplicationTrace.officeNames`.
    public var office: Int16
    /// Index into `ReplicationTrace.visitTypeIDs` (the procedure bundle).
    public var visitType: Int16
    /// People in the group (the lobby counts them all).
    public var persons: Int16
    public var channel: TraceChannel
    public var outcome: CitizenOutcome
    public var arrival: SimTime
    /// When the citizen was first called to a counter and answered; nil if
    /// never (balked, reneged, deflected, …).
    public var firstCall: SimTime?
    /// When the citizen left the office (balked: at arrival).
    public var departure: SimTime

    /// Minutes from arrival to the first call (nil if never called).
    public var waitBeforeFirstCall: Double? {
        firstCall.map { Double(($0 - arrival).milliseconds) / 60_000 }
    }
}

/// The levels of one office or one section over one interval of
/// `ReplicationTrace.interval` (15 minutes), averaged over the interval
/// (time-weighted means, not the values at an instant): they add up to the
/// hourly KPIs (`queue_hHH` is the mean of the hour's four `queue` values).
public struct LevelSample: Sendable, Hashable {
    public var day: Int32
    /// Index into `ReplicationTrace.officeNames`.
    public var office: Int16
    /// Index into `ReplicationTrace.sectionIDs`; -1 for the whole office.
    public var section: Int16
    /// Start of the interval (since midnight of the simulated day).
    public var start: SimTime
    /// Tickets waiting (office row: the sum over its sections).
    public var queue: Double
    /// Persons in the lobby: waiting at a counter or for the back office.
    /// NaN on section rows (the lobby is the office's).
    public var lobby: Double
    /// Counter staff serving or calling (office row: the sum over its sections).
    public var staffBusy: Double
    /// Counter staff on duty (office row: the sum over its sections).
    public var staffOnDuty: Double
}

/// The per-citizen records and the per-15-minute levels of one replication,
/// in (day, office, number) and (day, office, section, start) order.
///
/// Sections' and offices' level rows cover each office's open day: from its
/// opening (rounded down to a quarter hour) to its closing or the departure
/// of its last citizen, whichever is later (rounded up to a quarter hour).
public struct ReplicationTrace: Sendable {
    /// The length of one time-series interval.
    public static let interval: SimTime = .minutes(15)

    public var officeNames: [String]
    /// Section ids (as in the scenario), by section index.
    public var sectionIDs: [String]
    /// The office of each section (an index into `officeNames`).
    public var sectionOffices: [Int]
    public var visitTypeIDs: [String]
    public var citizens: [CitizenTrace] = []
    public var levels: [LevelSample] = []

    init(_ c: CompiledScenario) {
        officeNames = c.offices.map(\.name)
        sectionIDs = c.sections.map(\.id)
        sectionOffices = c.sections.map(\.office)
        visitTypeIDs = c.visitTypeIDs
    }

    /// The section id of a level row, or nil for an office row.
    public func sectionID(_ sample: LevelSample) -> String? {
        sample.section < 0 ? nil : sectionIDs[Int(sample.section)]
    }
}
