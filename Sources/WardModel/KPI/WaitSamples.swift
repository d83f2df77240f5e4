/// Waiting times (minutes) of one scope — an office, a section, a procedure,
/// a channel — over a replication, with exact quantiles.
///
/// Values are kept as `Float` minutes (7 significant digits: far below a
/// second for any wait) in a buffer that grows across the days of a year
/// run and is reused between replications (a `DayBuffer`: see its copy rule). Quantiles use quickselect in
/// place, O(n) instead of a sort's O(n log n), which matters when a year
/// holds a million waits.
///
/// ```swift
/// var w = WaitSamples()
/// for m in [3.0, 12, 45, 7] { w.add(m) }
/// w.mean                       // 16.75
/// w.quantile(0.5)              // 9.5  (Hyndman & Fan type 7, as R and NumPy)
/// w.shareWithin(15)            // 0.75
/// ```
struct WaitSamples {
    private(set) var values = DayBuffer<Float>(capacity: 64)
    private(set) var sum = 0.0
    private(set) var max = 0.0
    private(set) var within15 = 0, within30 = 0, within60 = 0
    /// Every value at or after this index is at least every value before it
    /// (left by the last whole-array `quantile`), so a higher quantile needs
    /// to select only among those. 0 when nothing is known.
    private var orderedBelow = 0

    var count: Int { values.count }
    var mean: Double { values.isEmpty ? .nan : sum / Double(values.count) }

    @inline(__always) mutating func add(_ minutes: Double) {
        values.append(Float(minutes))
        orderedBelow = 0
        sum += minutes
        if minutes > max { max = minutes }
        if minutes <= 15 { within15 += 1 }
        if minutes <= 30 { within30 += 1 }
        if minutes <= 60 { within60 += 1 }
    }

    mutating func merge(_ other: WaitSamples) {
        values.append(contentsOf: other.values)
        orderedBelow = 0
        sum += other.sum
        max = Swift.max(max, other.max)
        within15 += other.within15; within30 += other.within30; within60 += other.within60
    }

    mutating func removeAll() {
        values.removeAll()
        orderedBelow = 0
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

    /// Type-7 quantile of all values (reorders them in place). Asking for
    /// quantiles in increasing order (median, p90, p95) selects each among
    /// the values above the previous one only.
    mutating func quantile(_ p: Double) -> Double {
        let n = values.count
        guard n > 0 else { return .nan }
        let h = Double(n - 1) * p
        let k = Int(h.rounded(.down))
        let from = k >= orderedBelow ? orderedBelow : 0
        let q = Quickselect.orderStatistic(UnsafeMutableBufferPointer(start: values.base, count: n), from: from, k: k, h: h)
        orderedBelow = k + 1
        return q
    }

    /// Type-7 quantile of `values[range]` (reorders that range in place).
    mutating func quantile(_ p: Double, in range: Range<Int>) -> Double {
        guard !range.isEmpty else { return .nan }
        precondition(range.lowerBound >= 0 && range.upperBound <= values.count)
        orderedBelow = 0
        return Quickselect.quantile(UnsafeMutableBufferPointer(start: values.base + range.lowerBound, count: range.count), p)
    }

    /// Mean and max of `values[range]` (one day's part of a year).
    func meanAndMax(in range: Range<Int>) -> (mean: Double, max: Double) {
        guard !range.isEmpty else { return (.nan, .nan) }
        var s = 0.0, m = -Double.infinity
        for i in range { let v = Double(values[i]); s += v; if v > m { m = v } }
        return (s / Double(range.count), m)
    }
}

/// Hoare's selection with median-of-three pivots, in place on a buffer.
enum Quickselect {
    /// Puts the k-th smallest element at index k; smaller-or-equal ones before it,
    /// greater-or-equal after it. Expected O(n).
    static func select(_ a: UnsafeMutableBufferPointer<Float>, _ k: Int) {
        var lo = 0, hi = a.count - 1
        while hi > lo {
            if hi - lo < 16 {  // insertion sort the small rest
                for i in (lo + 1)...hi {
                    let x = a[i]; var j = i - 1
                    while j >= lo && a[j] > x { a[j + 1] = a[j]; j -= 1 }
                    a[j + 1] = x
                }
                return
            }
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    static func quantile(_ a: UnsafeMutableBufferPointer<Float>, _ p: Double) -> Double {
        let n = a.count
        let h = Double(n - 1) * p
        let k = Int(h.rounded(.down))
        return orderStatistic(a, from: 0, k: k, h: h)
    }

    /// The type-7 quantile at position `h` (k = ⌊h⌋) of `a`, whose elements
    /// from index `from` on are each at least every element before `from`
    /// (k ≥ from): selects within `a[from...]` only.
    static func orderStatistic(_ a: UnsafeMutableBufferPointer<Float>, from: Int, k: Int, h: Double) -> Double {
        let n = a.count
        precondition(from <= k && k < n)
        select(UnsafeMutableBufferPointer(rebasing: a[from...]), k - from)
        let lower = Double(a[k])
        guard k + 1 < n, h > Double(k) else { return lower }
        var upper = Float.infinity
        for i in (k + 1)..<n where a[i] < upper { upper = a[i] }
        return lower + (h - Double(k)) * (Double(upper) - lower)
    }
}
