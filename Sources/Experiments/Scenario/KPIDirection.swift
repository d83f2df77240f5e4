import SimKernel

/// Which way a KPI should move for citizens and the office to be better off.
///
/// The one table of KPI directions (`KPIDirection.of`), keyed by the model's
/// KPI name (`wait_mean`, `served_within_30`, …). Hourly KPIs (`_h09`) take
/// the direction of their daily name (`queue_length_h09` → `queue_length`).
/// Names not in the table are `.neutral`: a verdict never guesses.
///
/// ```swift
/// KPIDirection.of("wait_p90")            // .lowerIsBetter
/// KPIDirection.of("citizen_hours_saved") // .higherIsBetter
/// KPIDirection.of("utilisation")         // .neutral
/// ```
///
/// Why some KPIs are neutral:
/// - `served`, `visits`, `completed`, `demand`: fewer served at the counter
///   is good when the visits moved online or to a convenience store, bad
///   when people gave up — those are judged by `deflected`, `reneged`,
///   `balked` and `unserved` instead.
/// - utilisations and busy or on-duty staff hours: high utilisation means
///   long queues, low means idle staff; more busy hours can mean serving
///   people who used to give up. Staff hours freed are read from the
///   difference itself.
/// - `fees_yen`: income for the city, a cost for citizens.
/// - `no_shows`, `booked_visits`, online counts: follow from how many book
///   or apply online, not good or bad in themselves.
public enum KPIDirection: String, Sendable, Hashable, CaseIterable {
    case lowerIsBetter = "lower_is_better"
    case higherIsBetter = "higher_is_better"
    case neutral

    /// The direction of the KPI named `kpi`.
    public static func of(_ kpi: String) -> KPIDirection {
        if let direction = table[kpi] { return direction }
        if let daily = dailyName(kpi), let direction = table[daily] { return direction }
        return .neutral
    }

    /// `queue_length_h09` → `queue_length`; nil when there is no `_hNN` suffix.
    static func dailyName(_ kpi: String) -> String? {
        let scalars = Array(kpi.unicodeScalars)
        guard scalars.count > 4 else { return nil }
        let tail = scalars.suffix(4)
        let digits = tail.dropFirst(2)
        guard tail.first == "_", tail.dropFirst().first == "h",
              digits.allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        return String(String.UnicodeScalarView(scalars.dropLast(4)))
    }

    static let lower: [String] = [
        // Waiting and time spent.
        "wait_mean", "wait_median", "wait_p90", "wait_p95", "wait_max", "time_in_office_mean",
        "citizen_hours_in_office", "citizen_hours_travel",
        // People who left or could not be served.
        "reneged", "balked", "abandonment_rate", "unserved", "booked_overflow",
        // Wasted calls and corrections.
        "absent_calls", "ghost_calls", "reworks",
        // Crowding.
        "queue_length", "queue_length_mean", "queue_length_max",
        "lobby_occupancy", "lobby_occupancy_mean", "lobby_occupancy_max", "lobby_standing_person_minutes",
        // Late closing.
        "staff_overtime_minutes", "closing_delay_minutes_mean", "closing_delay_minutes_max",
        // Online applications not yet dealt with.
        "online_backlog",
    ]

    static let higher: [String] = [
        "served_within_15", "served_within_30", "served_within_60",
        "deflected", "citizen_hours_saved",
    ]

    static let table: [String: KPIDirection] = {
        var table: [String: KPIDirection] = [:]
        for name in lower { table[name] = .lowerIsBetter }
        for name in higher { table[name] = .higherIsBetter }
        return table
    }()
}

/// What a paired difference `other − base` says about one KPI.
///
/// ```swift
/// let d = ConfidenceInterval(mean: -2.1, halfWidth: 0.9, count: 20, level: 0.95)
/// Verdict(difference: d, direction: .lowerIsBetter)   // .better
/// Verdict(difference: d, direction: .neutral)         // .lower
/// ```
///
/// Each KPI's interval is a 95 % interval on its own; among many KPIs a
/// few "better" or "worse" verdicts can be chance (no multiple-comparison
/// correction is made). Read the headline KPIs, not the whole list.
public enum Verdict: String, Sendable, Hashable, CaseIterable {
    /// The interval excludes 0 on the good side.
    case better
    /// The interval excludes 0 on the bad side.
    case worse
    /// The interval contains 0.
    case noDetectableDifference = "no detectable difference"
    /// A neutral KPI whose interval lies above 0.
    case higher
    /// A neutral KPI whose interval lies below 0.
    case lower
    /// No interval: fewer than two replications with a defined value.
    case undetermined

    public init(difference d: ConfidenceInterval, direction: KPIDirection) {
        guard d.count >= 2, d.mean.isFinite, d.halfWidth.isFinite else {
            self = .undetermined
            return
        }
        let sign: Int = d.low > 0 ? 1 : (d.high < 0 ? -1 : 0)
        switch (sign, direction) {
        case (0, _): self = .noDetectableDifference
        case (1, .higherIsBetter), (-1, .lowerIsBetter): self = .better
        case (1, .lowerIsBetter), (-1, .higherIsBetter): self = .worse
        case (1, .neutral): self = .higher
        default: self = .lower
        }
    }
}
