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
///   finish with the summary — what `wardsim run` does) than without:
///   (best with − best without) / best without, on one thread, timed in
///   thread CPU time (the default; `--wall-clock` for elapsed time), so
///   that other processes on a shared machine do not blur a difference of
///   a few per cent.
/// - `store_overhead_percent_all_cores`: the same on the wall clock with
///   replications on every core, as `wardsim run` runs them: the store
///   writes between batches on one thread while the other cores wait, so it
///   weighs more the more cores there are (and this figure is noisy on a
///   busy machine).
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
    if ProcessInfo.processInfo.environment["STORE_PROFILE"] == nil {
    for repetition in 0..<repetitions {
        let path = directory.appendingPathComponent("insert-\(repetition).sqlite").path
        rate = max(rate, try! RunStore.measureInsertRate(rows: options.quick ? 20_000 : 200_000, path: path))
    }
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
        // What `wardsim run` does: begin, the batches, finish (on a writer
        // thread when the plan has several threads; see `runAndRecord`).
        let (run, stored) = try! RunRecording.runAndRecord(RunRecord(
            scenarioName: "baseline", scenarioText: "benchmark", scenarioHash: "benchmark", seed: plan.seed,
            replications: plan.replications, dayRange: "ordinary", programVersion: RunRecording.programVersion),
            simulator: simulator, plan: plan, store: store)
        let seconds = watch.seconds
        if ProcessInfo.processInfo.environment["STORE_PROFILE"] == nil {
        precondition(stored.count == plan.replications && (try! store.kpis(run: run)).count
                     == stored.reduce(0) { $0 + $1.rows.count }, "the run was not stored whole")
        }
        return seconds
    }
    func plainRun(_ plan: ExperimentPlan, clock: TimingClock) -> Double {
        let watch = Stopwatch(clock)
        _ = ScenarioExperiment.run(simulator, plan: plan) { _ in }
        return watch.seconds
    }
    if let n = ProcessInfo.processInfo.environment["STORE_PROFILE"].flatMap(Int.init) {
        var batches: [[ReplicationKPIs]] = []
        _ = ScenarioExperiment.run(simulator, plan: oneThread) { batches.append($0) }
        do {
            let v = batches[0][0].rows.map(\.value)
            let nan = v.filter(\.isNaN).count
            let ints = v.filter { !$0.isNaN && $0 == $0.rounded() }.count
            let textLen = v.map { $0.isNaN ? 4 : ($0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)).count : $0.description.count) }.reduce(0, +) + v.count + 1
            let frac = v.filter { !$0.isNaN && $0 != $0.rounded() }
            var runs = 0; var prev = ""
            for r in batches[0][0].rows { let key = r.scopeKind.rawValue + "|" + r.scope; if key != prev { runs += 1; prev = key } }
            printError("scope runs \(runs), distinct kpi names \(Set(batches[0][0].rows.map(\.name)).count), distinct scopes \(Set(batches[0][0].rows.map { $0.scopeKind.rawValue + "|" + $0.scope }).count)\n")
            printError("values \(v.count): nan \(nan), integers \(ints), other \(frac.count); json \(textLen) bytes; sample \(frac.prefix(30))\n")
        }
        let runsPerFile = Int(ProcessInfo.processInfo.environment["RUNS_PER_FILE"] ?? "1")!
        var t = [[Double]](repeating: [Double](repeating: 0, count: 8), count: runsPerFile)
        for _ in 0..<n {
            file += 1
            let store = try! RunStore.open(path: directory.appendingPathComponent("run-\(file).sqlite").path)
            for k in 0..<runsPerFile {
            var w = Stopwatch(.threadCPU)
            let run = try! store.beginRun(RunRecord(
                scenarioName: "baseline", scenarioText: "benchmark", scenarioHash: "benchmark", seed: 1,
                replications: 20, dayRange: "ordinary", programVersion: RunRecording.programVersion))
            t[k][0] += w.seconds
            var recorder = KPIRecorder(store: store, run: run)
            for (j, b) in batches.enumerated() {
                w = Stopwatch(.threadCPU)
                try! recorder.record(b)
                t[k][j == 0 ? 2 : 3] += w.seconds
            }
            w = Stopwatch(.threadCPU)
            try! store.finishRun(run, status: .done)
            t[k][4] += w.seconds
            }
        }
        for k in 0..<runsPerFile {
            printError("run \(k): " + ["begin", "rows", "record1", "record2-5", "finish"].enumerated().map { "\($0.1) \(Int(t[k][$0.0] / Double(n) * 1e6))" }.joined(separator: " ") + " us\n")
        }
        exit(0)
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
