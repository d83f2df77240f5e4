import SimKernel

/// A point estimate with its confidence interval: what every number in a
/// report table is. Plain values, so reports do not depend on how results
/// were stored.
///
/// ```swift
/// let e = Estimate(mean: 18.4, low: 16.9, high: 19.9)            // 95 % by default
/// let d = Estimate(ConfidenceInterval.pairedDifference(base: b, other: o))
/// d.direction   // .lower when the whole interval is below zero
/// ```
public struct Estimate: Sendable, Hashable {
    public var mean: Double
    public var low: Double
    public var high: Double
    /// Confidence level, e.g. 0.95.
    public var level: Double

    public init(mean: Double, low: Double, high: Double, level: Double = 0.95) {
        self.mean = mean
        self.low = low
        self.high = high
        self.level = level
    }

    /// From the kernel's Student-t interval.
    public init(_ ci: ConfidenceInterval) {
        self.init(mean: ci.mean, low: ci.low, high: ci.high, level: ci.level)
    }

    /// Where the interval lies relative to zero: for a difference, whether
    /// the change is detectable and which way.
    public enum Direction: Sendable, Hashable {
        case lower, higher, undetermined
    }

    public var direction: Direction {
        guard low.isFinite, high.isFinite else { return .undetermined }
        if high < 0 { return .lower }
        if low > 0 { return .higher }
        return .undetermined
    }
}
