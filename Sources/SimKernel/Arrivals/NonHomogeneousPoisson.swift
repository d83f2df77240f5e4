#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Arrivals of a non-homogeneous Poisson process with a piecewise-constant
/// rate, generated one at a time by inverting the cumulative rate.
///
/// Each arrival costs exactly one uniform: the next arrival after t is the
/// time s with Λ(s) = Λ(t) + E, E ~ exponential(1). Unlike thinning, the
/// number of draws does not depend on the rates, so under common random
/// numbers a busier day-type shifts the same arrivals earlier instead of
/// reshuffling them, and the k-th arrival of two scenarios is driven by the
/// same uniform.
///
/// Times are rounded to the millisecond, but the generator remembers the
/// exact Λ of the arrival it last returned: asking for the next one after
/// that arrival continues from the unrounded value, so rounding never
/// accumulates.
///
/// ```swift
/// var arrivals = NonHomogeneousPoisson(profile: weekday)
/// var rng = RandomStream(seed: 42, stream: "arrivals.walk-in", replication: r)
/// var t = weekday.start
/// while let next = arrivals.next(after: t, using: &rng) {
///     schedule(.arrival, at: next); t = next
/// }
/// ```
///
/// Complexity: amortised O(1) per arrival in time order (O(log k) after a
/// jump), allocation-free.
public struct NonHomogeneousPoisson: Sendable, Hashable {
    /// The rate profile.
    public let profile: PiecewiseConstantRate
    @usableFromInline var lastTime: Int64 = .min
    @usableFromInline var lastIntensity: Double = 0
    @usableFromInline var cursor: Int = 0

    public init(profile: PiecewiseConstantRate) { self.profile = profile }

    /// The first arrival strictly after Λ(`time`) — i.e. after `time` up to
    /// the millisecond rounding — or nil when the profile ends first.
    /// Draws one uniform per call (also for the call that returns nil).
    @inlinable
    public mutating func next(after time: SimTime, using rng: inout RandomStream) -> SimTime? {
        let from = time.milliseconds == lastTime ? lastIntensity : profile.cumulativeIntensity(at: time)
        let target = from - log(rng.nextUniform())
        guard target < profile.expectedTotal else {
            lastTime = .min
            return nil
        }
        let (ms, interval) = profile.inverse(target, hint: cursor)
        cursor = interval
        let rounded = Swift.max(Int64(ms.rounded()), time.milliseconds)
        lastTime = rounded
        lastIntensity = target
        return SimTime(milliseconds: rounded)
    }

    /// Every arrival of one day (allocates the array: for analysis and
    /// tests; a model usually schedules one arrival at a time).
    public func arrivalTimes(using rng: inout RandomStream) -> [SimTime] {
        var copy = NonHomogeneousPoisson(profile: profile)
        var times: [SimTime] = []
        times.reserveCapacity(Int(profile.expectedTotal * 1.2) + 16)
        var t = profile.start
        while let next = copy.next(after: t, using: &rng) { times.append(next); t = next }
        return times
    }
}
