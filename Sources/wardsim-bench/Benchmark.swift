/// One benchmark: a name for `--only`, and a function that measures and
/// returns its figures.
///
/// Adding a benchmark is adding one file with one function
/// `(BenchOptions) -> [Figure]` and one line in `Benchmark.all`:
///
/// ```swift
/// // StoreBenchmark.swift
/// func storeBenchmark(_ options: BenchOptions) -> [Figure] {
///     let best = Stopwatch.best(of: options.repetitions) { … }
///     return [Figure("store_rows_per_second", rows / best, unit: "rows/s")]
/// }
/// ```
struct Benchmark: Sendable {
    /// Name used by `--only` (e.g. `hold`, `mmc`).
    var name: String
    /// What it measures, for `--list`.
    var summary: String
    var run: @Sendable (BenchOptions) -> [Figure]

    /// Every benchmark, in the order they run. Memory-hungry ones go last so
    /// `peak_rss_mb` reflects the largest of them.
    static let all: [Benchmark] = [
        Benchmark(name: "hold", summary: "hold model, 1 000 pending events: kernel EventQueue vs swift-collections Heap",
                  run: holdBenchmark),
        Benchmark(name: "mmc", summary: "M/M/10 (λ=9, μ=1), 10⁶ customers, one thread",
                  run: mmcBenchmark),
        Benchmark(name: "ward", summary: "baseline.yaml ward days, citizen by citizen, one thread",
                  run: wardBenchmark),
        Benchmark(name: "ward_simple", summary: "Benchmarks/simple-ward-day.yaml (3 kinds of citizen, 2 stations), one thread",
                  run: wardSimpleBenchmark),
        Benchmark(name: "trace", summary: "run store: synthetic citizen rows, and the real trace rows of baseline.yaml days",
                  run: traceBenchmark),
        Benchmark(name: "year", summary: "kitakyushu-city.yaml fiscal year (7 wards): one core, and two replications on two cores",
                  run: yearBenchmark),
        Benchmark(name: "store", summary: "run store: KPI rows/s, cost of storing a baseline run's KPIs",
                  run: storeBenchmark),
        Benchmark(name: "sweep", summary: "8-point sweep of the baseline: --jobs 2 vs --jobs 1, wall clock",
                  run: sweepBenchmark),
    ]
}

/// One reported number. `key` is the snake_case JSON key.
struct Figure: Sendable {
    var key: String
    var value: Double
    var unit: String
    /// Decimal places in the output (0 for rates, 3 for ratios).
    var decimals: Int

    init(_ key: String, _ value: Double, unit: String, decimals: Int = 0) {
        self.key = key; self.value = value; self.unit = unit; self.decimals = decimals
    }
}
