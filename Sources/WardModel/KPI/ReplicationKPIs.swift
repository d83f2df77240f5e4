/// What a KPI row describes.
public enum KPIScopeKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// All offices together (scope name "city").
    case city
    /// One office (scope = office name).
    case office
    /// One section of one office (scope = "office/section id").
    case section
    /// One procedure, city-wide (scope = procedure id) or in one office ("office/procedure id").
    case procedure
    /// One visit channel, city-wide ("walk_in", "booked", "ai_assistant") or in one office ("office/walk_in").
    case channel
}

/// One measured value: the unit of storage in the run store.
public struct KPIRow: Sendable, Hashable, CustomStringConvertible {
    public var scopeKind: KPIScopeKind
    public var scope: String
    public var name: String
    /// NaN when undefined (e.g. a mean wait with nobody served).
    public var value: Double
    public init(_ scopeKind: KPIScopeKind, _ scope: String, _ name: String, _ value: Double) {
        self.scopeKind = scopeKind; self.scope = scope; self.name = name; self.value = value
    }
    public var description: String { "\(scopeKind.rawValue)\t\(scope)\t\(name)\t\(value)" }
}

/// One office's day in a fiscal-year run (for charts over the year).
public struct DailySummary: Sendable, Hashable {
    public var date: CivilDate
    public var ordinal: Int
    public var dayType: DayType
    public var office: String
    public var demand: Int, arrivals: Int, served: Int, reneged: Int, balked: Int, deflected: Int
    /// Visit-level waits of the day's served visits (minutes).
    public var waitMean: Double, waitP90: Double, waitMax: Double
    public var closingDelayMinutes: Double
}

/// The KPIs of one replication — one day, or every working day of a fiscal
/// year — of every office of a scenario.
///
/// Additive KPIs (counts, hours, minutes, yen) are totals over the
/// replication's days (`days` says how many); means, quantiles and shares are
/// over all the citizens of those days; `_hHH` KPIs are means per day for
/// clock hour HH (h09 = 09:00–10:00). See `KPICatalogue` for every name.
///
/// ```swift
/// let kpis = simulator.runReplication(0)
/// kpis.value(.office, "八幡西区", "wait_p90")      // minutes
/// kpis.city("citizen_hours_saved")
/// ```
public struct ReplicationKPIs: Sendable {
    public var replication: Int
    public var seed: UInt64
    public var days: Int
    /// Visits that came to an office and were simulated event by event.
    public var citizensSimulated: Int
    /// Breaches of the model's invariants (always 0 unless the model is wrong).
    public var invariantViolations: Int
    public var rows: [KPIRow]
    /// Per office and day, for fiscal-year runs (empty for single days).
    public var daily: [DailySummary]
    /// Per-citizen records and 15-minute levels, when the replication was traced.
    public var trace: ReplicationTrace? = nil

    public init(replication: Int, seed: UInt64, days: Int, citizensSimulated: Int, invariantViolations: Int,
                rows: [KPIRow], daily: [DailySummary]) {
        self.replication = replication; self.seed = seed; self.days = days
        self.citizensSimulated = citizensSimulated; self.invariantViolations = invariantViolations
        self.rows = rows; self.daily = daily
    }

    /// The value of one KPI, or nil when there is no such row. O(rows).
    public func value(_ kind: KPIScopeKind, _ scope: String, _ name: String) -> Double? {
        rows.first { $0.scopeKind == kind && $0.name == name && $0.scope == scope }?.value
    }

    /// A city-wide KPI.
    public func city(_ name: String) -> Double? { value(.city, "city", name) }
}
