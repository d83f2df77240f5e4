import SimKernel

/// Identifies one measured quantity: which part of the model (scope kind and
/// name, e.g. `section` / `市民課`) and which KPI (e.g. `wait_mean_min`).
public struct MeasureKey: Hashable, Sendable, Comparable {
    public var scope: String
    public var scopeName: String
    public var kpi: String
    public init(scope: String, scopeName: String, kpi: String) {
        self.scope = scope; self.scopeName = scopeName; self.kpi = kpi
    }
    public static func < (a: Self, b: Self) -> Bool {
        (a.scope, a.scopeName, a.kpi) < (b.scope, b.scopeName, b.kpi)
    }
}

/// A KPI's estimate over replications: mean and Student-t interval.
public struct Estimate: Sendable, Hashable {
    public var key: MeasureKey
    public var interval: ConfidenceInterval
    public var mean: Double { interval.mean }
    public var low: Double { interval.low }
    public var high: Double { interval.high }
}

public enum Estimates {
    /// Turns per-replication measurements into one estimate per key, in the
    /// order keys first appear. A key missing from some replications (a
    /// section with no citizens that day) is estimated from those that have it.
    ///
    /// NaN values (e.g. a P90 of an empty sample) are skipped.
    public static func summarise(_ replications: [[(MeasureKey, Double)]], level: Double = 0.95) -> [Estimate] {
        var order: [MeasureKey] = []
        var tallies: [MeasureKey: Tally] = [:]
        for rep in replications {
            for (key, value) in rep where !value.isNaN {
                if tallies[key] == nil { order.append(key); tallies[key] = Tally() }
                tallies[key]!.add(value)
            }
        }
        var intervals = IntervalBuilder(level: level)
        return order.map { Estimate(key: $0, interval: intervals.interval(tallies[$0]!)) }
    }

    /// Paired differences `other − base` per key, replication by replication
    /// (valid under common random numbers: replication i of both used the
    /// same streams). Keys absent from either side are skipped.
    public static func pairedDifferences(base: [[(MeasureKey, Double)]], other: [[(MeasureKey, Double)]],
                                         level: Double = 0.95) -> [Estimate] {
        precondition(base.count == other.count, "paired runs need the same replications")
        var order: [MeasureKey] = []
        var tallies: [MeasureKey: Tally] = [:]
        for (b, o) in zip(base, other) {
            let baseValues = Dictionary(b, uniquingKeysWith: { first, _ in first })
            for (key, value) in o {
                guard let bv = baseValues[key], !bv.isNaN, !value.isNaN else { continue }
                if tallies[key] == nil { order.append(key); tallies[key] = Tally() }
                tallies[key]!.add(value - bv)
            }
        }
        var intervals = IntervalBuilder(level: level)
        return order.map { Estimate(key: $0, interval: intervals.interval(tallies[$0]!)) }
    }
}

/// `Tally.confidenceInterval(level:)` with the Student-t quantile computed
/// once per sample size: all KPIs of a run usually share one, and each
/// quantile costs a bisection over the incomplete beta function — for the
/// 600 KPIs of a replication, more than the replications themselves.
/// Bit for bit the kernel's interval (same expression, same order).
struct IntervalBuilder {
    let level: Double
    private var quantiles: [Int: Double] = [:]

    init(level: Double) { self.level = level }

    mutating func interval(_ tally: Tally) -> ConfidenceInterval {
        let n = tally.count
        guard n > 1 else { return tally.confidenceInterval(level: level) }
        let t: Double
        if let cached = quantiles[n] { t = cached } else {
            t = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(n - 1))
            quantiles[n] = t
        }
        return ConfidenceInterval(mean: tally.mean, halfWidth: t * tally.standardDeviation / Double(n).squareRoot(),
                                  count: n, level: level)
    }
}
