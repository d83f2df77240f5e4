import RunStore
import SimKernel

/// Identifies one stored KPI: scope kind, scope name and KPI name, as the
/// run store keeps them (`section`, `小倉北区/citizen`, `wait_mean`).
public struct KPIKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var scope: String
    public var name: String
    public var kpi: String
    public init(_ scope: KPIScope, _ name: String, _ kpi: String) {
        self.scope = scope.rawValue; self.name = name; self.kpi = kpi
    }
    public init(scope: String, name: String, kpi: String) { self.scope = scope; self.name = name; self.kpi = kpi }
    public static func < (a: Self, b: Self) -> Bool { (a.scope, a.name, a.kpi) < (b.scope, b.name, b.kpi) }
    public var description: String { "\(scope)/\(name)/\(kpi)" }

    /// A city-wide KPI (`city` / `city`), as the ward model stores them.
    public static func city(_ kpi: String) -> KPIKey { KPIKey(scope: "city", name: "city", kpi: kpi) }
}

/// A run's per-replication KPI values, aligned by replication: `series(k)[i]`
/// is the value of replication `replications[i]`, NaN where it is missing
/// or undefined. Built once from `RunStore.kpis(run:)`; lookups are O(1).
///
/// ```swift
/// let v = KPIValues(rows: try store.kpis(run: id))
/// v.estimate(.city("wait_mean"))          // mean and 95 % interval
/// v.series(.city("deflected"))            // [105, 98, …], one per replication
/// ```
public struct KPIValues: Sendable {
    /// Replication indices present, ascending.
    public let replications: [Int]
    private let table: [KPIKey: [Double]]

    public init(rows: [KPIRow]) {
        let reps = Array(Set(rows.map(\.replication))).sorted()
        var position: [Int: Int] = [:]
        for (i, r) in reps.enumerated() { position[r] = i }
        var table: [KPIKey: [Double]] = [:]
        for row in rows {
            let key = KPIKey(row.scope, row.scopeName, row.kpi)
            if table[key] == nil { table[key] = Array(repeating: .nan, count: reps.count) }
            table[key]![position[row.replication]!] = row.value
        }
        self.replications = reps
        self.table = table
    }

    public var keys: Dictionary<KPIKey, [Double]>.Keys { table.keys }

    public func has(_ key: KPIKey) -> Bool { table[key] != nil }

    /// One value per replication (NaN where missing); all NaN for an unknown key.
    public func series(_ key: KPIKey) -> [Double] {
        table[key] ?? Array(repeating: .nan, count: replications.count)
    }

    /// The values of `key` for the given replication indices (NaN where absent).
    public func series(_ key: KPIKey, at indices: [Int]) -> [Double] {
        let all = series(key)
        var position: [Int: Int] = [:]
        for (i, r) in replications.enumerated() { position[r] = i }
        return indices.map { position[$0].map { all[$0] } ?? .nan }
    }

    /// Replication by replication sum of several keys (e.g. the queue of
    /// every section at 10:00). A replication missing one of them is NaN.
    public func sum(_ keys: [KPIKey]) -> [Double] {
        var out = Array(repeating: keys.isEmpty ? Double.nan : 0, count: replications.count)
        for k in keys {
            let s = series(k)
            for i in out.indices { out[i] += s[i] }
        }
        return out
    }

    /// Mean and Student-t interval over the replications with a value; the
    /// same numbers as `RunStore.summary(run:)` (same tally, same order).
    public func estimate(_ key: KPIKey, level: Double = 0.95) -> Estimate {
        Estimate.of(series(key), level: level)
    }
}

extension Estimate {
    /// Mean and Student-t interval of the finite values (NaN skipped); NaN
    /// mean and bounds when there is none.
    public static func of(_ values: [Double], level: Double = 0.95) -> Estimate {
        var t = Tally()
        for v in values where !v.isNaN { t.add(v) }
        guard t.count > 0 else { return Estimate(mean: .nan, low: .nan, high: .nan, level: level) }
        return Estimate(t.confidenceInterval(level: level))
    }

    /// The estimate times a constant (a unit change, an annualisation).
    public func scaled(by factor: Double) -> Estimate {
        let a = mean * factor, b = low * factor, c = high * factor
        return Estimate(mean: a, low: min(b, c), high: max(b, c), level: level)
    }

    /// The interval cut to the values the quantity can take (a share in
    /// 0…1, a wait not below 0): Student-t intervals are symmetric and can
    /// overshoot a bound when the values sit near it. The mean is untouched.
    public func clamped(to range: ClosedRange<Double>) -> Estimate {
        Estimate(mean: mean, low: low.isNaN ? low : min(max(low, range.lowerBound), range.upperBound),
                 high: high.isNaN ? high : max(min(high, range.upperBound), range.lowerBound), level: level)
    }

    /// Paired difference `other − base`, pair by pair, skipping pairs with a
    /// NaN on either side (valid under common random numbers: the i-th
    /// values used the same random streams).
    public static func pairedDifference(base: [Double], other: [Double], level: Double = 0.95) -> Estimate {
        precondition(base.count == other.count, "paired samples must have equal length")
        return of(zip(base, other).map { $0.isNaN || $1.isNaN ? .nan : $1 - $0 }, level: level)
    }

    /// Welch's interval for `mean(other) − mean(base)` from independent
    /// samples (runs that do not share random numbers). NaN values skipped.
    public static func welchDifference(base: [Double], other: [Double], level: Double = 0.95) -> Estimate {
        var a = Tally(), b = Tally()
        for v in base where !v.isNaN { a.add(v) }
        for v in other where !v.isNaN { b.add(v) }
        guard a.count > 0, b.count > 0 else { return Estimate(mean: .nan, low: .nan, high: .nan, level: level) }
        let d = b.mean - a.mean
        guard a.count > 1, b.count > 1 else { return Estimate(mean: d, low: -.infinity, high: .infinity, level: level) }
        let va = a.variance / Double(a.count), vb = b.variance / Double(b.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else { return Estimate(mean: d, low: d, high: d, level: level) }
        let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        let t = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: df)
        return Estimate(mean: d, low: d - t * se, high: d + t * se, level: level)
    }
}
