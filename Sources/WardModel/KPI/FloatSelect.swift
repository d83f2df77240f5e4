/// Order statistics of `Float` samples without sorting them: a
/// most-significant-digit radix selection on `FloatSort.key` with digits of
/// 12, 12 and 8 bits.
///
/// One pass counts the values by their top 12 key bits; the buckets holding
/// the ranks asked for — for waits, typically 2 to 6 % of the values — are
/// copied (as keys) to scratch in a second pass, and each is narrowed the
/// same way by the next 12 bits, then by the last 8, where a bucket is a
/// single key. Regions of at most `regionSortLimit` keys are sorted instead,
/// a region of one repeated key (zero waits) is recognised by a scan, and
/// at most `sortLimit` values are simply sorted.
///
/// The keys found are those a full sort in key order puts at the ranks
/// (`FloatSort.key` order: −0 before +0), so the quantiles are bit for bit
/// those of the sorted values (the tests compare them with a radix sort). O(n) time, two
/// reads of the values and no writes to them; scratch is two copies of the
/// selected buckets' keys (`withUnsafeTemporaryAllocation`: on the stack
/// when small). For the three KPI quantiles of 10³–10⁶ waits, 2–4× faster
/// than the radix sort it replaced (the more zero waits, the less).
///
/// ```swift
/// let a: [Float] = [3, 12, 45, 7]
/// a.withUnsafeBufferPointer { FloatSelect.quantiles(of: $0, (0.5, 0.9, 1)) }   // (9.5, 35.1, 45)
/// ```
enum FloatSelect {
    /// Up to this many values the keys are copied and sorted: cheaper than
    /// clearing and scanning a 4 096-bucket histogram (measured crossover
    /// near 100).
    static let sortLimit = 128
    /// Regions (second digit on) of at most this many keys are sorted.
    static let regionSortLimit = 128
    /// From this many values on, the top-digit count uses two histograms.
    static let twoWayLimit = 1 << 14

    /// Type-7 quantiles (Hyndman & Fan; R's and NumPy's default) of `a` at
    /// `ps` (each in 0...1), exactly as read from the sorted values. NaN when `a` is empty; NaNs in `a` not expected.
    static func quantiles(of a: UnsafeBufferPointer<Float>, _ ps: (Double, Double, Double)) -> (Double, Double, Double) {
        let n = a.count
        guard n > 0 else { return (.nan, .nan, .nan) }
        precondition(n < Int(UInt32.max), "too many values for 32-bit counts")
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 6) { rankBuffer in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 6) { keyBuffer in
                let ranks = rankBuffer.baseAddress!, keys = keyBuffer.baseAddress!
                // The ranks: ⌊h⌋ and, when interpolating, ⌊h⌋ + 1 for each p.
                var count = 0
                func need(_ r: Int) {  // ascending, distinct
                    var i = 0
                    while i < count && ranks[i] < r { i += 1 }
                    if i < count && ranks[i] == r { return }
                    var j = count
                    while j > i { ranks[j] = ranks[j - 1]; j -= 1 }
                    ranks[i] = r
                    count += 1
                }
                func position(_ p: Double) -> (h: Double, k: Int, interpolate: Bool) {
                    precondition(p >= 0 && p <= 1, "quantile level \(p) outside 0...1")
                    let h = Double(n - 1) * p
                    let k = Int(h.rounded(.down))
                    return (h, k, k + 1 < n && h > Double(k))
                }
                func needs(_ p: Double) {
                    let (_, k, interpolate) = position(p)
                    need(k)
                    if interpolate { need(k + 1) }
                }
                needs(ps.0); needs(ps.1); needs(ps.2)
                select(a, ranks: UnsafeBufferPointer(start: ranks, count: count), into: keys)
                func value(_ r: Int) -> Double {
                    var i = 0
                    while ranks[i] != r { i += 1 }
                    return Double(FloatSort.value(keys[i]))
                }
                // Type 7: interpolate between ranks k and k + 1.
                func quantile(_ p: Double) -> Double {
                    let (h, k, interpolate) = position(p)
                    let lower = value(k)
                    guard interpolate else { return lower }
                    return lower + (h - Double(k)) * (value(k + 1) - lower)
                }
                return (quantile(ps.0), quantile(ps.1), quantile(ps.2))
            }
        }
    }

    /// A bucket holding some of the ranks asked for: its first rank in the
    /// region, its size, which of the ranks it holds (indices into them).
    struct Target {
        var bucket: Int
        var start: Int
        var count: Int
        var ranks: Range<Int>
        /// Where `gather` put the bucket's keys.
        var region: UnsafeMutablePointer<UInt32>? = nil
    }

    /// Scratch shared by the levels of one selection (used one level at a
    /// time): the histogram (4 096 counts, 8 192 for the two-way top count)
    /// and the bucket → target marks (4 096).
    struct Tables {
        var hist: UnsafeMutablePointer<UInt32>
        var marks: UnsafeMutablePointer<UInt8>
    }

    /// Writes to `out[i]` the key at rank `ranks[i]` of `a` in ascending key
    /// order (`ranks` ascending, distinct, each below `a.count`).
    static func select(_ a: UnsafeBufferPointer<Float>, ranks: UnsafeBufferPointer<Int>, into out: UnsafeMutablePointer<UInt32>) {
        let n = a.count
        if n <= sortLimit {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n) { buffer in
                var keys = buffer
                for i in 0..<n { keys[i] = FloatSort.key(a[i]) }
                keys.sort()
                for i in ranks.indices { out[i] = keys[ranks[i]] }
            }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 << 12) { histogram in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 12) { markBuffer in
            let tables = Tables(hist: histogram.baseAddress!, marks: markBuffer.baseAddress!)
            topHistogram(a, tables.hist)
            let hist = tables.hist
            withUnsafeTemporaryAllocation(of: Target.self, capacity: ranks.count) { targetBuffer in
                let targets = targetBuffer.baseAddress!
                let targetCount = findTargets(hist, ranks: ranks, base: 0, into: targets)
                var gathered = 0
                for t in 0..<targetCount { gathered += targets[t].count }
                // Two areas with room for the selected keys and a spare slot
                // a region (see `gather`): the regions, and the next level's.
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * (gathered + 3)) { scratch in
                    let first = scratch.baseAddress!, second = first + gathered + 3
                    let spare = gather(n, key: { FloatSort.key(a[$0]) }, shift: 20, mask: 0xfff, tables: tables,
                                       targets: targets, targetCount, into: first, spare: second)
                    for t in 0..<targetCount {
                        let target = targets[t]
                        narrow(target.region!, count: target.count, shift: 8, base: target.start,
                               ranks: UnsafeBufferPointer(rebasing: ranks[target.ranks]), into: out + target.ranks.lowerBound,
                               tables: tables, spare: spare)
                    }
                }
            }
        }
        }
    }

    /// Counts the values by the top 12 key bits into `hist[0..<4096]`
    /// (`hist` has room for 8 192). Above `twoWayLimit` values, alternate
    /// values go to two histograms, summed at the end: a run of equal digits
    /// (zero waits) otherwise makes each count wait for the previous one.
    private static func topHistogram(_ a: UnsafeBufferPointer<Float>, _ hist: UnsafeMutablePointer<UInt32>) {
        let n = a.count
        if n < twoWayLimit {
            hist.initialize(repeating: 0, count: 1 << 12)
            for x in a { hist[Int(FloatSort.key(x) >> 20)] &+= 1 }
            return
        }
        hist.initialize(repeating: 0, count: 2 << 12)
        let other = hist + (1 << 12)
        var i = 0
        while i + 1 < n {
            hist[Int(FloatSort.key(a[i]) >> 20)] &+= 1
            other[Int(FloatSort.key(a[i + 1]) >> 20)] &+= 1
            i += 2
        }
        if i < n { hist[Int(FloatSort.key(a[i]) >> 20)] &+= 1 }
        for b in 0..<(1 << 12) { hist[b] &+= other[b] }
    }

    /// The buckets of `hist` holding `ranks` (minus `base`: ranks in the
    /// region), ascending; returns how many. Scans the histogram only up to
    /// the last rank's bucket.
    @inline(__always)
    private static func findTargets(_ hist: UnsafeMutablePointer<UInt32>, ranks: UnsafeBufferPointer<Int>, base: Int,
                                    into targets: UnsafeMutablePointer<Target>) -> Int {
        var count = 0, below = 0, bucket = 0
        for i in ranks.indices {
            let r = ranks[i] - base
            // Eight buckets at a time while they all lie below the rank
            // (a top-digit scan of positive keys starts 2 048 empty buckets low).
            while bucket & 7 == 0 {
                let s = UnsafeRawPointer(hist + bucket).loadUnaligned(as: SIMD8<UInt32>.self).wrappedSum()
                if below + Int(s) > r { break }
                below += Int(s); bucket += 8
            }
            while below + Int(hist[bucket]) <= r { below += Int(hist[bucket]); bucket += 1 }
            if count > 0 && targets[count - 1].bucket == bucket {
                targets[count - 1].ranks = targets[count - 1].ranks.lowerBound..<(i + 1)
            } else {
                targets[count] = Target(bucket: bucket, start: below, count: Int(hist[bucket]), ranks: i..<(i + 1), region: nil)
                count += 1
            }
        }
        return count
    }

    /// Copies the keys of `n` (`key(i)`) whose digit `(key >> shift) & mask`
    /// is a target bucket to a region a target, in their order, and sets the
    /// targets' `region`. `first` and `second` each hold the targets' keys
    /// plus 3; returns the one left free for the next level. Three ways:
    /// - few keys selected (≤ n/16, the usual top digit of waits): a branch
    ///   on "selected?", well predicted, one store per selected key;
    /// - else up to three targets: no branch — when zero waits fill a bucket
    ///   the branch would mispredict on every other key — each key is stored
    ///   at every region's cursor, and only its own region's cursor moves
    ///   (region j is followed by a spare slot for the others' stores);
    /// - else mixed into `first` the same way, then dealt out into `second`.
    /// The histogram's counts are spent: it becomes the bucket → target table.
    @inline(__always)
    private static func gather(_ n: Int, key: (Int) -> UInt32, shift: UInt32, mask: UInt32, tables: Tables,
                               targets: UnsafeMutablePointer<Target>, _ targetCount: Int,
                               into first: UnsafeMutablePointer<UInt32>, spare second: UnsafeMutablePointer<UInt32>)
        -> UnsafeMutablePointer<UInt32> {
        let marks = tables.marks
        marks.initialize(repeating: 0, count: Int(mask) + 1)
        var gathered = 0
        for t in 0..<targetCount { gathered += targets[t].count }
        if targetCount > 1 && gathered <= n / 16 {
            var at = first
            for t in 0..<targetCount {
                marks[targets[t].bucket] = UInt8(t + 1)
                targets[t].region = at
                at += targets[t].count
            }
            withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<UInt32>.self, capacity: targetCount + 1) { cursorBuffer in
                let cursor = cursorBuffer.baseAddress!
                for t in 0..<targetCount { cursor[t + 1] = targets[t].region! }
                for i in 0..<n {
                    let k = key(i)
                    let t = Int(marks[Int((k >> shift) & mask)])
                    if t != 0 { cursor[t].pointee = k; cursor[t] += 1 }
                }
            }
            return second
        }
        if targetCount <= 3 {
            // Mark bit j: region j's cursor moves.
            var at = first
            for t in 0..<targetCount {
                marks[targets[t].bucket] = UInt8(1 << t)
                targets[t].region = at
                at += targets[t].count + 1
            }
            let r0 = targets[0].region!
            if targetCount == 1 {
                var c0 = 0
                for i in 0..<n {
                    let k = key(i)
                    r0[c0] = k
                    c0 &+= Int(marks[Int((k >> shift) & mask)])
                }
                return second
            }
            let r1 = targets[1].region!
            // With two targets the third cursor never moves: region 1's spare slot.
            let r2 = targetCount == 3 ? targets[2].region! : r1 + targets[1].count
            var c0 = 0, c1 = 0, c2 = 0
            for i in 0..<n {
                let k = key(i)
                let m = Int(marks[Int((k >> shift) & mask)])
                r0[c0] = k; r1[c1] = k; r2[c2] = k
                c0 &+= m & 1; c1 &+= (m >> 1) & 1; c2 &+= m >> 2
            }
            return second
        }
        // Four or more targets (ranks straddling buckets): mixed, then dealt out.
        for t in 0..<targetCount { marks[targets[t].bucket] = 1 }
        var c = 0
        for i in 0..<n {
            let k = key(i)
            first[c] = k
            c &+= Int(marks[Int((k >> shift) & mask)])
        }
        let target = tables.hist
        var at = second
        for t in 0..<targetCount {
            target[targets[t].bucket] = UInt32(t)
            targets[t].region = at
            at += targets[t].count
        }
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<UInt32>.self, capacity: targetCount) { cursorBuffer in
            let cursor = cursorBuffer.baseAddress!
            for t in 0..<targetCount { cursor[t] = targets[t].region! }
            for i in 0..<c {
                let k = first[i]
                let t = Int(target[Int((k >> shift) & mask)])
                cursor[t].pointee = k
                cursor[t] += 1
            }
        }
        return first
    }

    /// `select` below the top digit: `region` holds `count` keys that agree
    /// above bit `shift + 12` (above bit 8 when `shift` is 0, the last digit);
    /// `ranks` are `base` + ranks in the region. `spare` has room for
    /// `count + 3` keys (the last digit needs none).
    private static func narrow(_ region: UnsafeMutablePointer<UInt32>, count m: Int, shift: UInt32, base: Int,
                               ranks: UnsafeBufferPointer<Int>, into out: UnsafeMutablePointer<UInt32>,
                               tables: Tables, spare: UnsafeMutablePointer<UInt32>) {
        if m <= regionSortLimit {
            var keys = UnsafeMutableBufferPointer(start: region, count: m)
            keys.sort()
            for i in ranks.indices { out[i] = keys[ranks[i] - base] }
            return
        }
        // Ties (a region of zero waits, say): one early-exit scan answers.
        let k0 = region[0]
        var i = 1
        while i < m && region[i] == k0 { i += 1 }
        if i == m {
            for j in ranks.indices { out[j] = k0 }
            return
        }
        let hist = tables.hist
        let mask: UInt32 = shift == 0 ? 0xff : 0xfff
        hist.update(repeating: 0, count: Int(mask) + 1)
        for i in 0..<m { hist[Int((region[i] >> shift) & mask)] &+= 1 }
        withUnsafeTemporaryAllocation(of: Target.self, capacity: ranks.count) { targetBuffer in
            let targets = targetBuffer.baseAddress!
            let targetCount = findTargets(hist, ranks: ranks, base: base, into: targets)
            if shift == 0 {
                // The last digit: a bucket is one key.
                let prefix = k0 & ~mask
                for t in 0..<targetCount {
                    for i in targets[t].ranks { out[i] = prefix | UInt32(targets[t].bucket) }
                }
                return
            }
            if targetCount == 1 && targets[0].count == m {
                // Every key has this digit: nothing to move.
                narrow(region, count: m, shift: 0, base: base, ranks: ranks, into: out, tables: tables, spare: spare)
                return
            }
            // The region's keys are spent once gathered: its memory is the
            // second area (and the last digit needs no spare).
            _ = gather(m, key: { region[$0] }, shift: shift, mask: mask, tables: tables,
                       targets: targets, targetCount, into: spare, spare: region)
            for t in 0..<targetCount {
                let target = targets[t]
                narrow(target.region!, count: target.count, shift: 0, base: base + target.start,
                       ranks: UnsafeBufferPointer(rebasing: ranks[target.ranks]), into: out + target.ranks.lowerBound,
                       tables: tables, spare: spare)
            }
        }
    }
}

/// The order-preserving integer keys of `Float` samples that `FloatSelect`
/// counts and compares (the test target adds the radix sort and type-7
/// quantile of sorted values that its results are checked against).
enum FloatSort {
    /// The bits of `x` as an unsigned key in the same order as the values:
    /// negatives have every bit flipped, the others only the sign bit.
    @inline(__always) static func key(_ x: Float) -> UInt32 {
        let b = x.bitPattern
        return b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000
    }

    @inline(__always) static func value(_ k: UInt32) -> Float {
        Float(bitPattern: k & 0x8000_0000 != 0 ? k & 0x7fff_ffff : ~k)
    }
}
