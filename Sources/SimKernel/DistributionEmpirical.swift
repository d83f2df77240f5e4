extension Distribution {
    /// The distribution of observed values, smoothed by linear interpolation:
    /// a draw is the type-7 quantile (the one `Samples.quantile` and R's
    /// default use) of the sorted sample at a uniform u.
    ///
    /// With sorted values x₀ ≤ … ≤ xₙ₋₁, each of the n − 1 gaps [xᵢ, xᵢ₊₁]
    /// gets probability 1/(n − 1) spread evenly over it. So draws stay inside
    /// the observed range, take values between the observations (service
    /// times are continuous), and use exactly one uniform — monotone in u, as
    /// common random numbers want. Unlike resampling the observations, the
    /// mean is not the sample mean: the two end observations count half
    /// (see `mean`). One observation gives a fixed value.
    ///
    /// ```swift
    /// let observed = try Distribution.empirical(samples: [4.2, 7.9, 3.1, 5.5])
    /// observed.mean   // (2·20.7 − 3.1 − 7.9) / 6 ≈ 5.07
    /// ```
    ///
    /// Complexity: init O(n log n); a draw O(1), allocation-free.
    public struct Empirical: Sendable, Hashable {
        /// The observations in ascending order.
        public let sortedValues: [Double]
        /// Exact mean of the interpolated distribution.
        public let mean: Double
        /// Exact variance of the interpolated distribution.
        public let variance: Double

        /// Throws on an empty sample or a non-finite value.
        public init(samples: [Double]) throws(DistributionError) {
            guard !samples.isEmpty else { throw DistributionError("empirical needs at least one observed value (got none)") }
            for (i, x) in samples.enumerated() where !x.isFinite {
                throw DistributionError("empirical needs finite values (got \(DistributionError.format(x)) at position \(i + 1))")
            }
            let xs = samples.sorted()
            sortedValues = xs
            let gaps = Double(xs.count - 1)
            guard xs.count > 1 else { mean = xs[0]; variance = 0; return }
            // Each gap is a uniform piece with weight 1/(n−1).
            var m = 0.0
            for i in 0..<(xs.count - 1) { m += (xs[i] + xs[i + 1]) / 2 }
            m /= gaps
            // Central form E[(X−μ)²] = Σ (a² + ab + b²)/3 with a, b centred:
            // no cancellation when the values are large and the spread small.
            var v = 0.0
            for i in 0..<(xs.count - 1) {
                let a = xs[i] - m, b = xs[i + 1] - m
                v += (a * a + a * b + b * b) / 3
            }
            mean = m
            variance = v / gaps
        }

        /// Number of observations.
        public var count: Int { sortedValues.count }

        /// The value at uniform `u` in (0, 1): the inverse of the
        /// interpolated empirical CDF.
        @inlinable
        public func value(at u: Double) -> Double {
            let n = sortedValues.count
            let h = u * Double(n - 1)
            let lo = Swift.min(Int(h), n - 1)
            let hi = Swift.min(lo + 1, n - 1)
            return sortedValues[lo] + (h - Double(lo)) * (sortedValues[hi] - sortedValues[lo])
        }

        /// P(X ≤ x) of the interpolated distribution.
        public func cdf(_ x: Double) -> Double {
            let xs = sortedValues, n = xs.count
            if x < xs[0] { return 0 }
            if x >= xs[n - 1] { return 1 }
            // Largest i with xs[i] ≤ x (so i ≤ n − 2 and xs[i + 1] > x).
            var lo = 0, hi = n - 1
            while hi - lo > 1 {
                let mid = (lo + hi) >> 1
                if xs[mid] <= x { lo = mid } else { hi = mid }
            }
            return (Double(lo) + (x - xs[lo]) / (xs[lo + 1] - xs[lo])) / Double(n - 1)
        }
    }

    /// The interpolated empirical distribution of `samples` (see `Empirical`).
    public static func empirical(samples: [Double]) throws(DistributionError) -> Distribution {
        .empirical(try Empirical(samples: samples))
    }
}
