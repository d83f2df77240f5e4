import Experiments
import Foundation
import RunStore
import WardModel

/// The run store's cost.
///
/// - `store_rows_per_second`: KPI values stored per second the way a run
///   writes them (`RunStore.measureInsertRate`: whole replications per
///   batch, one transaction each, WAL, `synchronous = NORMAL`), best of
///   `repetitions`, each into a fresh file.
/// - `store_overhead_percent`: how much more a baseline run costs when it
///   stores its per-replication KPIs (begin, one batch per 4 replications,
///   finish with the summary — what `wardsim run` does, through the same
///   `RunRecording.runAndRecord`) than without: (best with − best without) /
///   best without, on one thread, timed in thread CPU time (the default;
///   `--wall-clock` for elapsed time), so that other processes on a shared
///   machine do not blur a difference of a few per cent. With one thread
///   the run stores on the calling thread, so this counts all the store's
///   work. Each stored run goes into a fresh file (opened before the clock
///   starts): its first write creates the WAL, and its KPI layout is new.
/// - `store_overhead_percent_all_cores`: the same on the wall clock with
///   replications on every core, as `wardsim run` runs them: batches are
///   stored on a writer thread while the next ones are simulated, so the
///   store's work competes for the cores rather than stopping them (this
///   figure is noisy on a busy machine).
///
/// The model is `scenarios/baseline.yaml` (if found, see `sweepBenchmark`;
/// else the built-in `WardScenario.exampleBaseline`), 20 replications of an
/// ordinary day, its own count (4 with `--quick`). Runs are interleaved.
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

    // A baseline run with and without storing, on one thread and on all.
    let scenario = baselineScenarioPath().map { try! ScenarioLoader.load(path: $0).scenario } ?? .exampleBaseline
    let simulator = try! WardSimulator(scenario: scenario)
    let replications = options.quick ? 4 : 20
    let oneThread = ExperimentPlan(replications: replications, seed: 1, days: .single(.ordinary), threads: 1, batchSize: 4)
    let allCores = ExperimentPlan(replications: replications, seed: 1, days: .single(.ordinary))
    var best = (without: Double.infinity, with: Double.infinity, allWithout: Double.infinity, allWith: Double.infinity)
    var file = 0
    func storedRun(_ plan: ExperimentPlan, clock: TimingClock) -> Double {
        file += 1
        let store = try! RunStore.open(path: directory.appendingPathComponent("run-\(file).sqlite").path)
        let watch = Stopwatch(clock)
        // What `wardsim run` does (`RunRecording.runAndRecord`): begin, one
        // transaction per batch, finish with the summary. With one thread
        // the store's work is done on the calling thread, so its CPU time
        // counts all of it; with several it is done on a writer thread
        // while the next batch is simulated.
        let (run, stored) = try! RunRecording.runAndRecord(RunRecord(
            scenarioName: "baseline", scenarioText: "benchmark", scenarioHash: "benchmark", seed: plan.seed,
            replications: plan.replications, dayRange: "ordinary", programVersion: RunRecording.programVersion),
            simulator: simulator, plan: plan, store: store)
        let seconds = watch.seconds
        precondition(stored.count == plan.replications && (try! store.kpis(run: run)).count
                     == stored.reduce(0) { $0 + $1.rows.count }, "the run was not stored whole")
        return seconds
    }
    func plainRun(_ plan: ExperimentPlan, clock: TimingClock) -> Double {
        let watch = Stopwatch(clock)
        _ = ScenarioExperiment.run(simulator, plan: plan) { _ in }
        return watch.seconds
    }
    for _ in 0..<repetitions {
        best.without = min(best.without, plainRun(oneThread, clock: options.clock))
        best.with = min(best.with, storedRun(oneThread, clock: options.clock))
        best.allWithout = min(best.allWithout, plainRun(allCores, clock: .wall))
        best.allWith = min(best.allWith, storedRun(allCores, clock: .wall))
    }
    let rows = simulator.runReplication(0, seed: 1, days: .single(.ordinary)).rows.count
    printError("  store: \(rows) KPIs per replication; \(replications) replications: "
        + "one thread \(ms(best.without)) ms, stored \(ms(best.with)) ms; "
        + "all cores \(ms(best.allWithout)) ms, stored \(ms(best.allWith)) ms\n")
    return [
        Figure("store_rows_per_second", rate, unit: "rows/s"),
        Figure("store_overhead_percent", (best.with - best.without) / best.without * 100, unit: "%", decimals: 2),
        Figure("store_overhead_percent_all_cores", (best.allWith - best.allWithout) / best.allWithout * 100,
               unit: "%", decimals: 2),
    ]
}

private func ms(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1000) }
