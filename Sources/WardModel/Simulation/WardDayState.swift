/// Where a citizen is in their visit.
enum CitizenState: UInt8, Sendable {
    case expected, writing, queued, inService, backofficeWait, inBackoffice
    case served, reneged, balked
    var isFinal: Bool { rawValue >= CitizenState.served.rawValue }
}

/// One visit (one ticket; `persons` people) on the simulated day. Stored in a
/// flat array reused across days.
struct Citizen: Sendable {
    /// Arrival at the office (planned until the arrival event, then actual).
    var arrival: Int64 = 0
    var departure: Int64 = -1
    /// When the current wait (counter queue or back office) began.
    var waitStart: Int64 = 0
    /// Queue waits so far, in total and within the current procedure (ms).
    var wait: Int64 = 0
    var procWait: Int64 = 0
    /// Start of the booked slot (booked citizens).
    var slot: Int64 = 0
    /// Patience before the first call (ms; `.max`: never reneges).
    var patience: Int64 = .max
    /// Index among the day's demand of the office: the key of all the
    /// citizen's random numbers.
    var demand: Int32 = 0
    var ticket: Int32 = 0
    /// Section (queued) or pool (back office) the citizen waits at.
    var unit: Int32 = -1
    /// Bumped whenever a first-queue wait ends, so a pending patience timer goes stale.
    var gen: UInt32 = 0
    /// Bundle positions done in person / handed on by the AI assistant.
    var inPerson: UInt32 = 0
    var ai: UInt32 = 0
    /// Start of the current procedure's compiled route in `CompiledScenario.stages`
    /// (cached from office, visit type and `pos`: see `WardDay.enterProcedure`).
    var routeStart: Int32 = 0
    /// The current procedure (cached with `routeStart`).
    var proc: Int32 = 0
    var office: Int16 = 0
    var visitType: Int16 = 0
    /// The stage count of the current procedure's route (cached with `routeStart`).
    var routeCount: Int16 = 0
    var persons: Int16 = 1
    /// Stage index within the current procedure's compiled route.
    var stage: Int16 = 0
    /// Position of the current procedure in the visit type's bundle.
    var pos: Int8 = 0
    /// Rework repetitions of the current procedure.
    var rep: UInt8 = 0
    var state: CitizenState = .expected
    /// Visit channel: 0 walk-in, 1 booked, 2 handed on by the AI assistant.
    var channel: UInt8 = 0
    var booked = false
    /// Called to a counter at least once (no reneging from then on).
    var started = false
    /// Will not answer the first call (moved to the back of the queue).
    var absentPending = false
}

enum StaffTask: UInt8, Sendable { case none, serve, absentCall, ghostCall, backoffice, online }

/// One staff member's day.
struct StaffState: Sendable {
    var busySince: Int64 = 0
    var onDutySince: Int64 = 0
    /// Scheduled end of the current (or last) shift.
    var shiftEnd: Int64 = 0
    var busyMs: Int64 = 0
    var onDutyMs: Int64 = 0
    var scheduledMs: Int64 = 0
    var overtimeMs: Int64 = 0
    /// The member's next shift change (start or end), `.max` when none is
    /// pending, and the order in which it was scheduled (see `WardDay.shiftChanges`).
    var changeAt: Int64 = .max
    var changeOrder: UInt64 = 0
    var citizen: Int32 = -1
    var nextShift: Int32 = 0
    var task: StaffTask = .none
    var onDuty = false
    var busy = false
    var bookedCounter = false
    /// Whether the pending change starts a shift (else it ends one).
    var changeStarts = false
}

/// An online application waiting for back-office work.
struct OnlineTask: Sendable {
    var office: Int16
    var pos: Int16
    var procedure: Int32
    var demand: Int32
}
