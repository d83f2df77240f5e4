import Experiments
import Foundation
import RunStore
import SimKernel
import WardModel

/// The run store's speed on trace rows (`wardsim run --trace`).
///
/// - `store_citizen_rows_per_second`: `RunStore.measureInsertRates`, synthetic
///   citizen rows in batches of 1 000, one transaction each.
/// - `trace_citizen_rows_per_second`: the real trace of `baseline.yaml`
///   ordinary days (every demand of the day), stored the way `wardsim run
///   --trace` stores it: one `record(citizens:for:)` per batch of
///   replications. Only the store writes are timed (simulation and row
///   building are not).
/// - `trace_simulation_time_ratio`: simulating the same `baseline.yaml` days
///   (one replication each, one thread) traced ÷ untraced: what collecting
///   the records and 15-minute levels costs the model.
///
/// Both are best of `repetitions`, each into a fresh file in a temporary
/// directory, timed with `options.clock` (thread CPU time by default: the
/// writes are CPU-bound, WAL mode with `synchronous = NORMAL` does no fsync
/// per commit).
func traceBenchmark(_ options: BenchOptions) -> [Figure] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wardsim-bench-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repetitions = max(options.repetitions, 1)

    // Synthetic rows.
    let rows = options.quick ? 20_000 : 300_000
    var bestMicro = 0.0
    for r in 0..<repetitions {
        let path = "\(dir)/micro-\(r).sqlite"
        let rates = try! RunStore.measureInsertRates(rows: rows, path: path, seconds: { seconds(options.clock) })
        bestMicro = max(bestMicro, rates.citizenRowsPerSecond)
        removeStore(path)
    }

    // The real trace of baseline ordinary days, batched like a run.
    var simulator = try! WardSimulator(scenario: loadShipped("baseline"))
    simulator.tracing = true
    let plan = ExperimentPlan(replications: options.quick ? 8 : 400, seed: 1, days: .single(.ordinary))
    var batches: [[CitizenRecord]] = []
    _ = ScenarioExperiment.run(simulator, plan: plan) { batch in batches.append(RunRecording.citizenRows(batch)) }
    let total = batches.reduce(0) { $0 + $1.count }
    var bestTrace = 0.0
    for r in 0..<repetitions {
        let path = "\(dir)/trace-\(r).sqlite"
        let store = try! RunStore.open(path: path)
        let run = try! store.beginRun(RunRecord(
            scenarioName: "baseline", scenarioText: "benchmark", scenarioHash: "benchmark", seed: 1,
            replications: plan.replications, dayRange: "ordinary", programVersion: "benchmark", traced: true))
        let watch = Stopwatch(options.clock)
        for batch in batches { try! store.record(citizens: batch, for: run) }
        bestTrace = max(bestTrace, Double(total) / watch.seconds)
        try! store.finishRun(run, status: .done)
        removeStore(path)
    }
    // Tracing's cost in the simulation itself.
    let days = options.quick ? 20 : 300
    var plainTime = Double.infinity, tracedTime = Double.infinity
    for _ in 0..<repetitions {
        var watch = Stopwatch(options.clock)
        var untraced = 0
        for r in 0..<days { untraced += simulator.runReplication(r, seed: 1, days: .single(.ordinary), trace: false).citizensSimulated }
        plainTime = min(plainTime, watch.seconds)
        watch = Stopwatch(options.clock)
        var traced = 0
        for r in 0..<days { traced += simulator.runReplication(r, seed: 1, days: .single(.ordinary), trace: true).citizensSimulated }
        tracedTime = min(tracedTime, watch.seconds)
        precondition(traced == untraced, "tracing changed the simulation")
    }
    return [
        Figure("store_citizen_rows_per_second", bestMicro, unit: "rows/s"),
        Figure("trace_citizen_rows_per_second", bestTrace, unit: "rows/s"),
        Figure("trace_citizen_rows_per_batch", Double(total) / Double(batches.count), unit: "rows"),
        Figure("trace_simulation_time_ratio", tracedTime / plainTime, unit: "×", decimals: 3),
    ]
}

/// Seconds on `clock` (for timers handed to library code).
private func seconds(_ clock: TimingClock) -> Double {
    Stopwatch.now(clock)
}

private func removeStore(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
