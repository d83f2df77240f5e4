#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a stopwatch counts.
enum TimingClock: String, Sendable {
    /// CPU time of the calling thread. The default for one-thread
    /// benchmarks: on a shared, oversubscribed machine, wall time mostly
    /// measures how long the scheduler kept us waiting, CPU time measures
    /// the work (customers per core-second).
    case threadCPU = "thread_cpu_time"
    /// Elapsed real time (for benchmarks that use several threads, or to
    /// check the CPU-time figures on a quiet machine with `--wall-clock`).
    case wall = "wall_clock"
}

/// Timing for benchmarks.
///
/// The machines are shared and noisy, so every figure is the best (shortest)
/// of several repetitions: noise only ever makes a run slower.
///
/// ```swift
/// let watch = Stopwatch(options.clock)
/// runModel()
/// let seconds = watch.seconds
/// ```
struct Stopwatch {
    private let clock: TimingClock
    private let start: Double

    init(_ clock: TimingClock) {
        self.clock = clock
        start = Stopwatch.now(clock)
    }

    /// Seconds since the stopwatch was made.
    var seconds: Double { Stopwatch.now(clock) - start }

    static func now(_ clock: TimingClock) -> Double {
        var ts = timespec()
        let id: clockid_t
        switch clock {
        case .threadCPU: id = CLOCK_THREAD_CPUTIME_ID
        case .wall: id = CLOCK_MONOTONIC
        }
        guard clock_gettime(id, &ts) == 0 else { preconditionFailure("clock_gettime failed") }
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// The median of `values` (NaN when empty). O(n log n).
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
