/// Wall-clock timing for benchmarks.
///
/// The machines are shared and noisy, so every figure is the best (shortest)
/// of several repetitions: noise only ever makes a run slower.
///
/// ```swift
/// let watch = Stopwatch()
/// runModel()
/// let seconds = watch.seconds
/// ```
struct Stopwatch {
    private static let clock = ContinuousClock()
    private let start = Stopwatch.clock.now

    init() {}

    /// Seconds since the stopwatch was made.
    var seconds: Double {
        let (whole, attoseconds) = (Stopwatch.clock.now - start).components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}

/// Keeps a value alive so the optimiser cannot delete the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
