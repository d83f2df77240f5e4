import SimKernel

/// A `WardScenario` resolved for the simulation: ids replaced by array
/// indices, interventions folded into routes, shares and distributions, clock
/// times in milliseconds. Built once per scenario; read-only while days run,
/// so one instance is shared by every replication and thread.
///
/// What the interventions become here:
/// - no-writing counters: `write` stages removed, `counter` stages × factor, rework × factor;
/// - AI assistant: its share split into resolved (no visit) and handed on
///   (a walk-in whose counter stages take × `interviewFactor`);
/// - smartphone helpers: online share raised (for procedures already online-capable), taken from walk-in;
/// - convenience store: share = card ownership × uptake for eligible procedures;
/// - back-office centre: `backoffice` stages (and online work) of covered
///   procedures go to one pool shared by all offices, × `timeFactor`.
///
/// ```swift
/// let compiled = try CompiledScenario(WardScenario.exampleBaseline)
/// compiled.procedureIDs        // ["certificate", "move_in", …]
/// ```
public struct CompiledScenario: Sendable {
    public let scenario: WardScenario
    /// Warnings from `validateReferences()`.
    public let warnings: [ScenarioProblem]

    // Procedures (index p).
    public let procedureIDs: [String]
    let procFee: [Double]
    let procRework: [Double]
    let procCuts: [ChannelCuts]
    let procOnlineWork: [StageSampler?]

    // Visit types (index v): procedures flattened.
    public let visitTypeIDs: [String]
    let visitStart: [Int]
    let visitProcs: [Int32]
    /// Cumulative probability of each visit type, per day type (index `DayType.index`).
    let visitCum: [[Double]]
    /// Multiplier of `visitsPerDay` per day type (day factor × seasonal weight).
    let demandFactor: [Double]
    /// Mean minutes at the office (stages, no waiting) per visit type when all
    /// its procedures are done in person: for citizen hours saved.
    let visitServiceMinutes: [Double]

    let offices: [CompiledOffice]
    let sections: [CompiledSection]
    let pools: [CompiledPool]
    let staff: [CompiledStaff]
    let shifts: [(from: Int64, to: Int64)]
    /// `skills[row * procedureCount + p]`: whether a staff group may serve p.
    let skills: [Bool]
    /// Route of procedure p in office o: `routes[o * procedureCount + p]`.
    let routes: [CompiledRoute]
    let stages: [CompiledStage]
    /// Distributions drawn through a `RandomStream` (not fixed, exponential
    /// or lognormal), indexed by the `StageSampler`s that use them.
    let generalTimes: [Distribution]
    let centrePool: Int

    let reservations: CompiledReservations
    let behaviour: CompiledBehaviour
    let aiInterviewFactor: Double

    public var procedureCount: Int { procedureIDs.count }
    public var officeNames: [String] { offices.map(\.name) }
}

/// Channel choice by one uniform u: [0,c1) convenience store, [c1,c2) online,
/// [c2,c3) AI (resolved in the first `aiResolved` part), [bookedFrom,1)
/// booked, the rest walk-in. Booked is anchored at the top so that changing
/// the remote shares moves citizens only between remote channels and walk-in.
struct ChannelCuts: Sendable, Hashable {
    var c1 = 0.0, c2 = 0.0, c3 = 0.0, bookedFrom = 1.0, aiResolved = 0.0

    @inline(__always) func channel(_ u: Double) -> DemandChannel {
        if u < c3 {
            if u < c1 { return .convenienceStore }
            if u < c2 { return .online }
            return (u - c2) < aiResolved * (c3 - c2) ? .aiResolved : .aiHandedOn
        }
        return u >= bookedFrom ? .booked : .walkIn
    }
}

/// Where one procedure's demand went (AI split into its two outcomes).
enum DemandChannel: Int, CaseIterable, Sendable {
    case walkIn = 0, booked, online, convenienceStore, aiResolved, aiHandedOn
    var name: String {
        switch self {
        case .walkIn: return "walk_in"
        case .booked: return "booked"
        case .online: return "online"
        case .convenienceStore: return "convenience_store"
        case .aiResolved: return "ai_resolved"
        case .aiHandedOn: return "ai_handed_on"
        }
    }
    var isInPerson: Bool { self == .walkIn || self == .booked || self == .aiHandedOn }
}

struct CompiledOffice: Sendable {
    var name: String
    /// Stable random-stream key from the office name (adding an office leaves the others' streams alone).
    var key: UInt64
    var opens: Int64, close: Int64
    /// Bounds of the hourly profile intervals (clipped at closing) and the
    /// normalised cumulative share of demand at each bound (0 … 1).
    var bounds: [Int64], cumShare: [Double]
    var visitsPerDay: Double
    var groupCum: [Double]
    var lobbySeats: Int
    var travelMs: Int64
    var sections: Range<Int>
}

struct CompiledSection: Sendable {
    var office: Int
    var id: String, name: String
    var counters: Int, bookedCounters: Int
    var bookedFirst: Bool
    /// Booked citizens wait in their own list (booked-first or dedicated counters).
    var separateBookedQueue: Bool { bookedFirst || bookedCounters > 0 }
    var staff: Range<Int>
}

struct CompiledPool: Sendable {
    /// -1 for the shared back-office centre.
    var office: Int
    var name: String
    var staff: Range<Int>
    var close: Int64
}

enum StaffRole: UInt8, Sendable { case counter, backoffice }

struct CompiledStaff: Sendable {
    var role: StaffRole
    /// Section index (counter staff) or pool index (back office).
    var unit: Int32
    var skillRow: Int32
    var shiftStart: Int32, shiftCount: Int32
    /// Bit `DayType.index` set when the member works on that day type.
    var dayMask: UInt8
    /// May serve every procedure (no skill list): kept last at closing.
    var generalist: Bool
}

struct CompiledRoute: Sendable {
    var start: Int32 = 0, count: Int32 = 0
    /// Local index of the counter stage where a form may come back (-1: none)
    /// and of the stage the citizen goes back to.
    var reworkAt: Int32 = -1, reworkTo: Int32 = -1
    /// Section of the first counter or issue stage (-1: none): where a
    /// walk-in looks at the displayed queue before deciding to balk.
    var firstSection: Int32 = -1
    /// Pool receiving this procedure's online applications (-1: no work).
    var onlinePool: Int32 = -1
    var onlineFactor: Double = 1
}

/// A plain value (no references), so reading one on the hot path costs no
/// reference counting.
struct CompiledStage: Sendable {
    var kind: Stage.Kind
    var sampler: StageSampler
    var factor: Double
    /// Section (counter, issue) or pool (backoffice); unused for write.
    var unit: Int32
    /// Position of the stage in the scenario's route, for random keys that
    /// stay put when interventions remove stages.
    var original: Int32
}

struct CompiledReservations: Sendable {
    var slotMs: Int64 = 900_000
    /// Bookings per slot start on average (slots per hour × slot length):
    /// slot j takes ⌊(j+1)r⌋ − ⌊jr⌋, so every hour offers exactly the slots per hour.
    var perSlot: Double = 1
    var lateness = StageSampler(fixed: 0)
    var noShow: Double = 0
}

struct CompiledBehaviour: Sendable {
    var balkThreshold: Int
    var balkProbability: Double
    var patience: StageSampler?
    var absent: Double
    var absentCallMs: Int64
}

extension DayType {
    /// 0…3 in `allCases` order: array index for per-day-type tables.
    @inline(__always) var index: Int {
        switch self {
        case .ordinary: return 0
        case .monday: return 1
        case .afterHoliday: return 2
        case .peak: return 3
        }
    }
}
