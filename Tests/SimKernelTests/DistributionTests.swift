import Foundation
import Testing
@testable import SimKernel

@Suite("Distribution known answers, CDFs and validation")
struct DistributionTests {
    // MARK: Known answers (reference values from SciPy / the formulas by hand)

    @Test("Normal.quantile known answers")
    func normalQuantile() {
        #expect(abs(Normal.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(Normal.quantile(0.001) - -3.090232306167813) < 1e-12)
        #expect(abs(Normal.quantile(0.3) - -0.5244005127080409) < 1e-12)
        #expect(abs(Normal.quantile(1e-10) - -6.361340902404056) < 1e-10)
        #expect(abs(Normal.quantile(1 - 1e-12) - 7.0344869100478356) < 1e-6)  // 1 − 1e-12 is itself rounded
        #expect(Normal.quantile(0.5) == 0)
    }

    /// The first uniform of `RandomStream(seed: 42)` is 0.08386297105988222
    /// (pinned in RandomStreamTests); each inverse-transform sampler must map
    /// it to the value computed independently in Python.
    @Test("first draw from seed 42 maps through the inverse CDF")
    func firstDraws() throws {
        func first(_ d: Distribution) -> Double { var r = RandomStream(seed: 42); return d.sample(using: &r) }
        #expect(abs(first(.exponential(mean: 4)) - 9.914284436234356) < 1e-12)
        #expect(abs(first(.uniform(min: -5, max: 10)) - -3.7420554341017667) < 1e-12)
        #expect(abs(first(.lognormal(mean: 6, sd: 4)) - 2.162651452473111) < 1e-12)
        #expect(abs(first(.triangular(min: 0, mode: 1, max: 4)) - 0.5791820821119459) < 1e-12)
        #expect(abs(first(try .empirical(samples: [4, 1, 7, 2])) - 1.2515889131796467) < 1e-12)
        #expect(first(.fixed(2.5)) == 2.5)
    }

    @Test("triangular and uniform CDF at hand-computed points")
    func simpleCDFs() throws {
        let tri = Distribution.triangular(min: 0, mode: 1, max: 4)
        #expect(tri.cdf(-1) == 0)
        #expect(abs(try #require(tri.cdf(1)) - 0.25) < 1e-15)        // (1−0)²/(4·1)
        #expect(abs(try #require(tri.cdf(2)) - 2.0 / 3) < 1e-15)     // 1 − 2²/(4·3)
        #expect(tri.cdf(4) == 1)
        #expect(Distribution.triangular(min: 0, mode: 0, max: 1).cdf(0) == 0)
        #expect(Distribution.triangular(min: 0, mode: 1, max: 1).cdf(0.5) == 0.25)
        #expect(Distribution.uniform(min: -5, max: 10).cdf(0) == 1.0 / 3)
        #expect(Distribution.fixed(3).cdf(2.999) == 0)
        #expect(Distribution.fixed(3).cdf(3) == 1)
        #expect(abs(try #require(Distribution.exponential(mean: 5).cdf(5)) - (1 - exp(-1))) < 1e-15)
    }

    @Test("gamma, Erlang and lognormal CDF against SciPy")
    func specialCDFs() throws {
        #expect(abs(try #require(Distribution.gamma(mean: 5, sd: 2).cdf(4)) - 0.34394163817569784) < 1e-12)
        #expect(abs(try #require(Distribution.gamma(mean: 2, sd: 3).cdf(1.3)) - 0.5969857779922538) < 1e-12)
        #expect(abs(try #require(Distribution.erlang(phases: 3, mean: 6).cdf(5)) - 0.45618688411667035) < 1e-12)
        #expect(abs(try #require(Distribution.lognormal(mean: 6, sd: 4).cdf(5)) - 0.5010136868132165) < 1e-12)
    }

    @Test("empirical CDF interpolates between sorted observations")
    func empiricalCDF() throws {
        let e = try Distribution.empirical(samples: [7, 1, 4, 2])
        #expect(e.cdf(0.5) == 0)
        #expect(e.cdf(1) == 0)
        #expect(e.cdf(1.5) == 0.5 / 3)
        #expect(e.cdf(3) == 1.5 / 3)
        #expect(e.cdf(5.5) == 2.5 / 3)
        #expect(e.cdf(7) == 1)
        // Ties: a jump at the repeated value.
        let tied = try Distribution.Empirical(samples: [1, 2, 2, 3])
        #expect(tied.cdf(2) == 2.0 / 3)
        #expect(tied.cdf(1.999) < 1.0 / 3)
        // One observation: a fixed value.
        let one = try Distribution.empirical(samples: [4.5])
        var rng = RandomStream(seed: 1)
        #expect(one.sample(using: &rng) == 4.5 && one.mean == 4.5 && one.variance == 0)
    }

    @Test("empirical draws stay in the observed range and match the sorted sample's quantiles")
    func empiricalQuantiles() throws {
        let e = try Distribution.Empirical(samples: [3, 9, 1, 5, 5, 12])
        #expect(e.sortedValues == [1, 3, 5, 5, 9, 12])
        var s = Samples()
        for x in e.sortedValues { s.add(x) }
        for u in [0.0001, 0.1, 0.25, 0.5, 0.73, 0.9999] {
            #expect(abs(e.value(at: u) - s.quantile(u)) < 1e-12, "u=\(u)")
        }
    }

    @Test("mixture mean, variance and CDF combine the components")
    func mixture() throws {
        let m = try Distribution.mixture(of: [(weight: 2, .fixed(1)), (weight: 6, .exponential(mean: 3))])
        #expect(abs(m.mean - (0.25 * 1 + 0.75 * 3)) < 1e-12)
        // E[X²] = 0.25·1 + 0.75·18 = 13.75.
        #expect(abs(m.variance - (13.75 - 2.5 * 2.5)) < 1e-12)
        #expect(abs(try #require(m.cdf(2)) - (0.25 + 0.75 * (1 - exp(-2.0 / 3)))) < 1e-15)
        // Nested mixtures work.
        let nested = try Distribution.mixture(of: [(1, m), (1, .fixed(10))])
        #expect(abs(nested.mean - 6.25) < 1e-12)
    }

    // MARK: Shape: Kolmogorov–Smirnov against the CDF (α = 0.001)

    static let ksCases: [Distribution] = [
        .exponential(mean: 4), .uniform(min: -5, max: 10), .lognormal(mean: 6, sd: 4),
        .gamma(mean: 5, sd: 2), .gamma(mean: 2, sd: 3), .erlang(phases: 3, mean: 6),
        .triangular(min: 1, mode: 3, max: 8),
        try! .empirical(samples: [7, 1, 4, 2, 2.5, 11]),
        try! .mixture(of: [(0.7, .lognormal(mean: 4, sd: 2)), (0.3, .gamma(mean: 25, sd: 10))]),
    ]

    @Test("sample distribution matches the CDF (KS, 50 000 draws)", arguments: ksCases)
    func kolmogorovSmirnov(_ d: Distribution) throws {
        var rng = RandomStream(seed: 2024, stream: "ks")
        let n = 50_000
        let xs = (0..<n).map { _ in d.sample(using: &rng) }
        let distance = ksDistance(xs) { d.cdf($0)! }
        let critical = 1.949 / Double(n).squareRoot()  // α = 0.001
        #expect(distance < critical, "KS distance \(distance) ≥ critical \(critical)")
    }

    @Test("KS test detects a lognormal with the wrong sd")
    func kolmogorovSmirnovHasPower() {
        var rng = RandomStream(seed: 2024, stream: "ks")
        let xs = (0..<50_000).map { _ in Distribution.lognormal(mean: 6, sd: 4.2).sample(using: &rng) }
        let distance = ksDistance(xs) { Distribution.lognormal(mean: 6, sd: 4).cdf($0)! }
        #expect(distance > 1.949 / 50_000.0.squareRoot(), "KS distance \(distance)")
    }

    // MARK: Validation

    static let invalid: [(Distribution, String)] = [
        (.fixed(.nan), "fixed needs a finite value (got nan)"),
        (.exponential(mean: 0), "exponential needs mean > 0 (got 0)"),
        (.exponential(mean: .infinity), "exponential needs a finite mean (got inf)"),
        (.uniform(min: 5, max: 2), "uniform needs min ≤ max (got min 5, max 2)"),
        (.lognormal(mean: -3, sd: 1), "lognormal needs mean > 0 (got -3)"),
        (.lognormal(mean: 3, sd: -1.5), "lognormal needs sd ≥ 0 (got -1.5)"),
        (.gamma(mean: 5, sd: .nan), "gamma needs a finite sd (got nan)"),
        (.gamma(mean: -1, sd: 1), "gamma needs mean > 0 (got -1)"),
        (.erlang(phases: 0, mean: 5), "erlang needs phases ≥ 1 (got 0)"),
        (.erlang(phases: 2, mean: -5), "erlang needs mean > 0 (got -5)"),
        (.triangular(min: 1, mode: 0, max: 4), "triangular needs min ≤ mode ≤ max (got mode 0 outside [1, 4])"),
        (.triangular(min: 4, mode: 3, max: 1), "triangular needs min ≤ max (got min 4, max 1)"),
    ]

    @Test("impossible parameters are rejected with a clear message", arguments: invalid.indices)
    func rejects(_ i: Int) {
        let (d, message) = Self.invalid[i]
        #expect(throws: DistributionError(message)) { try d.validate() }
    }

    @Test("possible parameters pass validation")
    func accepts() throws {
        for c in DistributionMomentTests.cases { try c.distribution.validate() }
        try Distribution.uniform(min: 3, max: 3).validate()
        try Distribution.triangular(min: 2, mode: 2, max: 2).validate()
        try Distribution.gamma(mean: 5, sd: 0).validate()
        try Distribution.fixed(-2).validate()
        #expect(try Distribution.exponential(mean: 2).validated() == .exponential(mean: 2))
    }

    @Test("empirical and mixture reject impossible inputs")
    func rejectsCompound() {
        #expect(throws: DistributionError("empirical needs at least one observed value (got none)")) {
            try Distribution.empirical(samples: [])
        }
        #expect(throws: DistributionError("empirical needs finite values (got inf at position 2)")) {
            try Distribution.empirical(samples: [1, .infinity])
        }
        #expect(throws: DistributionError("mixture needs at least one component (got none)")) {
            try Distribution.mixture(of: [])
        }
        #expect(throws: DistributionError("mixture weights: discrete choice needs at least one positive weight (all are 0)")) {
            try Distribution.mixture(of: [(0, .fixed(1)), (0, .fixed(2))])
        }
        #expect(throws: DistributionError("mixture weights: discrete choice needs finite weights ≥ 0 (got -1 at position 2)")) {
            try Distribution.mixture(of: [(1, .fixed(1)), (-1, .fixed(2))])
        }
        #expect(throws: DistributionError("mixture component 2: lognormal needs mean > 0 (got -3)")) {
            try Distribution.mixture(of: [(1, .fixed(1)), (1, .lognormal(mean: -3, sd: 1))])
        }
        #expect(throws: DistributionError("mixture needs one weight per component (got 1 weights for 2 components)")) {
            try Distribution.Mixture(weights: [1], components: [.fixed(1), .fixed(2)])
        }
    }

    @Test("error description is the message")
    func errorDescription() {
        #expect("\(DistributionError("lognormal needs mean > 0 (got -3)"))" == "lognormal needs mean > 0 (got -3)")
    }
}
