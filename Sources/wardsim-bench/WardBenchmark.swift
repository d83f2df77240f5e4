import Foundation
import SimKernel
import WardModel

/// The ward model's speed.
///
/// - `ward_citizens_per_second`: the shipped `scenarios/baseline.yaml` ward
///   day, simulated citizen by citizen on one thread, many days back to back
///   (best of `repetitions`).
/// - `year_seconds_one_core`: one fiscal-year replication of
///   `scenarios/kitakyushu-city.yaml` (every working day × 7 wards) on one thread.
/// - `year_seconds_per_replication_2_cores`: two year replications run in
///   parallel, wall-clock time divided by two (throughput on a 2-core machine).
///
/// The scenario files are found from the working directory (run from the
/// package root) or, failing that, from this source file's location.
func wardBenchmark(_ options: BenchOptions) -> [Figure] {
    [Figure("ward_citizens_per_second", citizensPerSecond(loadShipped("baseline"), options), unit: "citizens/s")]
}

/// `ward_simple_citizens_per_second`: `Benchmarks/simple-ward-day.yaml` (three
/// kinds of citizen, two stations, FIFO: the model `Benchmarks/simpy_ward.py`
/// writes in SimPy), measured as `ward_citizens_per_second` is.
/// `bash Benchmarks/compare.sh` prints the ratio to SimPy.
func wardSimpleBenchmark(_ options: BenchOptions) -> [Figure] {
    let simple = loadShipped("simple-ward-day", folder: "Benchmarks")
    return [Figure("ward_simple_citizens_per_second", citizensPerSecond(simple, options), unit: "citizens/s")]
}

/// Visits per second over 1 000 ordinary days back to back (50 with
/// `--quick`) on the calling thread, best of `repetitions`.
private func citizensPerSecond(_ scenario: WardScenario, _ options: BenchOptions) -> Double {
    let days = options.quick ? 50 : 1_000
    var best = Double.infinity
    var citizens = 0
    for repetition in 0..<max(options.repetitions, 1) {
        let watch = Stopwatch(options.clock)
        let result = try! WardBenchmark.measureCitizensPerSecond(scenario: scenario, days: days, seed: UInt64(1 + repetition))
        best = min(best, watch.seconds)
        citizens = result.citizens
    }
    return Double(citizens) / best
}

func yearBenchmark(_ options: BenchOptions) -> [Figure] {
    let city = loadShipped("kitakyushu-city")
    let simulator = try! WardSimulator(scenario: city)
    if options.quick {
        let watch = Stopwatch(.wall)
        let rep = simulator.runReplication(0, days: .single(.ordinary))
        return [Figure("year_quick_day_seconds", watch.seconds, unit: "s", decimals: 3),
                Figure("year_quick_citizens", Double(rep.citizensSimulated), unit: "citizens")]
    }
    var watch = Stopwatch(.wall)
    let one = simulator.runReplication(0, days: .fiscalYear)
    let oneCore = watch.seconds
    watch = Stopwatch(.wall)
    let two = ParallelYear.run(simulator, replications: 2)
    let perReplication = watch.seconds / 2
    precondition(one.invariantViolations == 0 && two.allSatisfy { $0.invariantViolations == 0 })
    return [
        Figure("year_days", Double(one.days), unit: "working days"),
        Figure("year_citizens", Double(one.citizensSimulated), unit: "citizens"),
        Figure("year_seconds_one_core", oneCore, unit: "s", decimals: 2),
        Figure("year_seconds_per_replication_2_cores", perReplication, unit: "s", decimals: 2),
    ]
}

/// Two year replications on two threads (one each).
enum ParallelYear {
    static func run(_ simulator: WardSimulator, replications: Int) -> [ReplicationKPIs] {
        let results = ResultBox(count: replications)
        DispatchQueue.concurrentPerform(iterations: replications) { r in
            results.set(r, simulator.runReplication(r, days: .fiscalYear))
        }
        return results.values.map { $0! }
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [ReplicationKPIs?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: ReplicationKPIs) { lock.withLock { values[i] = value } }
    }
}

/// A shipped scenario, from `scenarios/` under the working directory or
/// next to this package's sources.
func loadShipped(_ name: String, folder: String = "scenarios") -> WardScenario {
    let candidates = [
        "\(folder)/\(name).yaml",
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("\(folder)/\(name).yaml").path,
    ]
    for path in candidates where FileManager.default.fileExists(atPath: path) {
        do { return try ScenarioLoader.load(path: path).scenario } catch {
            fatalError("\(path): \(error)")
        }
    }
    fatalError("cannot find \(folder)/\(name).yaml: run from the package root")
}
