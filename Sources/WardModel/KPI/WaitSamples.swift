/// Waiting times (minutes) of one scope — an office, a section, a procedure,
/// a channel — over a replication, with exact quantiles.
///
/// Values are kept as `Float` minutes (7 significant digits: far below a
/// second for any wait) in a buffer that grows across the days of a year
/// run and is reused between replications (a `DayBuffer`: see its copy rule). Quantiles sort the
/// values in place with a radix sort (O(n), see `FloatSort`), which matters
/// when a year holds a million waits.
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
    /// Whether `values` is in ascending order (left so by `quantile`).
    private var isSorted = false

    var count: Int { values.count }
    var mean: Double { values.isEmpty ? .nan : sum / Double(values.count) }

    @inline(__always) mutating func add(_ minutes: Double) {
        values.append(Float(minutes))
        isSorted = false
        sum += minutes
        if minutes > max { max = minutes }
        if minutes <= 15 { within15 += 1 }
        if minutes <= 30 { within30 += 1 }
        if minutes <= 60 { within60 += 1 }
    }

    mutating func merge(_ other: WaitSamples) {
        values.append(contentsOf: other.values)
        isSorted = false
        sum += other.sum
        max = Swift.max(max, other.max)
        within15 += other.within15; within30 += other.within30; within60 += other.within60
    }

    mutating func removeAll() {
        values.removeAll()
        isSorted = false
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

    /// Type-7 quantile of all values. The first call sorts the values in
    /// place (`FloatSort`: O(n)), so further quantiles of the same values
    /// cost O(1) — a replication asks for the median, P90 and P95.
    mutating func quantile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let all = UnsafeMutableBufferPointer(start: values.base, count: values.count)
        if !isSorted { FloatSort.sort(all); isSorted = true }
        return FloatSort.quantile(ofSorted: UnsafeBufferPointer(all), p)
    }

    /// Type-7 quantile of `values[range]` (sorts that range in place).
    mutating func quantile(_ p: Double, in range: Range<Int>) -> Double {
        guard !range.isEmpty else { return .nan }
        precondition(range.lowerBound >= 0 && range.upperBound <= values.count)
        isSorted = range.count == values.count
        let part = UnsafeMutableBufferPointer(start: values.base + range.lowerBound, count: range.count)
        FloatSort.sort(part)
        return FloatSort.quantile(ofSorted: UnsafeBufferPointer(part), p)
    }

    /// Mean and max of `values[range]` (one day's part of a year).
    func meanAndMax(in range: Range<Int>) -> (mean: Double, max: Double) {
        guard !range.isEmpty else { return (.nan, .nan) }
        var s = 0.0, m = -Double.infinity
        for i in range { let v = Double(values[i]); s += v; if v > m { m = v } }
        return (s / Double(range.count), m)
    }
}

/// Sorting `Float` samples in place, and type-7 quantiles of sorted ones.
enum FloatSort {
    /// Sorts `a` in ascending order (NaNs not expected). Below a few hundred
    /// values the standard library's sort; above, a least-significant-digit
    /// radix sort on the bits (8 bits a pass, passes where every key has the
    /// same byte skipped): O(n) against a comparison sort's O(n log n), and no
    /// unpredictable comparison branches — a year run sorts a million waits.
    static func sort(_ buffer: UnsafeMutableBufferPointer<Float>) {
        var a = buffer
        let n = a.count
        guard n > 1 else { return }
        precondition(n <= Int(UInt32.max), "too many values for 32-bit counts")
        guard n > 256 else { a.sort(); return }
        // Scratch on the stack when small (the stdlib decides), so a
        // one-day replication's many small sorts do not go to malloc.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * n + 4 * 256) { scratch in
            let counts = scratch.baseAddress! + 2 * n
            counts.initialize(repeating: 0, count: 4 * 256)
            var from = scratch.baseAddress!, to = from + n
            // All four byte histograms in one pass over the keys.
            for i in 0..<n {
                let k = key(a[i])
                from[i] = k
                counts[Int(k & 0xff)] &+= 1
                counts[256 + Int((k >> 8) & 0xff)] &+= 1
                counts[512 + Int((k >> 16) & 0xff)] &+= 1
                counts[768 + Int(k >> 24)] &+= 1
            }
            for pass in 0..<4 {
                let h = counts + 256 * pass
                let shift = UInt32(8 * pass)
                if Int(h[Int((from[0] >> shift) & 0xff)]) == n { continue }  // one bucket: nothing moves
                var offset: UInt32 = 0
                for b in 0..<256 { let count = h[b]; h[b] = offset; offset &+= count }
                for i in 0..<n {
                    let k = from[i]
                    let b = Int((k >> shift) & 0xff)
                    to[Int(h[b])] = k
                    h[b] &+= 1
                }
                swap(&from, &to)
            }
            for i in 0..<n { a[i] = value(from[i]) }
        }
    }

    /// The bits of `x` as an unsigned key in the same order as the values:
    /// negatives have every bit flipped, the others only the sign bit.
    @inline(__always) static func key(_ x: Float) -> UInt32 {
        let b = x.bitPattern
        return b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000
    }

    @inline(__always) static func value(_ k: UInt32) -> Float {
        Float(bitPattern: k & 0x8000_0000 != 0 ? k & 0x7fff_ffff : ~k)
    }

    /// Hyndman & Fan type 7 (R's and NumPy's default) of ascending `a`.
    static func quantile(ofSorted a: UnsafeBufferPointer<Float>, _ p: Double) -> Double {
        let n = a.count
        guard n > 0 else { return .nan }
        let h = Double(n - 1) * p
        let k = Int(h.rounded(.down))
        let lower = Double(a[k])
        guard k + 1 < n, h > Double(k) else { return lower }
        return lower + (h - Double(k)) * (Double(a[k + 1]) - lower)
    }
}
