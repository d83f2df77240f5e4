import Foundation
import RunStore
import SimKernel
import WardModel

/// How a scenario's replications are run.
public struct ExperimentPlan: Sendable, Hashable {
    public var replications: Int
    public var seed: UInt64
    public var days: DaySelection
    /// Worker threads (results never depend on it).
    public var threads: Int
    /// Replications handed to the workers at once; each batch is passed to
    /// `onBatch` (and so to the run store) as soon as it is complete.
    /// Default: 8 per thread (at least 16) for one-day replications, 2 per
    /// thread (at least 4) for fiscal years.
    public var batchSize: Int

    public init(replications: Int, seed: UInt64, days: DaySelection,
                threads: Int = ParallelReplications.defaultThreads, batchSize: Int? = nil) {
        self.replications = replications; self.seed = seed; self.days = days
        self.threads = max(1, threads)
        // Workers meet at the end of every batch, so a batch of short (one-day)
        // replications must be long enough for that wait not to matter: with
        // 4 one-day replications a batch, 2 threads ran 1.4× faster than one;
        // with 16, 1.7–2×. A year replication takes a second: small batches
        // keep what a killed run loses small.
        let perThread: Int
        switch days {
        case .single: perThread = 8
        case .fiscalYear: perThread = 2
        }
        self.batchSize = max(1, batchSize ?? max(self.threads * perThread, 2 * perThread))
    }
}

/// Runs a scenario's replications in parallel and hands finished batches to
/// the caller in replication order.
///
/// Replication `r` always uses the streams of (seed, r), so two scenarios run
/// with the same plan share common random numbers, and the results are the
/// same whatever `threads` is.
///
/// ```swift
/// let sim = try WardSimulator(scenario: loaded.scenario)
/// let reps = try ScenarioExperiment.run(sim, plan: ExperimentPlan(replications: 20, seed: 1, days: .single(.ordinary)))
/// let table = ScenarioExperiment.estimates(reps)
/// ```
public enum ScenarioExperiment {
    /// Runs the plan's replications; `onBatch` sees each finished batch in
    /// replication order. Traces (a simulator with `tracing` on) are handed
    /// to `onBatch` only and left out of the returned replications, so a
    /// long traced run does not hold every citizen record in memory.
    public static func run(
        _ simulator: WardSimulator, plan: ExperimentPlan, startingAt first: Int = 0,
        onBatch: ([ReplicationKPIs]) throws -> Void = { _ in }
    ) rethrows -> [ReplicationKPIs] {
        var all: [ReplicationKPIs] = []
        all.reserveCapacity(plan.replications)
        var next = first
        let end = first + plan.replications
        while next < end {
            let count = min(plan.batchSize, end - next)
            let base = next
            let batch = ParallelReplications.run(count: count, threads: plan.threads) { i in
                simulator.runReplication(base + i, seed: plan.seed, days: plan.days)
            }
            try onBatch(batch)
            for var rep in batch {
                rep.trace = nil
                all.append(rep)
            }
            next += count
        }
        return all
    }

    /// One replication's KPI rows as measurement keys for `Estimates`.
    public static func measures(_ replication: ReplicationKPIs) -> [(MeasureKey, Double)] {
        replication.rows.map { (MeasureKey(scope: $0.scopeKind.rawValue, scopeName: $0.scope, kpi: $0.name), $0.value) }
    }

    /// Mean and 95 % interval of every KPI over the replications. By
    /// position when the replications' rows line up (they do for one
    /// scenario), else by key; the same result either way (`PositionalEstimates`).
    public static func estimates(_ replications: [ReplicationKPIs], level: Double = 0.95) -> [Estimate] {
        PositionalEstimates.summarise(replications, level: level)
            ?? Estimates.summarise(replications.map(measures), level: level)
    }

    /// Paired differences `other − base` (same replication indices and seed).
    public static func differences(base: [ReplicationKPIs], other: [ReplicationKPIs], level: Double = 0.95) -> [Estimate] {
        PositionalEstimates.differences(base: base, other: other, level: level)
            ?? Estimates.pairedDifferences(base: base.map(measures), other: other.map(measures), level: level)
    }
}

/// The run-store side of an experiment: what is recorded for a run.
public enum RunRecording {
    /// The program version written with every run.
    public static let programVersion = "0.1.0"

    /// A stable 64-bit FNV-1a hash of the resolved scenario text, as 16 hex digits.
    public static func scenarioHash(_ text: String) -> String { fnv1a64Hex(text) }

    /// How a day selection is written in the store and on the command line.
    public static func dayRange(_ days: DaySelection) -> String {
        switch days {
        case .single(let type): return type.rawValue
        case .fiscalYear: return "year"
        }
    }

    public static func record(for loaded: LoadedScenario, plan: ExperimentPlan, traced: Bool = false,
                               sweep: SweepID? = nil, pointKey: String? = nil,
                               parameters: [RunParameter] = []) -> RunRecord {
        RunRecord(scenarioName: loaded.scenario.name, scenarioText: loaded.canonicalText,
                  scenarioHash: scenarioHash(loaded.canonicalText), seed: plan.seed,
                  replications: plan.replications, dayRange: dayRange(plan.days),
                  programVersion: programVersion, traced: traced, sweep: sweep, pointKey: pointKey,
                  parameters: parameters)
    }

    /// The store's rows for a batch of replications.
    public static func rows(_ batch: [ReplicationKPIs]) -> [StoredKPIRow] {
        var rows: [StoredKPIRow] = []
        rows.reserveCapacity(batch.reduce(0) { $0 + $1.rows.count })
        for rep in batch {
            for row in rep.rows {
                rows.append(StoredKPIRow(replication: rep.replication, scope: KPIScope(rawValue: row.scopeKind.rawValue),
                                            scopeName: row.scope, kpi: row.name, value: row.value))
            }
        }
        return rows
    }

    /// Runs `plan` for `loaded`, recording the run, each finished batch of
    /// replications (one transaction each) and its end state in `store`.
    /// With `trace` (the run is marked traced), each replication of a
    /// finished batch is one transaction holding its KPIs, citizen records
    /// and time series — per replication rather than per batch so that only
    /// one replication's rows are built at a time (a traced fiscal year of a
    /// city has millions).
    /// A failure marks the run `failed` with the error and rethrows.
    ///
    /// With one thread everything happens on the calling thread. With more
    /// (and no trace), batches are stored on a writer thread of their own
    /// while the next batch is simulated (`BackgroundWriter`: at most two
    /// finished batches wait, each still one transaction), so the cores do
    /// not wait for the store between batches. `progress` is called on the
    /// calling thread as each batch is finished (handed to the writer).
    public static func runAndRecord(
        _ loaded: LoadedScenario, simulator: WardSimulator, plan: ExperimentPlan, store: RunStore,
        trace: Bool = false, sweep: SweepID? = nil, pointKey: String? = nil, parameters: [RunParameter] = [],
        progress: ((Int) -> Void)? = nil
    ) throws -> (RunID, [ReplicationKPIs]) {
        try runAndRecord(
            record(for: loaded, plan: plan, traced: trace, sweep: sweep, pointKey: pointKey, parameters: parameters),
            simulator: simulator, plan: plan, store: store, trace: trace, progress: progress)
    }

    /// The same for a run described by `record` (its `traced` is set from `trace`).
    public static func runAndRecord(
        _ record: RunRecord, simulator: WardSimulator, plan: ExperimentPlan, store: RunStore,
        trace: Bool = false, progress: ((Int) -> Void)? = nil
    ) throws -> (RunID, [ReplicationKPIs]) {
        var simulator = simulator
        simulator.tracing = trace
        var record = record
        record.traced = trace
        let id = try store.beginRun(record)
        do {
            let reps: [ReplicationKPIs]
            if trace {
                reps = try ScenarioExperiment.run(simulator, plan: plan) { batch in
                    for rep in batch {
                        try store.record(kpis: rows([rep]), citizens: citizenRows([rep]),
                                         timeseries: timeSeriesRows([rep]), for: id)
                    }
                    progress?(batch.count)
                }
            } else if plan.threads == 1 {
                var recorder = KPIRecorder(store: store, run: id)
                reps = try ScenarioExperiment.run(simulator, plan: plan) { batch in
                    try recorder.record(batch)
                    progress?(batch.count)
                }
            } else {
                reps = try runWithWriter(simulator, plan: plan, recorder: KPIRecorder(store: store, run: id),
                                         progress: progress)
            }
            try store.finishRun(id, status: .done)
            return (id, reps)
        } catch {
            try? store.finishRun(id, status: .failed, error: String(describing: error))
            throw error
        }
    }

    /// Simulates on the calling thread's workers and stores on a writer
    /// thread; returns once every batch is stored (or rethrows the first
    /// error, after the writer has stopped, so the store is free again).
    private static func runWithWriter(
        _ simulator: WardSimulator, plan: ExperimentPlan, recorder: KPIRecorder, progress: ((Int) -> Void)?
    ) throws -> [ReplicationKPIs] {
        var recorder = recorder
        let writer = BackgroundWriter<[ReplicationKPIs]>(capacity: 2) { batch in try recorder.record(batch) }
        let reps: [ReplicationKPIs]
        do {
            reps = try ScenarioExperiment.run(simulator, plan: plan) { batch in
                try writer.put(batch)
                progress?(batch.count)
            }
        } catch {
            try? writer.finish()
            throw error
        }
        try writer.finish()
        return reps
    }
}
