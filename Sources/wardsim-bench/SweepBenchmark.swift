import Experiments
import Foundation
import RunStore
import SimKernel
import WardModel

/// `sweep_speedup_2_cores`: the same small sweep of `scenarios/baseline.yaml`
/// (16 points — counters 9 to 12 × convenience-store share 30, 40, 50 or
/// 60 % — of 20 replications each, the scenario's own count; 4 points of 4
/// with `--quick`) run with `jobs` 1
/// and 2, each into a fresh store file, timed on the wall clock (the point
/// is to use two cores); best of `repetitions` each, interleaved. It times
/// the whole sweep: preparing (one scenario load per point, kept for the
/// run), simulating each point, and storing it. (It had 8 points until the
/// run store's speed-up; 16 halve the weight of what cannot run in
/// parallel: creating the file, and the checkpoint when it is closed.)
///
/// Also `sweep_points_per_second_2_jobs`. Needs the scenario file: found
/// from the working directory (the package root, as with `swift run`) or
/// next to this source file.
func sweepBenchmark(_ options: BenchOptions) -> [Figure] {
    guard let scenario = baselineScenarioPath() else {
        printError("  sweep: scenarios/baseline.yaml not found; run from the package root\n")
        return []
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wardsim-bench-sweep-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let base = try! ScenarioLoader.load(path: scenario)
    let spec = try! SweepSpec(vary: [
        options.quick ? "offices[0].sections[0].counters=11:12:1" : "offices[0].sections[0].counters=9:12:1",
        options.quick ? "procedures.certificate.channels.convenience_store=30%,50%"
            : "procedures.certificate.channels.convenience_store=30%,40%,50%,60%",
    ])
    let plan = ExperimentPlan(replications: options.quick ? 4 : 20, seed: 1, days: .single(.ordinary))
    var best = [1: Double.infinity, 2: Double.infinity]
    var file = 0
    for _ in 0..<max(options.repetitions, 1) {
        for jobs in [1, 2] {
            file += 1
            let config = SweepRunner.Configuration(
                scenarioPath: scenario, base: base, spec: spec, plan: plan, jobs: jobs,
                storePath: directory.appendingPathComponent("sweep-\(file).sqlite").path)
            let watch = Stopwatch(.wall)
            let summary = try! SweepRunner.run(try! SweepRunner.prepare(config))
            best[jobs] = min(best[jobs]!, watch.seconds)
            precondition(summary.pointsRun == spec.points.count, "the sweep ran \(summary.pointsRun) points")
        }
    }
    return [
        Figure("sweep_speedup_2_cores", best[1]! / best[2]!, unit: "×", decimals: 3),
        Figure("sweep_points_per_second_2_jobs", Double(spec.points.count) / best[2]!, unit: "points/s", decimals: 1),
    ]
}

/// `scenarios/baseline.yaml` under the working directory, else under the
/// package root found from this source file.
func baselineScenarioPath() -> String? {
    let relative = "scenarios/baseline.yaml"
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let candidates = [FileManager.default.currentDirectoryPath + "/" + relative, root.path + "/" + relative]
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
}
