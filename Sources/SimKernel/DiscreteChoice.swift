/// Chooses an index `0..<count` with given weights: routing to a section,
/// choice of channel, a group's size.
///
/// Uses a cumulative table and a binary search: exactly one uniform per
/// choice, and the chosen index is a monotone function of that uniform.
/// Monotonicity matters for common random numbers: when a scenario shifts a
/// little weight from one option to its neighbour, most draws still pick the
/// same option in both scenarios. (Walker's alias method is O(1) but scrambles
/// the mapping from uniforms to indices, so it would lose that.)
///
/// ```swift
/// let channel = try DiscreteChoice(weights: [60, 30, 10])  // counter, online, mail
/// var rng = RandomStream(seed: 7, stream: "channel")
/// let i = channel.choose(using: &rng)                     // 0 with probability 0.6
/// ```
///
/// Complexity: init O(n); `choose` O(log n), allocation-free.
public struct DiscreteChoice: Sendable, Hashable {
    /// `cumulative[i]` = P(index ≤ i); the entry of the last option with a
    /// positive weight (and every later one) is exactly 1.
    @usableFromInline let cumulative: [Double]

    /// Weights need not sum to 1; they are normalised. Each must be finite
    /// and ≥ 0, and at least one must be positive.
    public init(weights: [Double]) throws(DistributionError) {
        guard !weights.isEmpty else { throw DistributionError("discrete choice needs at least one weight") }
        var total = 0.0
        for (i, w) in weights.enumerated() {
            guard w.isFinite, w >= 0 else {
                throw DistributionError("discrete choice needs finite weights ≥ 0 (got \(DistributionError.format(w)) at position \(i + 1))")
            }
            total += w
        }
        guard total > 0 else { throw DistributionError("discrete choice needs at least one positive weight (all are 0)") }
        guard total.isFinite else { throw DistributionError("discrete choice weights sum to infinity") }
        var table = [Double]()
        table.reserveCapacity(weights.count)
        var running = 0.0
        for w in weights { running += w; table.append(running / total) }
        // Pin the tail to exactly 1 so rounding can never give a trailing
        // zero-weight option a sliver of probability, nor leave u ≈ 1 unmatched.
        let lastPositive = weights.lastIndex(where: { $0 > 0 })!
        for i in lastPositive..<table.count { table[i] = 1 }
        cumulative = table
    }

    /// Equal weights over `count` options.
    public init(uniformOver count: Int) throws(DistributionError) {
        guard count >= 1 else { throw DistributionError("discrete choice needs at least one option (got \(count))") }
        try self.init(weights: Array(repeating: 1, count: count))
    }

    /// Number of options.
    public var count: Int { cumulative.count }

    /// The normalised probability of option `index`.
    public func probability(of index: Int) -> Double {
        precondition(cumulative.indices.contains(index), "option out of range")
        return index == 0 ? cumulative[0] : cumulative[index] - cumulative[index - 1]
    }

    /// All normalised probabilities (allocates; not for the hot path).
    public var probabilities: [Double] { cumulative.indices.map(probability(of:)) }

    /// Draws one option (one uniform).
    @inlinable
    public func choose(using rng: inout RandomStream) -> Int {
        index(for: rng.nextUniform())
    }

    /// The option a uniform `u` in (0, 1) maps to: the smallest `i` with
    /// `u < P(index ≤ i)`.
    @inlinable
    public func index(for u: Double) -> Int {
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if u < cumulative[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
