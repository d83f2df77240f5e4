extension Distribution {
    /// A weighted mixture: with probability wᵢ / Σw the value is drawn from
    /// component i. Models a population of mixed kinds, e.g. quick
    /// certificate requests and long move-in procedures at one counter.
    ///
    /// A draw takes one uniform to choose the component (through a
    /// `DiscreteChoice`, so the choice is monotone in that uniform) and then
    /// the component's own draws from the same stream.
    ///
    /// ```swift
    /// let service = try Distribution.mixture(of: [
    ///     (weight: 0.7, .lognormal(mean: 4, sd: 2)),
    ///     (weight: 0.3, .gamma(mean: 25, sd: 10)),
    /// ])
    /// service.mean   // 0.7·4 + 0.3·25 = 10.3
    /// ```
    ///
    /// Complexity: a draw is O(log k) plus the component's cost, allocation-free.
    public struct Mixture: Sendable, Hashable {
        /// Chooses the component.
        public let choice: DiscreteChoice
        /// The components, in the order of their weights.
        public let components: [Distribution]
        /// Exact mean Σ pᵢ μᵢ.
        public let mean: Double
        /// Exact variance Σ pᵢ (σᵢ² + (μᵢ − μ)²).
        public let variance: Double

        /// Throws when the weights are impossible (see `DiscreteChoice`), the
        /// counts differ, or a component is invalid.
        public init(weights: [Double], components: [Distribution]) throws(DistributionError) {
            guard !components.isEmpty else { throw DistributionError("mixture needs at least one component (got none)") }
            guard weights.count == components.count else {
                throw DistributionError("mixture needs one weight per component (got \(weights.count) weights for \(components.count) components)")
            }
            do { choice = try DiscreteChoice(weights: weights) } catch {
                throw DistributionError("mixture weights: \(error.message)")
            }
            for (i, component) in components.enumerated() {
                do { try component.validate() } catch {
                    throw DistributionError("mixture component \(i + 1): \(error.message)")
                }
            }
            self.components = components
            var m = 0.0
            for (i, c) in components.enumerated() { m += choice.probability(of: i) * c.mean }
            var v = 0.0
            for (i, c) in components.enumerated() {
                let d = c.mean - m
                v += choice.probability(of: i) * (c.variance + d * d)
            }
            mean = m
            variance = v
        }
    }

    /// A mixture of weighted components (see `Mixture`).
    public static func mixture(of parts: [(weight: Double, distribution: Distribution)]) throws(DistributionError) -> Distribution {
        .mixture(try Mixture(weights: parts.map(\.weight), components: parts.map(\.distribution)))
    }
}
