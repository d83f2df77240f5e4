#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Distribution {
    /// P(X ≤ x), for goodness-of-fit tests and for reading off service
    /// levels analytically. Every case has one (the gamma family through the
    /// regularized incomplete gamma function); it returns nil only for a
    /// mixture whose components lack one, which cannot happen today but keeps
    /// the signature honest for future cases without a closed form.
    ///
    /// ```swift
    /// Distribution.exponential(mean: 5).cdf(5)   // 1 − e⁻¹ ≈ 0.632
    /// ```
    public func cdf(_ x: Double) -> Double? {
        switch self {
        case .fixed(let v):
            return x < v ? 0 : 1
        case .exponential(let m):
            return x <= 0 ? 0 : -expm1(-x / m)
        case .uniform(let a, let b):
            if x < a { return 0 }
            if x >= b { return 1 }
            return (x - a) / (b - a)
        case .lognormal(let m, let sd):
            if x <= 0 { return 0 }
            if sd == 0 { return x < m ? 0 : 1 }
            let s2 = log(1 + (sd * sd) / (m * m))
            return SpecialFunctions.normalCDF((log(x) - (log(m) - s2 / 2)) / s2.squareRoot())
        case .gamma(let m, let sd):
            if sd == 0 { return x < m ? 0 : 1 }
            let shape = (m * m) / (sd * sd), scale = sd * sd / m
            return SpecialFunctions.regularizedLowerGamma(a: shape, x: x / scale)
        case .erlang(let k, let m):
            return SpecialFunctions.regularizedLowerGamma(a: Double(k), x: x * Double(k) / m)
        case .triangular(let a, let c, let b):
            if x < a { return 0 }
            if x >= b { return 1 }
            if x <= c, c > a { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .empirical(let e):
            return e.cdf(x)
        case .mixture(let mix):
            var total = 0.0
            for (i, component) in mix.components.enumerated() {
                guard let p = component.cdf(x) else { return nil }
                total += mix.choice.probability(of: i) * p
            }
            return total
        }
    }
}
