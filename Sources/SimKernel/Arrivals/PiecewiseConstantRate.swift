/// An arrival rate that is constant within each interval of the day — the
/// hourly profile a planner reads off ticket-machine counts.
///
/// Rates are **arrivals per hour**, whatever the interval lengths; intervals
/// need not be an hour long nor aligned to the hour (08:30–09:00 can be one).
/// Outside `[start, end)` the rate is 0. Λ(t), the expected number of
/// arrivals from `start` to `t`, is piecewise linear; `NonHomogeneousPoisson`
/// samples by inverting it.
///
/// ```swift
/// // 08:30–17:15, hourly rates from 08:30, last interval 45 minutes.
/// let weekday = try PiecewiseConstantRate(
///     breakpoints: [.clock(8, 30), .clock(9, 30), .clock(10, 30), .clock(17, 15)],
///     ratesPerHour: [40, 65, 30])
/// weekday.expectedTotal                  // 40 + 65 + 30 × 6.75 = 307.5
/// let monday = try weekday.scaled(by: 1.25)  // day-type factor
/// ```
///
/// Complexity: lookups are O(log k) for k intervals; nothing allocates after init.
public struct PiecewiseConstantRate: Sendable, Hashable {
    /// Interval boundaries in milliseconds, strictly increasing; one more
    /// than there are rates.
    @usableFromInline let bounds: [Int64]
    /// Arrivals per hour in each interval.
    public let ratesPerHour: [Double]
    /// `cumulative[i]` = Λ(bounds[i]): expected arrivals before interval i.
    @usableFromInline let cumulative: [Double]

    @usableFromInline static let msPerHour = 3_600_000.0

    /// Intervals `[breakpoints[i], breakpoints[i+1])` with rate
    /// `ratesPerHour[i]`. Throws unless there is one more breakpoint than
    /// rates, breakpoints strictly increase, and rates are finite and ≥ 0.
    public init(breakpoints: [SimTime], ratesPerHour: [Double]) throws(ArrivalError) {
        guard !ratesPerHour.isEmpty else { throw ArrivalError("rate profile needs at least one interval (got no rates)") }
        guard breakpoints.count == ratesPerHour.count + 1 else {
            throw ArrivalError("rate profile needs one more breakpoint than rates (got \(breakpoints.count) breakpoints for \(ratesPerHour.count) rates)")
        }
        for i in 1..<breakpoints.count where breakpoints[i] <= breakpoints[i - 1] {
            throw ArrivalError("rate profile breakpoints must increase (got \(breakpoints[i]) after \(breakpoints[i - 1]))")
        }
        for (i, r) in ratesPerHour.enumerated() where !(r.isFinite && r >= 0) {
            throw ArrivalError("arrival rate must be finite and ≥ 0 (got \(DistributionError.format(r)) per hour in interval \(i + 1), from \(breakpoints[i]))")
        }
        bounds = breakpoints.map(\.milliseconds)
        self.ratesPerHour = ratesPerHour
        var c = [0.0]
        c.reserveCapacity(bounds.count)
        for i in ratesPerHour.indices {
            c.append(c[i] + ratesPerHour[i] * Double(bounds[i + 1] - bounds[i]) / Self.msPerHour)
        }
        cumulative = c
    }

    /// Equal-length intervals (an hourly profile by default) from `start`.
    public init(start: SimTime, interval: SimTime = .hours(1), ratesPerHour: [Double]) throws(ArrivalError) {
        guard interval > .zero else { throw ArrivalError("rate profile interval must be positive (got \(interval))") }
        try self.init(breakpoints: (0...ratesPerHour.count).map { start + interval * Int64($0) }, ratesPerHour: ratesPerHour)
    }

    /// A constant rate over `[start, end)`: a homogeneous Poisson process.
    public init(constantPerHour rate: Double, from start: SimTime, to end: SimTime) throws(ArrivalError) {
        try self.init(breakpoints: [start, end], ratesPerHour: [rate])
    }

    /// The interval boundaries.
    public var breakpoints: [SimTime] { bounds.map(SimTime.init(milliseconds:)) }
    /// Start of the first interval.
    public var start: SimTime { SimTime(milliseconds: bounds[0]) }
    /// End of the last interval: no arrivals from here on.
    public var end: SimTime { SimTime(milliseconds: bounds[bounds.count - 1]) }
    /// Expected arrivals over the whole profile, Λ(end).
    public var expectedTotal: Double { cumulative[cumulative.count - 1] }

    /// Every rate multiplied by `factor` (≥ 0): a day-type or seasonal factor.
    public func scaled(by factor: Double) throws(ArrivalError) -> PiecewiseConstantRate {
        guard factor.isFinite, factor >= 0 else { throw ArrivalError("rate factor must be finite and ≥ 0 (got \(DistributionError.format(factor)))") }
        return try PiecewiseConstantRate(breakpoints: breakpoints, ratesPerHour: ratesPerHour.map { $0 * factor })
    }

    /// Index of the interval containing `ms`, or nil outside `[start, end)`.
    @usableFromInline func interval(containing ms: Int64) -> Int? {
        guard ms >= bounds[0], ms < bounds[bounds.count - 1] else { return nil }
        var lo = 0, hi = bounds.count - 1  // bounds[lo] ≤ ms < bounds[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            if bounds[mid] <= ms { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Arrivals per hour at `time` (0 outside the profile).
    public func rate(at time: SimTime) -> Double {
        interval(containing: time.milliseconds).map { ratesPerHour[$0] } ?? 0
    }

    /// Λ(t): expected arrivals from `start` up to `time`.
    public func cumulativeIntensity(at time: SimTime) -> Double {
        let ms = time.milliseconds
        if ms <= bounds[0] { return 0 }
        guard let i = interval(containing: ms) else { return expectedTotal }
        return cumulative[i] + ratesPerHour[i] * Double(ms - bounds[i]) / Self.msPerHour
    }

    /// Expected arrivals in `[from, to)`.
    public func expectedCount(from: SimTime, to: SimTime) -> Double {
        cumulativeIntensity(at: to) - cumulativeIntensity(at: from)
    }

    /// The (unrounded) millisecond at which Λ reaches `intensity`, for
    /// 0 ≤ intensity < `expectedTotal`, searching forward from interval
    /// `hint` when it can (arrivals come in time order, so this is amortised
    /// O(1)). Returns the interval too, as the next hint.
    @usableFromInline
    func inverse(_ intensity: Double, hint: Int) -> (ms: Double, interval: Int) {
        // Largest i with cumulative[i] ≤ intensity; then cumulative[i+1] >
        // intensity, so interval i has a positive rate (zero-rate intervals
        // are skipped by construction).
        var i: Int
        if hint < ratesPerHour.count, cumulative[hint] <= intensity {
            i = hint
            while cumulative[i + 1] <= intensity { i += 1 }
        } else {
            var lo = 0, hi = cumulative.count - 1  // cumulative[lo] ≤ λ < cumulative[hi]
            while hi - lo > 1 {
                let mid = (lo + hi) >> 1
                if cumulative[mid] <= intensity { lo = mid } else { hi = mid }
            }
            i = lo
        }
        let ms = Double(bounds[i]) + (intensity - cumulative[i]) / ratesPerHour[i] * Self.msPerHour
        return (Swift.min(ms, Double(bounds[i + 1])), i)
    }

    /// The time at which Λ reaches `intensity`, or nil when the profile
    /// expects fewer arrivals than that in all.
    public func time(atCumulativeIntensity intensity: Double) -> SimTime? {
        guard intensity >= 0, intensity < expectedTotal else { return nil }
        return SimTime(milliseconds: Int64(inverse(intensity, hint: 0).ms.rounded()))
    }
}
