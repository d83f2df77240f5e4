import SimKernel

/// Runs a scenario: one replication is one day (of the type the scenario or
/// the caller asks for) or every working day of the fiscal year, of every
/// office.
///
/// The simulator is an immutable, `Sendable` value: call `runReplication` from
/// as many threads as you like; each call has its own model state (the memory
/// of an earlier call's model, reset: see `ModelPool`). Results
/// depend only on (scenario, seed, replication, day selection) — never on
/// threads or on which other replications run.
///
/// ```swift
/// let sim = try WardSimulator(scenario: .exampleBaseline)
/// let kpis = sim.runReplication(0)                      // scenario's seed and days
/// let year = sim.runReplication(0, seed: 7, days: .fiscalYear)
/// year.city("served")                                   // annual total
/// ```
///
/// Complexity: O(visits × stages × log(pending events)) per day, plus
/// O(waits) for the quantiles at the end of a replication.
public struct WardSimulator: Sendable {
    public let compiled: CompiledScenario
    /// Day models kept between replications (shared by copies of this value).
    let models = ModelPool()
    public var scenario: WardScenario { compiled.scenario }
    /// Doubtful settings found while compiling (defaults used).
    public var warnings: [ScenarioProblem] { compiled.warnings }
    /// The fiscal-year calendar of the scenario.
    public let calendar: FiscalYearCalendar
    /// Whether replications report per-hour KPI rows (queue, lobby,
    /// utilisation by clock hour). On by default.
    public var hourlyRows = true
    /// Whether replications also return their trace (`ReplicationKPIs.trace`):
    /// per-citizen records and 15-minute levels. Off by default.
    public var tracing = false

    public init(scenario: WardScenario) throws(ScenarioReferenceError) {
        try self.init(compiled: CompiledScenario(scenario))
    }

    public init(compiled: CompiledScenario) {
        self.compiled = compiled
        calendar = FiscalYearCalendar(compiled.scenario.calendar)
    }

    /// The days one replication simulates under `selection`: the calendar's
    /// working days, or one undated day of the given type (ordinal 0).
    public func days(_ selection: DaySelection) -> [(date: CivilDate?, dayType: DayType, ordinal: Int)] {
        switch selection {
        case .single(let type): return [(nil, type, 0)]
        case .fiscalYear: return calendar.workingDays.map { ($0.date, $0.dayType, $0.ordinal) }
        }
    }

    /// Runs replication `r` with `seed` (default: the scenario's) over `days`
    /// (default: the scenario's selection).
    public func runReplication(_ r: Int, seed: UInt64? = nil, days selection: DaySelection? = nil) -> ReplicationKPIs {
        if tracing { return tracedReplication(r, seed: seed, days: selection) }
        let seed = seed ?? scenario.simulation.seed
        var model = models.take(compiled, keys: StreamKeys(seed: seed, replication: r))
        let list = days(selection ?? scenario.simulation.days)
        for day in list {
            model = WardDay.run(consume model, ordinal: day.ordinal, type: day.dayType, date: day.date)
        }
        let rows = model.kpi.rows(compiled, hourly: hourlyRows)
        let result = ReplicationKPIs(replication: r, seed: seed, days: list.count, citizensSimulated: model.citizensSimulated,
                                     invariantViolations: model.violations, rows: rows, daily: model.kpi.daily)
        models.give(model)
        return result
    }
}
