/// The size of a group arriving together (a family moving in): a discrete
/// distribution over sizes ≥ 1.
///
/// ```swift
/// let family = try BatchSize(probabilities: [0.80, 0.12, 0.05, 0.03])  // sizes 1...4
/// family.mean   // 1.31
/// ```
public struct BatchSize: Sendable, Hashable {
    /// The possible sizes.
    public let sizes: [Int]
    /// Chooses among `sizes` (one uniform, monotone).
    public let choice: DiscreteChoice

    /// Sizes `1...k` with the given probabilities (or weights) in order.
    public init(probabilities: [Double]) throws(DistributionError) {
        guard !probabilities.isEmpty else { throw DistributionError("batch size needs at least one probability (got none)") }
        try self.init(sizes: Array(1...probabilities.count), weights: probabilities)
    }

    /// The given sizes (each ≥ 1) with the given weights.
    public init(sizes: [Int], weights: [Double]) throws(DistributionError) {
        guard sizes.count == weights.count else {
            throw DistributionError("batch size needs one weight per size (got \(weights.count) weights for \(sizes.count) sizes)")
        }
        if let bad = sizes.first(where: { $0 < 1 }) { throw DistributionError("batch size must be ≥ 1 (got \(bad))") }
        do { choice = try DiscreteChoice(weights: weights) } catch {
            throw DistributionError("batch size weights: \(error.message)")
        }
        self.sizes = sizes
    }

    /// Everyone arrives alone.
    public static let single = try! BatchSize(sizes: [1], weights: [1])

    /// Draws a size (one uniform).
    @inlinable public func sample(using rng: inout RandomStream) -> Int {
        sizes[choice.choose(using: &rng)]
    }

    /// Expected size.
    public var mean: Double {
        sizes.indices.reduce(0) { $0 + choice.probability(of: $1) * Double(sizes[$1]) }
    }

    /// Variance of the size.
    public var variance: Double {
        let m = mean
        return sizes.indices.reduce(0) { $0 + choice.probability(of: $1) * (Double(sizes[$1]) - m) * (Double(sizes[$1]) - m) }
    }
}

/// Groups arriving by a non-homogeneous Poisson process, each with a random
/// size: the arrival *events* follow the profile; people per event follow
/// `size`.
///
/// Times and sizes come from two separate streams, so changing the group-size
/// distribution of a scenario leaves every arrival time untouched.
///
/// ```swift
/// var moves = BatchArrivals(times: NonHomogeneousPoisson(profile: p), size: family)
/// var timeRNG = RandomStream(seed: 1, stream: "arrivals.move-in")
/// var sizeRNG = RandomStream(seed: 1, stream: "arrivals.move-in.size")
/// if let (t, people) = moves.next(after: .zero, times: &timeRNG, sizes: &sizeRNG) { … }
/// ```
public struct BatchArrivals: Sendable, Hashable {
    /// When groups arrive.
    public var times: NonHomogeneousPoisson
    /// How many arrive together.
    public let size: BatchSize

    public init(times: NonHomogeneousPoisson, size: BatchSize) {
        self.times = times
        self.size = size
    }

    /// The next group after `time`, or nil when the profile ends. A size is
    /// drawn only when a group arrives.
    @inlinable
    public mutating func next(
        after time: SimTime, times timeStream: inout RandomStream, sizes sizeStream: inout RandomStream
    ) -> (time: SimTime, size: Int)? {
        guard let t = times.next(after: time, using: &timeStream) else { return nil }
        return (t, size.sample(using: &sizeStream))
    }
}
