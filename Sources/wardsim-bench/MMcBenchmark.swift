import SimKernel
import Validation

/// M/M/10 at utilisation 0.9 (λ = 9, μ = 1), 10⁶ customers, one thread: the
/// model every discrete-event library is compared on, and the one the SimPy
/// reference in `Benchmarks/simpy_mmc.py` runs.
///
/// - `mmc_customers_per_second`: through `Validation.MultiServerQueue`, the
///   model the queueing-theory tests check against Erlang C.
/// - `mmc_customers_per_second_bare`: the same queue written in a few lines
///   directly on the kernel (`BareMMcModel`), the kernel's ceiling.
///
/// Each rate is the best of `repetitions` runs, interleaved; the ratio is the
/// median of the per-repetition ratios. The mean wait of each run is checked
/// against Erlang C (0.6687) loosely (±10 % at 10⁶ customers, ±35 % at the
/// 5 · 10⁴ of `--quick`), so a broken model cannot post a fast figure.
func mmcBenchmark(_ options: BenchOptions) -> [Figure] {
    let customers = options.quick ? 50_000 : 1_000_000
    let config = QueueConfiguration(
        servers: 10, classes: [CustomerClass(arrivalRate: 9, service: .exponential(mean: 1))])
    var validation = Double.infinity, bare = Double.infinity
    var ratios: [Double] = []
    for repetition in 0..<max(options.repetitions, 1) {
        let seed = UInt64(20_240_401 + repetition)

        var watch = Stopwatch(options.clock)
        let result = MultiServerQueue.run(config, customers: customers, warmupCustomers: 0,
                                          seed: seed, replication: 0)
        let validationSeconds = watch.seconds
        validation = min(validation, validationSeconds)
        checkWait(result.meanWait, served: result.total.served, customers: customers,
                  quick: options.quick, model: "MultiServerQueue")

        watch = Stopwatch(options.clock)
        let run = BareMMcModel.run(servers: 10, arrivalRate: 9, serviceRate: 1, customers: customers, seed: seed)
        let bareSeconds = watch.seconds
        bare = min(bare, bareSeconds)
        ratios.append(validationSeconds / bareSeconds)
        checkWait(run.meanWait, served: run.served, customers: customers, quick: options.quick, model: "bare M/M/10")
    }
    return [
        Figure("mmc_customers_per_second", Double(customers) / validation, unit: "customers/s"),
        Figure("mmc_customers_per_second_bare", Double(customers) / bare, unit: "customers/s"),
        Figure("mmc_bare_vs_validation_ratio", median(ratios), unit: "×", decimals: 3),
    ]
}

/// Exact M/M/10 mean wait in queue at λ = 9, μ = 1 (Erlang C), in service units.
let mmcExactWait = 0.668_732

private func checkWait(_ wait: Double, served: Int, customers: Int, quick: Bool, model: String) {
    let tolerance = quick ? 0.35 : 0.10
    precondition(served == customers, "\(model): served \(served) of \(customers) customers")
    precondition(abs(wait - mmcExactWait) <= tolerance * mmcExactWait,
                 "\(model): mean wait \(wait), Erlang C \(mmcExactWait): the model is wrong, its speed means nothing")
}
