#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SimKernel

/// A `Distribution` with its per-sample constants worked out once: the
/// lognormal's μ and σ, so the hot path is one inverse-normal and one `exp`.
///
/// `sample(key:)` draws from a random key (see `StreamKeys`): fixed,
/// exponential and lognormal values are the inverse CDF of the key's one
/// uniform (no generator is set up); every other distribution gets a
/// `RandomStream` seeded by the key and `Distribution.sample`.
///
/// ```swift
/// let s = StageSampler(.lognormal(mean: 6, sd: 4))
/// let minutes = s.sample(key: StreamKeys.mix(base, 17))
/// ```
struct StageSampler: Sendable {
    private enum Form: Sendable {
        case fixed(Double)
        case exponential(Double)
        case lognormal(mu: Double, sigma: Double)
        case general(Distribution)
    }
    private let form: Form
    let mean: Double

    init(_ d: Distribution) {
        mean = d.mean
        if case .fixed(let v) = d { form = .fixed(v) }
        else if case .exponential(let m) = d { form = .exponential(m) }
        else if case .lognormal(let m, let sd) = d, m > 0 {
            let s2 = log(1 + (sd * sd) / (m * m))
            form = .lognormal(mu: log(m) - s2 / 2, sigma: s2.squareRoot())
        } else { form = .general(d) }
    }

    /// Whether the value needs no random number at all.
    var isFixed: Bool { if case .fixed = form { return true }; return false }

    @inline(__always) func sample(key: UInt64) -> Double {
        switch form {
        case .fixed(let v): return v
        case .exponential(let m): return -m * log(StreamKeys.uniform(key))
        case .lognormal(let mu, let sigma): return exp(mu + sigma * Normal.quantile(StreamKeys.uniform(key)))
        case .general(let d):
            var rng = RandomStream(seed: key)
            return d.sample(using: &rng)
        }
    }
}
