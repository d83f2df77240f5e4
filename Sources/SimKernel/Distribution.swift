#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A probability distribution stated the way planners state them.
///
/// Sampling uses inverse transform where practical, so one uniform draw maps
/// to one sample and common random numbers line up across scenarios:
///
/// | case          | uniforms per draw                 |
/// |---------------|-----------------------------------|
/// | fixed         | 0                                 |
/// | exponential, uniform, lognormal, triangular, empirical | 1 |
/// | erlang        | `phases`                          |
/// | gamma         | variable (rejection sampling)     |
/// | mixture       | 1 to choose the component, then the component's |
///
/// The enum cases can be built directly (the hot path never re-checks
/// them); a scenario loader calls `validate()` to reject impossible
/// parameters with a readable message. `empirical` and `mixture` can only be
/// built through throwing initialisers, so their own tables are always valid.
///
/// ```swift
/// let service = Distribution.lognormal(mean: 6, sd: 4)
/// try service.validate()
/// var rng = RandomStream(seed: 1, stream: "service")
/// let minutes = service.sample(using: &rng)
/// ```
public enum Distribution: Sendable, Hashable {
    /// Always the same value (any finite number).
    case fixed(Double)
    /// Exponential with the given mean (> 0).
    case exponential(mean: Double)
    /// Uniform on [min, max] (min ≤ max; negative values allowed).
    case uniform(min: Double, max: Double)
    /// Lognormal with the given mean and standard deviation of the value itself
    /// (not of its logarithm).
    case lognormal(mean: Double, sd: Double)
    /// Gamma with the given mean and standard deviation (shape = (mean/sd)²).
    case gamma(mean: Double, sd: Double)
    /// Erlang: the sum of `phases` exponential phases, with total mean `mean`.
    case erlang(phases: Int, mean: Double)
    /// Triangular on [min, max] with its peak at `mode`.
    case triangular(min: Double, mode: Double, max: Double)
    /// The distribution of observed values (see `Distribution.Empirical`).
    case empirical(Empirical)
    /// A weighted mixture of distributions (see `Distribution.Mixture`).
    case mixture(Mixture)

    /// Draws one value.
    ///
    /// Allocation-free for every case. O(1), except Erlang (O(phases)),
    /// empirical and mixture (O(log n) binary search / table lookup).
    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        switch self {
        case .fixed(let v):
            return v
        case .exponential(let mean):
            return -mean * log(rng.nextUniform())
        case .uniform(let a, let b):
            return a + (b - a) * rng.nextUniform()
        case .lognormal(let mean, let sd):
            let s2 = log(1 + (sd * sd) / (mean * mean))
            let mu = log(mean) - s2 / 2
            return exp(mu + s2.squareRoot() * Normal.quantile(rng.nextUniform()))
        case .gamma(let mean, let sd):
            // sd = 0 is a legitimate "no variability" input; the gamma
            // sampler would divide by zero.
            if sd == 0 { return mean }
            let shape = (mean * mean) / (sd * sd)
            return Gamma.sample(shape: shape, using: &rng) * (sd * sd / mean)
        case .erlang(let k, let mean):
            // One log per draw instead of one per phase. The product of many
            // uniforms underflows (k ≳ 700), so fold it into a log sum first.
            var product = 1.0, logSum = 0.0
            for _ in 0..<k {
                product *= rng.nextUniform()
                if product < 0x1p-900 { logSum += log(product); product = 1 }
            }
            return -mean / Double(k) * (logSum + log(product))
        case .triangular(let a, let c, let b):
            let u = rng.nextUniform()
            let split = (c - a) / (b - a)
            return u < split ? a + ((b - a) * (c - a) * u).squareRoot()
                             : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
        case .empirical(let e):
            return e.value(at: rng.nextUniform())
        case .mixture(let m):
            let i = m.choice.choose(using: &rng)
            return m.components[i].sample(using: &rng)
        }
    }

    /// The exact mean.
    public var mean: Double {
        switch self {
        case .fixed(let v): return v
        case .exponential(let m), .lognormal(let m, _), .gamma(let m, _), .erlang(_, let m): return m
        case .uniform(let a, let b): return (a + b) / 2
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .empirical(let e): return e.mean
        case .mixture(let m): return m.mean
        }
    }

    /// The exact variance.
    public var variance: Double {
        switch self {
        case .fixed: return 0
        case .exponential(let m): return m * m
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .lognormal(_, let sd), .gamma(_, let sd): return sd * sd
        case .erlang(let k, let m): return m * m / Double(k)
        case .triangular(let a, let c, let b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .empirical(let e): return e.variance
        case .mixture(let m): return m.variance
        }
    }

    /// The exact standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }
}

/// The standard normal distribution's quantile function.
public enum Normal {
    /// Φ⁻¹(p) by Wichura's AS 241 (PPND16), accurate to about 1e-16.
    @inlinable
    public static func quantile(_ p: Double) -> Double {
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1)
        } else {
            r -= 5
            value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1)
        }
        return q < 0 ? -value : value
    }
}

/// Gamma variates by Marsaglia & Tsang (2000); shape < 1 by the boost
/// U^(1/shape). Uses a variable number of uniforms (rejection), so gamma
/// streams are reproducible but not one-draw-per-sample.
public enum Gamma {
    @inlinable
    public static func sample(shape: Double, using rng: inout RandomStream) -> Double {
        if shape < 1 {
            let u = rng.nextUniform()
            return sample(shape: shape + 1, using: &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = Normal.quantile(rng.nextUniform())
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextUniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
