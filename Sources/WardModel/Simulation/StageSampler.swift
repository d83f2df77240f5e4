#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SimKernel

/// A `Distribution` with its per-sample constants worked out once: the
/// lognormal's μ and σ, so the hot path is one ziggurat step and one `exp`.
///
/// `sample(word:_:)` draws from a random word (the output of `StreamKeys.mix`):
/// exponential values are the inverse CDF of the word's uniform, lognormal
/// ones exp(μ + σZ) with Z from `NormalZiggurat` (no generator is set up);
/// every other distribution gets a `RandomStream` seeded by the word and
/// `Distribution.sample`.
///
/// A plain value (no references): copying a sampler or a stage that holds
/// one costs no reference counting. Other distributions live in a table
/// (`CompiledScenario.generalTimes`) and the sampler keeps their index.
///
/// ```swift
/// let s = StageSampler(.lognormal(mean: 6, sd: 4), table: &table)
/// let minutes = s.sample(word: StreamKeys.mix(base, 17), table)
/// ```
struct StageSampler: Sendable {
    private enum Form: UInt8, Sendable { case fixed, exponential, lognormal, general }
    private let form: Form
    /// fixed: the value; exponential: the mean; lognormal: μ; general: table index.
    private let a: Double
    /// lognormal: σ.
    private let b: Double
    let mean: Double

    /// Prepares `d`; a distribution without a closed-form draw is appended to `table`.
    init(_ d: Distribution, table: inout [Distribution]) {
        mean = d.mean
        if case .fixed(let v) = d { form = .fixed; a = v; b = 0 }
        else if case .exponential(let m) = d { form = .exponential; a = m; b = 0 }
        else if case .lognormal(let m, let sd) = d, m > 0 {
            let s2 = log(1 + (sd * sd) / (m * m))
            form = .lognormal; a = log(m) - s2 / 2; b = s2.squareRoot()
        } else {
            form = .general; a = Double(table.count); b = 0
            table.append(d)
        }
    }

    /// Always `value`.
    init(fixed value: Double) { form = .fixed; a = value; b = 0; mean = value }

    /// Whether the value needs no random number at all.
    @inline(__always) var isFixed: Bool { form == .fixed }

    /// One value from the random word `word`; `table` is the one the sampler was prepared with.
    @inline(__always) func sample(word: UInt64, _ table: [Distribution]) -> Double {
        switch form {
        case .fixed: return a
        case .exponential: return -a * log(StreamKeys.uniform(word))
        case .lognormal: return exp(a + b * NormalZiggurat.sample(bits: word))
        case .general: return StageSampler.general(table[Int(a)], word)
        }
    }

    @inline(never) private static func general(_ d: Distribution, _ word: UInt64) -> Double {
        var rng = RandomStream(seed: word)
        return d.sample(using: &rng)
    }
}
