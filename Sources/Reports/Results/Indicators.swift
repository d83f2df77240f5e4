/// How per-day figures become "per year" figures in a report.
///
/// - `ordinary`: an ordinary-day run times the working days of the
///   scenario's fiscal year (`ReportInput.workingDaysPerYear`: 241 in
///   FY2026 by the holiday calendar; B12 says about 243). Rough: it treats
///   every working day as ordinary (no Mondays, no peak season).
/// - `year`: a fiscal-year run already covers the year: values as stored.
/// - `perDay`: another single day type (a peak day, a Monday): multiplying
///   it by the year would mislead, so figures stay per day.
///
/// ```swift
/// AnnualBasis(dayRanges: ["ordinary", "ordinary"])   // .ordinaryDayTimesWorkingDays
/// AnnualBasis(dayRanges: ["peak"])                   // .perDay
/// ```
public enum AnnualBasis: Sendable, Hashable {
    case ordinaryDayTimesWorkingDays
    case fiscalYear
    case perDay

    /// Working days of a fiscal year when the calendar is not known
    /// (parameters.md B12); reports normally get the scenario's own count.
    public static let typicalWorkingDays = 243.0

    /// The basis for a set of runs: per year only if every run is an
    /// ordinary day, or every run a fiscal year.
    public init(dayRanges: [String]) {
        if !dayRanges.isEmpty && dayRanges.allSatisfy({ $0 == "ordinary" }) {
            self = .ordinaryDayTimesWorkingDays
        } else if !dayRanges.isEmpty && dayRanges.allSatisfy({ $0 == "year" }) {
            self = .fiscalYear
        } else {
            self = .perDay
        }
    }

    public var isPerYear: Bool { self != .perDay }
}

/// What an indicator's figure is made of, from a run's stored KPIs.
enum IndicatorSource: Sendable, Hashable {
    /// A stored city KPI, per replication, as it is (times `scale`).
    case perDay(kpi: String, scale: Double)
    /// A stored city KPI that accumulates over the simulated days (counts,
    /// hours), shown per day: divided by the `days` KPI (1 for a day run).
    case dailyTotal(kpi: String, scale: Double)
    /// A stored accumulating city KPI shown per year (`AnnualBasis`).
    case annualTotal(kpi: String)
    /// Baseline minus this run of an accumulating city KPI, per year: a
    /// quantity "freed" by the scenario (paired when the runs pair).
    case freedAnnually(kpi: String)
}

/// One line of the headline: its label, unit, how it is computed and which
/// way is better.
struct Indicator: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case duration, share, quantity }
    /// Stable id, used in CSV output (`wait_mean`, `staff_hours_freed`).
    let id: String
    let label: MessageKey
    let kind: Kind
    let source: IndicatorSource
    let decimals: Int
    /// True when a lower value is better (waits, overtime).
    let lowerIsBetter: Bool

    /// The unit of the indicator's values (percent for shares).
    func unit(_ basis: AnnualBasis) -> MessageKey {
        switch kind {
        case .duration: return .unitMinutes
        case .share: return .unitPercent
        case .quantity:
            switch source {
            case .annualTotal, .freedAnnually: return basis.isPerYear ? .unitHoursPerYear : .unitHoursPerDay
            case .dailyTotal(let kpi, _) where kpi == "deflected": return .unitVisitsPerDay
            default: return .unitHoursPerDay
            }
        }
    }

    /// The unit of a difference (percentage points for shares).
    func differenceUnit(_ basis: AnnualBasis) -> MessageKey { kind == .share ? .unitPoints : unit(basis) }

    /// The values the indicator can take (intervals are cut to it).
    var possibleRange: ClosedRange<Double> { kind == .share ? 0...1 : 0...Double.greatestFiniteMagnitude }

    /// Shares are stored as fractions and shown as percentages.
    var displayScale: Double { kind == .share ? 100 : 1 }

    static let meanWait = Indicator(id: "wait_mean", label: .meanWait, kind: .duration,
                                    source: .perDay(kpi: "wait_mean", scale: 1), decimals: 1, lowerIsBetter: true)
    static let p90Wait = Indicator(id: "wait_p90", label: .p90Wait, kind: .duration,
                                   source: .perDay(kpi: "wait_p90", scale: 1), decimals: 1, lowerIsBetter: true)
    static let timeInOffice = Indicator(id: "time_in_office_mean", label: .timeInOffice, kind: .duration,
                                        source: .perDay(kpi: "time_in_office_mean", scale: 1), decimals: 1, lowerIsBetter: true)
    static let within15 = Indicator(id: "served_within_15", label: .servedWithin15, kind: .share,
                                    source: .perDay(kpi: "served_within_15", scale: 1), decimals: 1, lowerIsBetter: false)
    static let within30 = Indicator(id: "served_within_30", label: .servedWithin30, kind: .share,
                                    source: .perDay(kpi: "served_within_30", scale: 1), decimals: 1, lowerIsBetter: false)
    static let within60 = Indicator(id: "served_within_60", label: .servedWithin60, kind: .share,
                                    source: .perDay(kpi: "served_within_60", scale: 1), decimals: 1, lowerIsBetter: false)
    static let abandonment = Indicator(id: "abandonment_rate", label: .abandonment, kind: .share,
                                       source: .perDay(kpi: "abandonment_rate", scale: 1), decimals: 1, lowerIsBetter: true)
    /// Stored in staff-minutes per day; shown in staff-hours.
    static let overtime = Indicator(id: "staff_overtime_hours", label: .overtime, kind: .quantity,
                                    source: .dailyTotal(kpi: "staff_overtime_minutes", scale: 1.0 / 60), decimals: 1,
                                    lowerIsBetter: true)
    static let visitsAvoided = Indicator(id: "visits_avoided", label: .visitsAvoided, kind: .quantity,
                                         source: .dailyTotal(kpi: "deflected", scale: 1), decimals: 0, lowerIsBetter: false)
    static let citizenHoursSaved = Indicator(id: "citizen_hours_saved", label: .citizenHoursSaved, kind: .quantity,
                                             source: .annualTotal(kpi: "citizen_hours_saved"), decimals: 0, lowerIsBetter: false)
    static let staffHoursFreed = Indicator(id: "staff_hours_freed", label: .staffHoursFreed, kind: .quantity,
                                           source: .freedAnnually(kpi: "staff_busy_hours_total"), decimals: 0, lowerIsBetter: false)

    /// Staff working hours (counters, back office, centre), per year: the
    /// differences table's counterpart of "staff hours freed".
    static let staffHours = Indicator(id: "staff_busy_hours", label: .staffHours, kind: .quantity,
                                      source: .annualTotal(kpi: "staff_busy_hours_total"), decimals: 0, lowerIsBetter: true)

    /// Headline table 1: waiting and service.
    static let service: [Indicator] = [meanWait, p90Wait, timeInOffice, within15, within30, within60, abandonment]
    /// Headline table 2: staff and citizens' time.
    static let resources: [Indicator] = [overtime, visitsAvoided, citizenHoursSaved, staffHoursFreed]
    static let headline = service + resources
    /// Rows of a differences table.
    static let differences: [Indicator] = service + [overtime, visitsAvoided, citizenHoursSaved, staffHours]
}
