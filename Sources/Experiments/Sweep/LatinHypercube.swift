import SimKernel

/// Latin-hypercube sampling over discrete levels.
///
/// Each dimension's unit interval is cut into `points` equal strata; every
/// stratum gets exactly one point, at a uniform position inside it, and the
/// strata are paired across dimensions by independent random permutations.
/// A position u in (0, 1) then picks level ⌊u · levels⌋ of the dimension, so
/// each level (a value of a `low:high:step` range) is an equal-width cell and
/// the step acts as the range's resolution. With `levels == points` every
/// level is used exactly once; with `levels == m · points` exactly one level
/// in each block of m consecutive levels.
///
/// ```swift
/// let sample = LatinHypercube.sample(levels: [7, 11], points: 5, seed: 42)
/// // 5 rows of 2 level indices, the same for the same seed on every machine
/// ```
///
/// Two samples can land on the same level combination when a dimension has
/// fewer levels than twice the points; such repeats are dropped (keeping the
/// first), so a sweep never runs one point twice and may have slightly fewer
/// than `points` points. Draws: `points × dimensions` permutation steps and
/// uniforms from the stream "sweep.lhs" of `seed`; O(points × dimensions).
public enum LatinHypercube {
    public static func sample(levels: [Int], points: Int, seed: UInt64) -> [[Int]] {
        precondition(points >= 1 && levels.allSatisfy { $0 >= 1 })
        var random = RandomStream(seed: seed, stream: "sweep.lhs")
        // Per dimension: a permutation of the strata (Fisher–Yates), then a
        // position inside each. Drawn dimension by dimension, so adding a
        // dimension at the end leaves the earlier ones' draws unchanged.
        var columns: [[Int]] = []
        for count in levels {
            var strata = Array(0..<points)
            for i in stride(from: points - 1, to: 0, by: -1) {
                strata.swapAt(i, random.nextInt(below: i + 1))
            }
            columns.append(strata.map { stratum in
                let u = (Double(stratum) + random.nextUniform()) / Double(points)
                // Clamped to the levels the stratum overlaps, so rounding at
                // a stratum's edge cannot break the one-per-stratum property.
                let lowest = stratum * count / points, highest = ((stratum + 1) * count - 1) / points
                return min(highest, max(lowest, Int(u * Double(count))))
            })
        }
        var seen = Set<[Int]>()
        var rows: [[Int]] = []
        for j in 0..<points {
            let row = columns.map { $0[j] }
            if seen.insert(row).inserted { rows.append(row) }
        }
        return rows
    }
}
