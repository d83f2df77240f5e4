import SimKernel

// The resolved, validated description of one or more ward offices and a
// reform: what the YAML loader produces and what the simulation consumes.
// Plain values in planner's terms; all durations are `SimTime`, all service
// and behaviour times are `Distribution`s in **minutes**.

/// A whole scenario: offices, procedures, demand, channels, interventions.
public struct WardScenario: Sendable, Hashable {
    /// Short name, e.g. "baseline" or "smart-ward-office".
    public var name: String
    /// What it models and where its numbers come from (free text).
    public var description: String
    public var simulation: SimulationSettings
    public var calendar: WardCalendar
    /// Everything a citizen may come for (住民票, 転入, 国保, …).
    public var procedures: [Procedure]
    /// Bundles of procedures done in one visit (a move-in brings insurance
    /// and child allowance with it), with their shares of visits.
    public var visitTypes: [VisitType]
    public var offices: [Office]
    public var behaviour: Behaviour
    public var interventions: Interventions

    public init(name: String, description: String = "", simulation: SimulationSettings = .init(),
                calendar: WardCalendar = .init(), procedures: [Procedure], visitTypes: [VisitType],
                offices: [Office], behaviour: Behaviour = .init(), interventions: Interventions = .init()) {
        self.name = name; self.description = description; self.simulation = simulation
        self.calendar = calendar; self.procedures = procedures; self.visitTypes = visitTypes
        self.offices = offices; self.behaviour = behaviour; self.interventions = interventions
    }
}

/// How a run is carried out unless the command line says otherwise.
public struct SimulationSettings: Sendable, Hashable {
    public var seed: UInt64 = 1
    public var replications: Int = 20
    /// Which days to simulate: one day of a given type, or the fiscal year.
    public var days: DaySelection = .single(.ordinary)
    public init(seed: UInt64 = 1, replications: Int = 20, days: DaySelection = .single(.ordinary)) {
        self.seed = seed; self.replications = replications; self.days = days
    }
}

public enum DaySelection: Sendable, Hashable {
    /// One representative day of this type (each replication is one day).
    case single(DayType)
    /// Every working day of the fiscal year in `WardCalendar.fiscalYear`.
    case fiscalYear
}

/// Kinds of working day with different demand.
public enum DayType: String, Sendable, Hashable, CaseIterable, Codable {
    case ordinary
    case monday
    /// First working day after a public holiday or a long weekend.
    case afterHoliday = "after_holiday"
    /// The March/April moving rush.
    case peak
}

/// Demand multipliers per day type and the fiscal-year calendar.
public struct WardCalendar: Sendable, Hashable {
    /// Fiscal year starting 1 April of this year (e.g. 2026 = Apr 2026–Mar 2027).
    public var fiscalYear: Int = 2026
    /// Multiplier on all visits, per day type (C2, B4).
    public var dayFactors: [DayType: Double] = [.ordinary: 1, .monday: 1.3, .afterHoliday: 1.8, .peak: 1.0]
    /// Extra multiplier for procedures tagged `seasonal` on peak days (B8, B9).
    public var peakSeasonalFactor: Double = 3
    /// Peak period as (month, day) ranges inclusive, e.g. 3/20–4/10 (G1).
    public var peakStart: MonthDay = MonthDay(month: 3, day: 20)
    public var peakEnd: MonthDay = MonthDay(month: 4, day: 10)
    public init() {}
}

public struct MonthDay: Sendable, Hashable {
    public var month: Int
    public var day: Int
    public init(month: Int, day: Int) { self.month = month; self.day = day }
}

/// One procedure (手続き) and the route of stages it takes.
public struct Procedure: Sendable, Hashable {
    /// Key used in the scenario, e.g. "certificate", "move_in".
    public var id: String
    /// Display name, e.g. "住民票の写し等".
    public var name: String
    /// Section whose counters serve this procedure's `counter`/`issue` stages
    /// unless a stage names another.
    public var section: String
    public var stages: [Stage]
    /// Share of citizens whose form comes back for correction at the counter:
    /// they go back to the form desk and queue again (write + counter repeat).
    public var rework: Double = 0
    /// Fee in yen paid at the counter (for reports; no time effect).
    public var fee: Double = 0
    /// Demand of this procedure swells in the March/April rush.
    public var seasonal: Bool = false
    /// Where this procedure's demand goes.
    public var channels: ChannelShares = .init()
    /// Back-office minutes one online application of this procedure costs
    /// (nil: the sum of the procedure's `backoffice` stages; no backoffice
    /// stage and no value here means online applications cost no staff time).
    public var onlineWork: Distribution? = nil

    public init(id: String, name: String, section: String, stages: [Stage], rework: Double = 0,
                fee: Double = 0, seasonal: Bool = false, channels: ChannelShares = .init(),
                onlineWork: Distribution? = nil) {
        self.id = id; self.name = name; self.section = section; self.stages = stages
        self.rework = rework; self.fee = fee; self.seasonal = seasonal; self.channels = channels
        self.onlineWork = onlineWork
    }
}

public struct Stage: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// Citizen fills in a form at the form desk; no staff.
        case write
        /// Reception/interview at a counter; needs a staff member and a counter.
        case counter
        /// Examination and data entry by staff away from the counter; the
        /// citizen waits in the lobby.
        case backoffice
        /// Called back to receive the document and pay; staff and counter.
        case issue
    }
    public var kind: Kind
    /// Duration in minutes.
    public var time: Distribution
    /// Section doing this stage; nil means the procedure's section.
    public var section: String?
    public init(kind: Kind, time: Distribution, section: String? = nil) {
        self.kind = kind; self.time = time; self.section = section
    }
}

/// A bundle of procedures done in one visit, following one ticket.
public struct VisitType: Sendable, Hashable {
    public var id: String
    /// Procedure ids, in the order they are done.
    public var procedures: [String]
    /// Share of all visits (all visit types sum to 1).
    public var share: Double
    public init(id: String, procedures: [String], share: Double) {
        self.id = id; self.procedures = procedures; self.share = share
    }
}

/// Shares of a procedure's demand by channel. Shares are of the procedure's
/// whole demand; walk-in is what is left (1 − the others).
public struct ChannelShares: Sendable, Hashable {
    /// Booked counter slot (待たない).
    public var booked: Double = 0
    /// Online application: no visit, back-office work remains (行かなくていい).
    public var online: Double = 0
    /// Convenience-store issuance: no visit, no staff.
    public var convenienceStore: Double = 0
    /// Consulted the AI assistant first.
    public var aiAssistant: Double = 0
    public init(booked: Double = 0, online: Double = 0, convenienceStore: Double = 0, aiAssistant: Double = 0) {
        self.booked = booked; self.online = online; self.convenienceStore = convenienceStore; self.aiAssistant = aiAssistant
    }
    public var walkIn: Double { 1 - booked - online - convenienceStore - aiAssistant }
}

/// Channel a citizen's demand took.
public enum Channel: String, Sendable, Hashable, CaseIterable, Codable {
    case walkIn = "walk_in"
    case booked
    case online
    case convenienceStore = "convenience_store"
    case aiAssistant = "ai_assistant"
}

/// One ward office.
public struct Office: Sendable, Hashable {
    public var name: String
    public var population: Int
    /// Visits per ordinary day before any channel shift (B12).
    public var visitsPerDay: Double
    /// Doors open and close; citizens inside at closing are still served.
    public var opens: SimTime = .clock(8, 30)
    public var doorsClose: SimTime = .clock(17, 15)
    /// Share of the day's arrivals per hour from opening (C3); normalised by
    /// the loader. Entry i covers [opens + i h, opens + (i+1) h), clipped at doorsClose.
    public var hourlyProfile: [Double]
    /// Number of people arriving together (a family moving in), as
    /// probabilities of 1, 2, 3, … people; all share one ticket.
    public var groupSize: [Double] = [1]
    public var lobbySeats: Int
    public var sections: [Section]
    /// Time citizens spend travelling to and from the office (for citizen hours saved).
    public var travelTime: SimTime = .minutes(30)

    public init(name: String, population: Int, visitsPerDay: Double, opens: SimTime = .clock(8, 30),
                doorsClose: SimTime = .clock(17, 15), hourlyProfile: [Double], groupSize: [Double] = [1],
                lobbySeats: Int, sections: [Section], travelTime: SimTime = .minutes(30)) {
        self.name = name; self.population = population; self.visitsPerDay = visitsPerDay
        self.opens = opens; self.doorsClose = doorsClose; self.hourlyProfile = hourlyProfile
        self.groupSize = groupSize; self.lobbySeats = lobbySeats; self.sections = sections
        self.travelTime = travelTime
    }
}

/// A section (課) of an office: its counters, queue and staff.
public struct Section: Sendable, Hashable {
    public var id: String
    public var name: String
    public var counters: Int
    public var discipline: QueueDiscipline = .fifo
    /// Counters reserved for booked citizens (0: booked citizens use the
    /// ordinary counters with priority at their slot).
    public var bookedCounters: Int = 0
    public var staff: [StaffGroup]
    /// Staff doing back-office stages (examination, data entry) for this section.
    public var backofficeStaff: [StaffGroup] = []
    public init(id: String, name: String, counters: Int, discipline: QueueDiscipline = .fifo,
                bookedCounters: Int = 0, staff: [StaffGroup], backofficeStaff: [StaffGroup] = []) {
        self.id = id; self.name = name; self.counters = counters; self.discipline = discipline
        self.bookedCounters = bookedCounters; self.staff = staff; self.backofficeStaff = backofficeStaff
    }
}

public enum QueueDiscipline: String, Sendable, Hashable, Codable {
    /// Ticket order.
    case fifo
    /// Booked citizens at or after their slot first, then ticket order.
    case bookedFirst = "booked_first"
}

/// Staff members with the same skills and shifts.
public struct StaffGroup: Sendable, Hashable {
    public var name: String
    public var count: Int
    /// Procedure ids this group may serve; empty means every procedure of the section.
    public var skills: [String] = []
    /// On-duty periods (a lunch rotation is two shifts with a gap).
    public var shifts: [Shift]
    /// Day types this group works (empty: every day). Lets a scenario add
    /// reinforcement staff on peak days only (the March/April rush).
    public var dayTypes: [DayType] = []
    public init(name: String, count: Int, skills: [String] = [], shifts: [Shift], dayTypes: [DayType] = []) {
        self.name = name; self.count = count; self.skills = skills; self.shifts = shifts
        self.dayTypes = dayTypes
    }
}

public struct Shift: Sendable, Hashable {
    public var from: SimTime
    public var to: SimTime
    public init(from: SimTime, to: SimTime) { self.from = from; self.to = to }
}

/// How citizens behave in the lobby.
public struct Behaviour: Sendable, Hashable {
    /// Balking: on arrival, if more than `balkThreshold` tickets wait at the
    /// first section, leave with probability `balkProbability` (G5).
    public var balkThreshold: Int = 40
    public var balkProbability: Double = 0
    /// Patience in minutes before reneging (nil: nobody reneges).
    public var patience: Distribution? = nil
    /// Probability of not answering when called; staff lose `absentCallTime`.
    public var absentWhenCalled: Double = 0
    public var absentCallTime: SimTime = .seconds(30)
    public init() {}
}

/// Reforms, as settings (never code paths tied to a scenario).
public struct Interventions: Sendable, Hashable {
    public var noWriting: NoWriting? = nil
    public var reservations: Reservations? = nil
    public var aiAssistant: AIAssistant? = nil
    public var backofficeCentre: BackofficeCentre? = nil
    public var smartphoneHelpers: SmartphoneHelpers? = nil
    public var convenienceStore: ConvenienceStoreIssuance? = nil
    public init() {}
}

/// 書かない窓口: staff fill in the form at the counter.
public struct NoWriting: Sendable, Hashable {
    /// Procedures affected (empty: all with a write stage).
    public var procedures: [String] = []
    /// Counter-stage time multiplier (staff type in the data; F3).
    public var counterTimeFactor: Double = 1.1
    /// Rework multiplier (fewer forms come back).
    public var reworkFactor: Double = 0.3
    public init() {}
}

/// 待たない窓口: counter reservations.
public struct Reservations: Sendable, Hashable {
    public var slotLength: SimTime = .minutes(15)
    /// Bookable slots per hour per office (caps booked demand; the rest walks in).
    public var slotsPerHour: Int = 4
    /// Arrival relative to the slot, in minutes (negative: early).
    public var lateness: Distribution = .uniform(min: -10, max: 5)
    public var noShow: Double = 0.1
    public init() {}
}

/// AI consultation desk / assistant.
public struct AIAssistant: Sendable, Hashable {
    /// Share of AI-channel demand resolved without a visit (F13, A14).
    public var resolved: Double = 0.5
    /// Counter-time multiplier for those handed on to a counter.
    public var interviewFactor: Double = 0.8
    public init() {}
}

/// 行政事務センター: back-office stages leave the ward's staff.
public struct BackofficeCentre: Sendable, Hashable {
    /// Procedures whose back-office stages move to the centre (empty: all).
    public var procedures: [String] = []
    /// Centre staff serving these tasks (shared by all offices).
    public var staff: Int = 10
    /// Time multiplier at the centre (standardised, RPA-assisted work).
    public var timeFactor: Double = 0.8
    public init() {}
}

/// スマホ活用支援員: helpers that raise online uptake.
public struct SmartphoneHelpers: Sendable, Hashable {
    /// Absolute increase of the online share (taken from walk-in) of every
    /// procedure already offered online (online share > 0): helpers teach an
    /// existing service, they do not create one.
    public var onlineShareIncrease: Double = 0.05
    public init() {}
}

/// Convenience-store issuance (コンビニ交付): its share of eligible procedures'
/// demand either set directly on each procedure's `channels.convenienceStore`
/// or, when this is present, derived as card ownership × uptake.
public struct ConvenienceStoreIssuance: Sendable, Hashable {
    /// Procedures that can be issued at a convenience store (empty: those
    /// whose `channels.convenienceStore` is already > 0).
    public var procedures: [String] = []
    /// MyNumber card holding rate (A19, E9).
    public var cardOwnership: Double = 0.73
    /// Share of card holders who use the store instead of the counter (E3, E4).
    public var uptake: Double = 0.3
    public init() {}
    /// The resulting convenience-store share.
    public var share: Double { cardOwnership * uptake }
}
