import Foundation
import Testing
@testable import SimKernel

/// Moment tests: 10⁶ draws each, fixed seeds, sample mean within ±4 SE and
/// sample variance within ±4.5 SE of exact values. The exact moments are
/// written out here from textbook formulas, not read from `Distribution`,
/// and `Distribution.mean`/`variance` are checked against them too.
@Suite("Distribution moments")
struct DistributionMomentTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var distribution: Distribution
        var mean: Double
        var variance: Double
        /// Exact fourth central moment μ₄ (nil: use the sample's).
        var mu4: Double?
        var testDescription: String { "\(distribution)" }
    }

    /// μ₄ = σ⁴ × kurtosis.
    static func kurtosisMu4(variance: Double, kurtosis: Double) -> Double { variance * variance * kurtosis }

    static func lognormalCase(mean m: Double, sd: Double) -> Case {
        let s2 = log(1 + sd * sd / (m * m))
        let kurtosis = exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 3
        return Case(distribution: .lognormal(mean: m, sd: sd), mean: m, variance: sd * sd,
                    mu4: kurtosisMu4(variance: sd * sd, kurtosis: kurtosis))
    }

    static func gammaCase(mean m: Double, sd: Double) -> Case {
        let shape = m * m / (sd * sd)
        return Case(distribution: .gamma(mean: m, sd: sd), mean: m, variance: sd * sd,
                    mu4: kurtosisMu4(variance: sd * sd, kurtosis: 3 + 6 / shape))
    }

    static func erlangCase(phases k: Int, mean m: Double) -> Case {
        let v = m * m / Double(k)
        return Case(distribution: .erlang(phases: k, mean: m), mean: m, variance: v,
                    mu4: kurtosisMu4(variance: v, kurtosis: 3 + 6 / Double(k)))
    }

    static func triangularCase(_ a: Double, _ c: Double, _ b: Double) -> Case {
        let v = (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        return Case(distribution: .triangular(min: a, mode: c, max: b), mean: (a + b + c) / 3, variance: v,
                    mu4: kurtosisMu4(variance: v, kurtosis: 2.4))
    }

    /// μ₄ of the interpolated empirical distribution: each gap [a, b] is a
    /// uniform piece of weight 1/(n−1), ∫(x−μ)⁴ = ((b−μ)⁵ − (a−μ)⁵) / (5(b−a)).
    static func empiricalMu4(_ xs: [Double], mean mu: Double) -> Double {
        let s = xs.sorted()
        var total = 0.0
        for i in 0..<(s.count - 1) {
            let a = s[i] - mu, b = s[i + 1] - mu
            total += b == a ? pow(a, 4) : (pow(b, 5) - pow(a, 5)) / (5 * (b - a))
        }
        return total / Double(s.count - 1)
    }

    static let empiricalSample: [Double] = [7, 1, 4, 2]
    static let cases: [Case] = [
        Case(distribution: .fixed(3), mean: 3, variance: 0, mu4: 0),
        Case(distribution: .exponential(mean: 4), mean: 4, variance: 16, mu4: 9 * 256),
        Case(distribution: .uniform(min: -5, max: 10), mean: 2.5, variance: 225.0 / 12, mu4: pow(15, 4) / 80),
        lognormalCase(mean: 6, sd: 4),
        lognormalCase(mean: 1, sd: 0.25),
        gammaCase(mean: 5, sd: 2),      // shape 6.25
        gammaCase(mean: 2, sd: 3),      // shape 0.44: the shape < 1 branch
        gammaCase(mean: 10, sd: 10),    // shape 1: exponential
        erlangCase(phases: 1, mean: 3),
        erlangCase(phases: 3, mean: 6),
        triangularCase(1, 3, 8),
        triangularCase(0, 0, 1),        // mode at min
        triangularCase(-2, 5, 5),       // mode at max
        // [1, 2, 4, 7]: gaps of weight 1/3 → mean 10/3, E[X²] = 128/9.
        Case(distribution: try! .empirical(samples: empiricalSample), mean: 10.0 / 3, variance: 28.0 / 9,
             mu4: empiricalMu4(empiricalSample, mean: 10.0 / 3)),
        // 0.7·lognormal(4, 2) + 0.3·gamma(25, 10): mean 2.8 + 7.5,
        // E[X²] = 0.7·(16 + 4) + 0.3·(625 + 100) = 231.5.
        Case(distribution: try! .mixture(of: [(0.7, .lognormal(mean: 4, sd: 2)), (0.3, .gamma(mean: 25, sd: 10))]),
             mean: 10.3, variance: 231.5 - 10.3 * 10.3, mu4: nil),
    ]

    @Test("mean and variance over 10⁶ draws", arguments: cases.enumerated().map { $0 })
    func moments(_ index: Int, _ c: Case) {
        #expect(abs(c.distribution.mean - c.mean) <= 1e-12 * max(1, abs(c.mean)),
                "Distribution.mean \(c.distribution.mean) vs exact \(c.mean)")
        #expect(abs(c.distribution.variance - c.variance) <= 1e-12 * max(1, c.variance),
                "Distribution.variance \(c.distribution.variance) vs exact \(c.variance)")
        let check = MomentCheck(c.distribution, seed: 1_000 + UInt64(index), exactMean: c.mean,
                                exactVariance: c.variance, fourthCentralMoment: c.mu4)
        if c.variance == 0 {
            #expect(check.sampleMean == c.mean && check.sampleVariance == 0, "\(check)")
        } else {
            #expect(check.passes, "\(check)")
            if let mu4 = c.mu4 {
                // The exact μ₄ itself must agree with the sample's (a wrong
                // μ₄ would make the variance test too loose or too tight).
                #expect(abs(check.sampleFourthMoment / mu4 - 1) < 0.1, "μ₄ sample \(check.sampleFourthMoment) vs exact \(mu4)")
            }
        }
    }

    @Test("Erlang with many phases does not underflow")
    func erlangManyPhases() {
        // 800 phases: the product of uniforms would underflow (e^-800 < 2^-1074).
        let c = Self.erlangCase(phases: 800, mean: 10)
        let check = MomentCheck(c.distribution, draws: 20_000, seed: 77, exactMean: c.mean,
                                exactVariance: c.variance, fourthCentralMoment: c.mu4)
        #expect(check.passes, "\(check)")
    }

    @Test("gamma and lognormal with sd 0 are fixed")
    func zeroSD() {
        var rng = RandomStream(seed: 5)
        #expect(Distribution.gamma(mean: 5, sd: 0).sample(using: &rng) == 5)
        #expect(abs(Distribution.lognormal(mean: 5, sd: 0).sample(using: &rng) - 5) < 1e-12)
    }

    // MARK: The tolerances have power: wrong parameterisations fail.

    @Test("lognormal given the sd of the log instead of the sd fails the moment check")
    func wrongLognormalSD() {
        // Right: lognormal(mean 1, sd 0.5). Wrong: σ of log = 0.5, mean kept.
        let right = Self.lognormalCase(mean: 1, sd: 0.5)
        let wrong = MomentCheck(seed: 9, exactMean: 1, exactVariance: 0.25, fourthCentralMoment: right.mu4) { rng in
            exp(-0.125 + 0.5 * Normal.quantile(rng.nextUniform()))
        }
        #expect(!wrong.passes, "\(wrong)")
        let good = MomentCheck(right.distribution, seed: 9, exactMean: 1, exactVariance: 0.25, fourthCentralMoment: right.mu4)
        #expect(good.passes, "\(good)")
    }

    @Test("lognormal without the −σ²/2 correction fails the moment check")
    func wrongLognormalMean() {
        let right = Self.lognormalCase(mean: 6, sd: 4)
        let s2 = log(1 + 16.0 / 36)
        let wrong = MomentCheck(seed: 10, exactMean: 6, exactVariance: 16, fourthCentralMoment: right.mu4) { rng in
            exp(log(6) + s2.squareRoot() * Normal.quantile(rng.nextUniform()))
        }
        #expect(!wrong.passes, "\(wrong)")
    }

    @Test("gamma with shape and scale swapped fails the moment check")
    func wrongGamma() {
        let right = Self.gammaCase(mean: 5, sd: 2)  // shape 6.25, scale 0.8
        let wrong = MomentCheck(seed: 11, exactMean: 5, exactVariance: 4, fourthCentralMoment: right.mu4) { rng in
            Gamma.sample(shape: 0.8, using: &rng) * 6.25
        }
        #expect(!wrong.passes, "\(wrong)")
    }

    @Test("a 2 % error in the sd is detected")
    func smallSDError() {
        // Gamma(5, 2.04) judged as Gamma(5, 2): the variance is 4 % off.
        let right = Self.gammaCase(mean: 5, sd: 2)
        let wrong = MomentCheck(.gamma(mean: 5, sd: 2.04), seed: 12, exactMean: 5, exactVariance: 4, fourthCentralMoment: right.mu4)
        #expect(!wrong.passes, "\(wrong)")
    }

    @Test("Erlang with the mean taken per phase fails the moment check")
    func wrongErlang() {
        let right = Self.erlangCase(phases: 3, mean: 6)
        let wrong = MomentCheck(seed: 13, exactMean: 6, exactVariance: 12, fourthCentralMoment: right.mu4) { rng in
            -6 * log(rng.nextUniform() * rng.nextUniform() * rng.nextUniform())
        }
        #expect(!wrong.passes, "\(wrong)")
    }
}
