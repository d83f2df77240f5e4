#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Running mean, variance, minimum and maximum of observations (Welford's
/// algorithm: numerically stable, O(1) memory, no allocation).
///
/// ```swift
/// var waits = Tally()
/// waits.add(3.5); waits.add(7.0)
/// waits.mean          // 5.25
/// ```
public struct Tally: Sendable, Hashable {
    // Stored fields are @usableFromInline so `add` can be inlined into models.
    @usableFromInline var n: Int = 0
    @usableFromInline var mu: Double = 0
    @usableFromInline var m2: Double = 0
    @usableFromInline var lowest: Double = .infinity
    @usableFromInline var highest: Double = -.infinity
    @usableFromInline var total: Double = 0

    public var count: Int { n }
    public var mean: Double { mu }
    public var min: Double { lowest }
    public var max: Double { highest }
    public var sum: Double { total }

    public init() {}

    @inlinable public mutating func add(_ x: Double) {
        n += 1
        let delta = x - mu
        mu += delta / Double(n)
        m2 += delta * (x - mu)
        total += x
        if x < lowest { lowest = x }
        if x > highest { highest = x }
    }

    /// Sample variance (n − 1 denominator); 0 for fewer than two observations.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    public var standardDeviation: Double { variance.squareRoot() }

    /// Combines two tallies as if every observation had been added to one
    /// (Chan et al.'s parallel update).
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let both = Double(n + other.n)
        let delta = other.mu - mu
        m2 += other.m2 + delta * delta * Double(n) * Double(other.n) / both
        mu += delta * Double(other.n) / both
        n += other.n
        total += other.total
        lowest = Swift.min(lowest, other.lowest)
        highest = Swift.max(highest, other.highest)
    }

    /// Student-t interval for the mean of the observations, treating them as
    /// independent (e.g. one value per replication).
    public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval {
        ConfidenceInterval(mean: mean, standardDeviation: standardDeviation, count: count, level: level)
    }
}

/// Time-weighted average of a piecewise-constant quantity (queue length,
/// busy servers, lobby occupancy): the area under its path divided by time.
///
/// ```swift
/// var queue = TimeWeighted(startingAt: .zero)
/// queue.record(2, at: .minutes(10))   // 0 for 10 minutes, then 2
/// queue.average(until: .minutes(20))  // 1.0
/// ```
public struct TimeWeighted: Sendable, Hashable {
    @usableFromInline var value: Double
    @usableFromInline var changed: SimTime
    @usableFromInline var origin: SimTime
    @usableFromInline var area: Double = 0  // value × milliseconds
    @usableFromInline var peak: Double

    /// The value now.
    public var current: Double { value }
    /// When the value last changed.
    public var lastChange: SimTime { changed }
    /// Start of the averaging window.
    public var start: SimTime { origin }
    /// Largest value seen in the window.
    public var maximum: Double { peak }

    public init(startingAt start: SimTime = .zero, value: Double = 0) {
        self.origin = start; self.changed = start; self.value = value; self.peak = value
    }

    /// The quantity changes to `value` at `time` (not earlier than the last change).
    @inlinable public mutating func record(_ value: Double, at time: SimTime) {
        assert(time >= changed, "time-weighted statistic went back in time")
        area += self.value * Double(time.milliseconds - changed.milliseconds)
        changed = time
        self.value = value
        if value > peak { peak = value }
    }

    /// Area under the path from `start` to `end` (value × minutes).
    public func integral(until end: SimTime) -> Double {
        (area + current * Double(end.milliseconds - lastChange.milliseconds)) / 60_000
    }

    /// Time average from `start` to `end`.
    public func average(until end: SimTime) -> Double {
        let span = end.milliseconds - start.milliseconds
        guard span > 0 else { return current }
        return (area + current * Double(end.milliseconds - lastChange.milliseconds)) / Double(span)
    }

    /// Starts a fresh averaging window at `time`, keeping the current value
    /// (used to discard a warm-up period).
    public mutating func reset(at time: SimTime) {
        origin = time; changed = time; area = 0; peak = value
    }
}

/// Exact order statistics of a (day's) sample. Sorting is deferred until a
/// quantile is asked for.
public struct Samples: Sendable {
    public private(set) var values: [Double] = []
    var sorted = true

    public init(reservingCapacity n: Int = 0) { values.reserveCapacity(n) }

    public mutating func add(_ x: Double) {
        if let last = values.last, x < last { sorted = false }
        values.append(x)
    }
    public var count: Int { values.count }
    public mutating func removeAll() { values.removeAll(keepingCapacity: true); sorted = true }

    /// The `p`-quantile (0 ≤ p ≤ 1) by linear interpolation between order
    /// statistics (Hyndman & Fan type 7, the default of R and NumPy).
    /// NaN for an empty sample.
    public mutating func quantile(_ p: Double) -> Double {
        precondition((0...1).contains(p), "quantile outside 0...1")
        guard !values.isEmpty else { return .nan }
        if !sorted { values.sort(); sorted = true }
        let h = Double(values.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, values.count - 1)
        return values[lo] + (h - Double(lo)) * (values[hi] - values[lo])
    }

    /// Share of values ≤ `x`.
    public mutating func fraction(atMost x: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        if !sorted { values.sort(); sorted = true }
        var lo = 0, hi = values.count
        while lo < hi { let mid = (lo + hi) / 2; if values[mid] <= x { lo = mid + 1 } else { hi = mid } }
        return Double(lo) / Double(values.count)
    }
}

/// A two-sided Student-t confidence interval for a mean.
public struct ConfidenceInterval: Sendable, Hashable, CustomStringConvertible {
    public var mean: Double
    public var halfWidth: Double
    public var count: Int
    public var level: Double
    public var low: Double { mean - halfWidth }
    public var high: Double { mean + halfWidth }

    public init(mean: Double, halfWidth: Double, count: Int, level: Double) {
        self.mean = mean; self.halfWidth = halfWidth; self.count = count; self.level = level
    }

    /// From a sample mean, sample standard deviation and size; infinite
    /// half-width for fewer than two observations.
    public init(mean: Double, standardDeviation sd: Double, count n: Int, level: Double = 0.95) {
        let hw = n > 1 ? StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot() : .infinity
        self.init(mean: mean, halfWidth: hw, count: n, level: level)
    }

    /// From independent observations (one per replication).
    public init<C: Collection>(of values: C, level: Double = 0.95) where C.Element == Double {
        var t = Tally()
        for v in values { t.add(v) }
        self = t.confidenceInterval(level: level)
    }

    /// Paired-difference interval of `other − base`, observation by
    /// observation (the same replication index under common random numbers).
    public static func pairedDifference(base: [Double], other: [Double], level: Double = 0.95) -> ConfidenceInterval {
        precondition(base.count == other.count, "paired samples must have equal length")
        return ConfidenceInterval(of: zip(base, other).map { $1 - $0 }, level: level)
    }

    public func contains(_ x: Double) -> Bool { low <= x && x <= high }

    public var description: String { "\(mean) ± \(halfWidth) (\(Int((level * 100).rounded())) %, n=\(count))" }
}

/// The Student t distribution: CDF through the regularized incomplete beta
/// function, quantiles by bisection refined with Newton steps.
public enum StudentT {
    /// P(T ≤ t) for `nu` degrees of freedom.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let x = nu / (nu + t * t)
        let tail = 0.5 * SpecialFunctions.regularizedIncompleteBeta(a: nu / 2, b: 0.5, x: x)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p`-quantile for `nu` degrees of freedom (0 < p < 1).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1 && nu > 0)
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        var lo = 0.0, hi = 1.0
        while cdf(hi, degreesOfFreedom: nu) < p { hi *= 2; if hi > 1e12 { return hi } }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid, degreesOfFreedom: nu) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-13 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }
}

/// Special functions used by the statistics (Numerical Recipes, 3rd ed., §6).
public enum SpecialFunctions {
    /// I_x(a, b), the regularized incomplete beta function.
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x)
        if x < (a + 1) / (a + b + 2) {
            return exp(lnFront) * betaContinuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - exp(lnFront) * betaContinuedFraction(a: b, b: a, x: 1 - x) / b
    }

    static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300, eps = 1e-15
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0, d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
        }
        return h
    }

    /// P(a, x), the regularized lower incomplete gamma function (for
    /// chi-square tests and the gamma distribution's CDF).
    public static func regularizedLowerGamma(a: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x < a + 1 {
            var sum = 1 / a, term = 1 / a, ap = a
            for _ in 0..<100_000 {
                ap += 1; term *= x / ap; sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return sum * exp(-x + a * log(x) - lgamma(a))
        }
        // Continued fraction for Q(a, x) (Lentz).
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-15 { break }
        }
        return 1 - exp(-x + a * log(x) - lgamma(a)) * h
    }

    /// Standard normal CDF Φ(z).
    public static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
}
