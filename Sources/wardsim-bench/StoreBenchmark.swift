import Experiments
import Foundation
import RunStore
import WardModel

/// The run store's cost.
///
/// - `store_rows_per_second`: KPI rows inserted per second the way a run
///   writes them (`RunStore.measureInsertRate`: batches of 1 000 rows, one
///   transaction each, WAL, `synchronous = NORMAL`), best of `repetitions`,
///   each into a fresh file.
/// - `store_overhead_percent`: how much longer a baseline run takes when it
///   stores its per-replication KPIs, as `wardsim run` does, than without:
///   (best with − best without) / best without, both timed on the wall clock
///   with replications on every core (the store writes between batches, on
///   one thread, so with more cores it weighs more). Runs interleaved.
/// - `store_write_percent`: the same cost measured directly — the time spent
///   inside the store's calls during the stored run (best of the
///   repetitions) over the best run without storing; less noisy than the
///   difference of two totals.
///
/// The model is `scenarios/baseline.yaml` (if found, see `sweepBenchmark`;
/// else the built-in `WardScenario.exampleBaseline`), 20 replications of an
/// ordinary day, its own count (4 with `--quick`).
func storeBenchmark(_ options: BenchOptions) -> [Figure] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wardsim-bench-store-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let repetitions = max(options.repetitions, 1)

    // Insert rate.
    var rate = 0.0
    for repetition in 0..<repetitions {
        let path = directory.appendingPathComponent("insert-\(repetition).sqlite").path
        rate = max(rate, try! RunStore.measureInsertRate(rows: options.quick ? 20_000 : 200_000, path: path))
    }

    // A baseline run with and without storing.
    let scenario = baselineScenarioPath().map { try! ScenarioLoader.load(path: $0).scenario } ?? .exampleBaseline
    let simulator = try! WardSimulator(scenario: scenario)
    let plan = ExperimentPlan(replications: options.quick ? 4 : 20, seed: 1, days: .single(.ordinary))
    var without = Double.infinity, with = Double.infinity, writing = Double.infinity
    var rows = 0
    for repetition in 0..<repetitions {
        var watch = Stopwatch(.wall)
        let plain = ScenarioExperiment.run(simulator, plan: plan) { _ in }
        without = min(without, watch.seconds)

        let store = try! RunStore.open(path: directory.appendingPathComponent("run-\(repetition).sqlite").path)
        watch = Stopwatch(.wall)
        var inStore = 0.0
        let run = try! store.beginRun(RunRecord(
            scenarioName: "baseline", scenarioText: "benchmark", scenarioHash: "benchmark", seed: plan.seed,
            replications: plan.replications, dayRange: "ordinary", programVersion: RunRecording.programVersion))
        let stored = try! ScenarioExperiment.run(simulator, plan: plan) { batch in
            let storeWatch = Stopwatch(.wall)
            try store.record(kpis: RunRecording.rows(batch), for: run)
            inStore += storeWatch.seconds
        }
        let finishWatch = Stopwatch(.wall)
        try! store.finishRun(run, status: .done)
        inStore += finishWatch.seconds
        with = min(with, watch.seconds)
        writing = min(writing, inStore)
        rows = stored.reduce(0) { $0 + $1.rows.count }
        precondition(plain.map { $0.city("wait_mean") } == stored.map { $0.city("wait_mean") },
                     "storing changed the results")
    }
    printError("  store: \(rows) KPI rows per run of \(plan.replications) replications\n")
    return [
        Figure("store_rows_per_second", rate, unit: "rows/s"),
        Figure("store_overhead_percent", (with - without) / without * 100, unit: "%", decimals: 2),
        Figure("store_write_percent", writing / without * 100, unit: "%", decimals: 2),
    ]
}
