/// Waiting times (minutes) of one scope — an office, a section, a procedure,
/// a channel — over a replication, with exact quantiles.
///
/// Values are kept as `Float` minutes (7 significant digits: far below a
/// second for any wait) in a buffer that grows across the days of a year
/// run and is reused between replications (a `DayBuffer`: see its copy rule).
/// Quantiles select the order statistics they need by radix selection
/// (`FloatSelect`: two passes over the values, O(n)) without reordering the
/// values, which matters when a year holds a million waits.
///
/// ```swift
/// var w = WaitSamples()
/// for m in [3.0, 12, 45, 7] { w.add(m) }
/// w.mean                       // 16.75
/// w.quantile(0.5)              // 9.5  (Hyndman & Fan type 7, as R and NumPy)
/// w.quantiles((0.5, 0.9, 0.95)) // (9.5, 35.1, 40.05): one selection for all three
/// w.shareWithin(15)            // 0.75
/// ```
struct WaitSamples {
    /// In the order added (quantiles do not reorder them).
    private(set) var values = DayBuffer<Float>(capacity: 64)
    private(set) var sum = 0.0
    private(set) var max = 0.0
    private(set) var within15 = 0, within30 = 0, within60 = 0

    var count: Int { values.count }
    var mean: Double { values.isEmpty ? .nan : sum / Double(values.count) }

    @inline(__always) mutating func add(_ minutes: Double) {
        values.append(Float(minutes))
        sum += minutes
        if minutes > max { max = minutes }
        if minutes <= 15 { within15 += 1 }
        if minutes <= 30 { within30 += 1 }
        if minutes <= 60 { within60 += 1 }
    }

    mutating func merge(_ other: WaitSamples) {
        values.append(contentsOf: other.values)
        sum += other.sum
        max = Swift.max(max, other.max)
        within15 += other.within15; within30 += other.within30; within60 += other.within60
    }

    mutating func removeAll() {
        values.removeAll()
        sum = 0; max = 0; within15 = 0; within30 = 0; within60 = 0
    }

    func shareWithin(_ minutes: Int) -> Double {
        guard !values.isEmpty else { return .nan }
        let n: Int
        switch minutes {
        case 15: n = within15
        case 30: n = within30
        case 60: n = within60
        default: n = values.reduce(0) { $0 + (Double($1) <= Double(minutes) ? 1 : 0) }
        }
        return Double(n) / Double(values.count)
    }

    /// Type-7 quantile (0 ≤ p ≤ 1) of all values; NaN when there are none.
    /// O(n) per call: ask for several at once with `quantiles(_:)`.
    func quantile(_ p: Double) -> Double {
        FloatSelect.quantiles(of: all, (p, p, p)).0
    }

    /// Type-7 quantiles at three levels from one selection — a scope's
    /// median, P90 and P95 — equal to reading them off the sorted values.
    func quantiles(_ ps: (Double, Double, Double)) -> (Double, Double, Double) {
        FloatSelect.quantiles(of: all, ps)
    }

    /// Type-7 quantile of `values[range]` (one day's part of a year).
    func quantile(_ p: Double, in range: Range<Int>) -> Double {
        guard !range.isEmpty else { return .nan }
        precondition(range.lowerBound >= 0 && range.upperBound <= values.count)
        let part = UnsafeBufferPointer(start: values.base + range.lowerBound, count: range.count)
        return FloatSelect.quantiles(of: part, (p, p, p)).0
    }

    /// Mean and max of `values[range]` (one day's part of a year).
    func meanAndMax(in range: Range<Int>) -> (mean: Double, max: Double) {
        guard !range.isEmpty else { return (.nan, .nan) }
        var s = 0.0, m = -Double.infinity
        for i in range { let v = Double(values[i]); s += v; if v > m { m = v } }
        return (s / Double(range.count), m)
    }

    private var all: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: values.base, count: values.count) }
}
