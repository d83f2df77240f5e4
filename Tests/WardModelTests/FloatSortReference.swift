@testable import WardModel

/// The sort-based quantiles `FloatSelect` replaced, kept as the reference its
/// results must equal bit for bit.
extension FloatSort {
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
