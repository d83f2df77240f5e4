import SimKernel

/// Timings of the ward model for `wardsim-bench`.
///
/// ```swift
/// let (citizens, seconds) = try WardBenchmark.measureCitizensPerSecond()
/// print(Double(citizens) / seconds, "citizens/s")
/// ```
public enum WardBenchmark {
    /// Simulates `days` independent days of `dayType` of `scenario` (default
    /// the baseline ward) back to back on the calling thread, citizen by
    /// citizen, then builds the KPI rows once, as one replication would.
    /// Returns the visits simulated (those that came to an office) and the
    /// wall-clock seconds, compilation excluded.
    public static func measureCitizensPerSecond(
        scenario: WardScenario = .exampleBaseline, days: Int = 2_000, dayType: DayType = .ordinary, seed: UInt64 = 1
    ) throws(ScenarioReferenceError) -> (citizens: Int, seconds: Double) {
        let compiled = try CompiledScenario(scenario)
        let clock = ContinuousClock()
        let start = clock.now
        var model = WardDay(compiled: compiled, keys: StreamKeys(seed: seed, replication: 0))
        for d in 0..<days { model = WardDay.run(consume model, ordinal: d, type: dayType) }
        let rows = model.kpi.rows(compiled, hourly: true)
        let elapsed = clock.now - start
        precondition(!rows.isEmpty && model.violations == 0)
        return (model.citizensSimulated, seconds(elapsed))
    }

    /// One fiscal-year replication of `scenario` (default: the seven-ward
    /// city) on the calling thread: visits simulated, working days, seconds.
    public static func measureYear(
        scenario: WardScenario = .exampleCity, replication: Int = 0, seed: UInt64 = 1
    ) throws(ScenarioReferenceError) -> (citizens: Int, days: Int, seconds: Double) {
        let sim = try WardSimulator(scenario: scenario)
        let clock = ContinuousClock()
        let start = clock.now
        let k = sim.runReplication(replication, seed: seed, days: .fiscalYear)
        return (k.citizensSimulated, k.days, seconds(clock.now - start))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
