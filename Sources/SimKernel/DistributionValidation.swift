/// Why a distribution's parameters are impossible, in words a planner can act
/// on: `lognormal needs mean > 0 (got -3)`.
public struct DistributionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The full human-readable message.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// Numbers as people write them: `-3`, not `-3.0`; `nan` and `inf` as is.
    static func format(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}

extension Distribution {
    /// Rejects impossible parameters (non-finite numbers, means ≤ 0 where a
    /// positive quantity is meant, sd < 0, min > max, a mode outside
    /// [min, max], fewer than one phase) with a message naming the
    /// distribution, the rule and the offending value. Mixture components are
    /// checked recursively.
    ///
    /// ```swift
    /// try Distribution.lognormal(mean: -3, sd: 1).validate()
    /// // throws "lognormal needs mean > 0 (got -3)"
    /// ```
    public func validate() throws(DistributionError) {
        let f = DistributionError.format
        func finite(_ name: String, _ parameter: String, _ x: Double) throws(DistributionError) {
            guard x.isFinite else { throw DistributionError("\(name) needs a finite \(parameter) (got \(f(x)))") }
        }
        func positiveMean(_ name: String, _ m: Double) throws(DistributionError) {
            try finite(name, "mean", m)
            guard m > 0 else { throw DistributionError("\(name) needs mean > 0 (got \(f(m)))") }
        }
        func nonNegativeSD(_ name: String, _ sd: Double) throws(DistributionError) {
            try finite(name, "sd", sd)
            guard sd >= 0 else { throw DistributionError("\(name) needs sd ≥ 0 (got \(f(sd)))") }
        }
        switch self {
        case .fixed(let v):
            try finite("fixed", "value", v)
        case .exponential(let m):
            try positiveMean("exponential", m)
        case .uniform(let a, let b):
            try finite("uniform", "min", a)
            try finite("uniform", "max", b)
            guard a <= b else { throw DistributionError("uniform needs min ≤ max (got min \(f(a)), max \(f(b)))") }
        case .lognormal(let m, let sd):
            try positiveMean("lognormal", m)
            try nonNegativeSD("lognormal", sd)
        case .gamma(let m, let sd):
            try positiveMean("gamma", m)
            try nonNegativeSD("gamma", sd)
        case .erlang(let k, let m):
            guard k >= 1 else { throw DistributionError("erlang needs phases ≥ 1 (got \(k))") }
            try positiveMean("erlang", m)
        case .triangular(let a, let c, let b):
            try finite("triangular", "min", a)
            try finite("triangular", "mode", c)
            try finite("triangular", "max", b)
            guard a <= b else { throw DistributionError("triangular needs min ≤ max (got min \(f(a)), max \(f(b)))") }
            guard a <= c, c <= b else {
                throw DistributionError("triangular needs min ≤ mode ≤ max (got mode \(f(c)) outside [\(f(a)), \(f(b))])")
            }
        case .empirical:
            break  // checked when built
        case .mixture(let m):
            for (i, component) in m.components.enumerated() {
                do { try component.validate() } catch {
                    throw DistributionError("mixture component \(i + 1): \(error.message)")
                }
            }
        }
    }

    /// This distribution if its parameters are possible; throws otherwise.
    ///
    /// ```swift
    /// let service = try Distribution.gamma(mean: 5, sd: 2).validated()
    /// ```
    public func validated() throws(DistributionError) -> Distribution {
        try validate()
        return self
    }
}
