/// A probability distribution stated the way planners state them.
///
/// Sampling uses inverse transform where practical, so one uniform draw maps
/// to one sample and common random numbers line up across scenarios.
///
/// ```swift
/// let service = try Distribution.lognormal(mean: 6, sd: 4)
/// var rng = RandomStream(seed: 1, stream: "service")
/// let minutes = service.sample(using: &rng)
/// ```
public enum Distribution: Sendable, Hashable {
    case fixed(Double)
    case exponential(mean: Double)
    case uniform(min: Double, max: Double)

    /// Draws one value.
    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        switch self {
        case .fixed(let v): return v
        case .exponential(let mean): return -mean * log(rng.nextUniform())
        case .uniform(let a, let b): return a + (b - a) * rng.nextUniform()
        }
    }

    /// The exact mean.
    public var mean: Double {
        switch self {
        case .fixed(let v): return v
        case .exponential(let m): return m
        case .uniform(let a, let b): return (a + b) / 2
        }
    }

    /// The exact variance.
    public var variance: Double {
        switch self {
        case .fixed: return 0
        case .exponential(let m): return m * m
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
