import Testing
@testable import SimKernel

@Suite("Statistics")
struct StatisticsTests {
    static func data(_ n: Int, seed: UInt64, offset: Double = 0) -> [Double] {
        var r = RandomStream(seed: seed, stream: "data")
        return (0..<n).map { _ in offset + Distribution.lognormal(mean: 5, sd: 3).sample(using: &r) }
    }

    static func twoPass(_ xs: [Double]) -> (mean: Double, variance: Double) {
        let m = xs.reduce(0, +) / Double(xs.count)
        return (m, xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1))
    }

    /// With values around 10⁹ and sd ≈ 3, the naive Σx² − n·x̄² loses all
    /// digits (its rounding error is ~10² against a variance of ~9); Welford
    /// keeps about 8. The tolerance follows that conditioning, not the result.
    @Test("Tally mean and variance equal the two-pass computation",
          arguments: [(0, 1e-12), (1e9, 1e-6)] as [(Double, Double)])
    func tally(offset: Double, tolerance: Double) {
        let xs = Self.data(10_000, seed: 1, offset: offset)
        var t = Tally()
        for x in xs { t.add(x) }
        let (m, v) = Self.twoPass(xs)
        #expect(abs(t.mean - m) <= 1e-12 * abs(m))
        #expect(abs(t.variance - v) <= tolerance * v, "Welford \(t.variance) vs two-pass \(v)")
        #expect(abs(t.standardDeviation - v.squareRoot()) <= tolerance * v.squareRoot())
        if offset > 0 {
            // The tolerance still has teeth: the naive formula misses it.
            let n = Double(xs.count)
            let naive = (xs.reduce(0) { $0 + $1 * $1 } - n * m * m) / (n - 1)
            #expect(abs(naive - v) > tolerance * v, "naive \(naive) vs two-pass \(v)")
        }
        #expect(t.count == xs.count && t.min == xs.min()! && t.max == xs.max()!)
        #expect(abs(t.sum - xs.reduce(0, +)) <= 1e-12 * abs(t.sum))
        var one = Tally()
        #expect(one.variance == 0)
        one.add(4)
        #expect(one.variance == 0 && one.mean == 4)
    }

    @Test("merging tallies equals adding sequentially")
    func merge() {
        let xs = Self.data(9_001, seed: 2)
        var all = Tally()
        for x in xs { all.add(x) }
        var parts = [Tally(), Tally(), Tally()]
        for (i, x) in xs.enumerated() { parts[i < 100 ? 0 : (i < 5_000 ? 1 : 2)].add(x) }
        var merged = Tally()
        merged.merge(Tally())        // empty into empty
        for p in parts { merged.merge(p) }
        merged.merge(Tally())        // empty into full
        #expect(merged.count == all.count && merged.min == all.min && merged.max == all.max)
        #expect(abs(merged.mean - all.mean) <= 1e-12 * all.mean)
        #expect(abs(merged.variance - all.variance) <= 1e-10 * all.variance)
        #expect(abs(merged.sum - all.sum) <= 1e-12 * all.sum)
    }

    @Test("TimeWeighted average on a hand-computed path")
    func timeWeighted() {
        var q = TimeWeighted(startingAt: .zero)
        q.record(2, at: .minutes(10))
        q.record(5, at: .minutes(25))
        q.record(1, at: .minutes(30))
        // 0·10 + 2·15 + 5·5 + 1·10 = 65 value-minutes over 40 minutes.
        #expect(q.integral(until: .minutes(40)) == 65)
        #expect(q.average(until: .minutes(40)) == 65.0 / 40)
        #expect(q.maximum == 5 && q.current == 1 && q.lastChange == .minutes(30))
        q.reset(at: .minutes(30))
        #expect(q.average(until: .minutes(40)) == 1 && q.maximum == 1 && q.start == .minutes(30))
        var r = TimeWeighted(startingAt: .clock(8, 30), value: 3)
        #expect(r.average(until: .clock(8, 30)) == 3)
        r.record(6, at: .clock(9, 30))
        r.record(0, at: .clock(9, 30))  // a zero-length visit to 6 adds nothing to the area
        #expect(r.average(until: .clock(10, 30)) == 1.5)
        #expect(r.maximum == 6)
    }

    @Test("Samples.quantile gives hand-computed type-7 values")
    func quantiles() {
        var s = Samples()
        for x in [3.0, 1, 4, 1, 5, 9, 2, 6] { s.add(x) }   // sorted: 1 1 2 3 4 5 6 9
        #expect(s.quantile(0) == 1)
        #expect(s.quantile(0.25) == 1.75)   // h = 1.75: 1 + 0.75·(2 − 1)
        #expect(s.quantile(0.5) == 3.5)
        #expect(abs(s.quantile(0.9) - 6.9) < 1e-12)   // h = 6.3: 6 + 0.3·(9 − 6)
        #expect(s.quantile(1) == 9)
        #expect(s.fraction(atMost: 3) == 0.5)
        #expect(s.fraction(atMost: 0.5) == 0)
        s.add(0)                              // unsorted again
        #expect(s.quantile(0) == 0 && s.count == 9)
        s.removeAll()
        #expect(s.quantile(0.5).isNaN && s.fraction(atMost: 1).isNaN)
        s.add(7)
        #expect(s.quantile(0.3) == 7)
    }

    @Test("StudentT.quantile against table values")
    func studentT() {
        let table: [(p: Double, nu: Double, t: Double)] = [
            (0.975, 1, 12.706204736), (0.975, 9, 2.262157163), (0.975, 29, 2.045229642), (0.995, 4, 4.604094871),
            (0.95, 2, 2.919985580), (0.9, 100, 1.290074761),
        ]
        for row in table {
            let q = StudentT.quantile(row.p, degreesOfFreedom: row.nu)
            #expect(abs(q - row.t) < 1e-6, "t(\(row.p), \(row.nu)) = \(q), table \(row.t)")
            #expect(abs(StudentT.quantile(1 - row.p, degreesOfFreedom: row.nu) + row.t) < 1e-6)
        }
        #expect(abs(StudentT.cdf(-2.5, degreesOfFreedom: 7) - 0.020496109292876444) < 1e-12)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
    }

    @Test("special functions against SciPy")
    func specialFunctions() {
        #expect(abs(SpecialFunctions.regularizedLowerGamma(a: 2.5, x: 1.7) - 0.36143007689620493) < 1e-13)
        #expect(abs(SpecialFunctions.regularizedLowerGamma(a: 10, x: 15) - 0.9301463393005901) < 1e-13)
        #expect(abs(chiSquarePValue(30, degreesOfFreedom: 20) - 0.06985366069940986) < 1e-13)
        #expect(abs(SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 3, x: 0.4) - 0.5248) < 1e-13)
        #expect(abs(SpecialFunctions.regularizedIncompleteBeta(a: 0.5, b: 4.5, x: 0.9) - 0.9999914619487767) < 1e-13)
        #expect(abs(SpecialFunctions.normalCDF(1.96) - 0.9750021048517795) < 1e-15)
    }

    /// Coverage of `n`-observation intervals for the mean of N(10, 2²), and the
    /// ±4 SD binomial bounds for 95 %.
    static func coverage(intervals: Int, n: Int, halfWidth: (Tally) -> Double) -> Int {
        var rng = RandomStream(seed: 17, stream: "coverage")
        var covered = 0
        for _ in 0..<intervals {
            var t = Tally()
            for _ in 0..<n { t.add(10 + 2 * Normal.quantile(rng.nextUniform())) }
            if abs(t.mean - 10) <= halfWidth(t) { covered += 1 }
        }
        return covered
    }

    @Test("95 % intervals from 10 normal observations cover the mean 95 % of the time")
    func confidenceIntervalCoverage() {
        let k = 2_000, sd = (Double(k) * 0.95 * 0.05).squareRoot()   // binomial SD ≈ 9.75
        let low = Double(k) * 0.95 - 4 * sd, high = Double(k) * 0.95 + 4 * sd
        let covered = Self.coverage(intervals: k, n: 10) { $0.confidenceInterval(level: 0.95).halfWidth }
        #expect(Double(covered) >= low && Double(covered) <= high, "covered \(covered) of \(k); bounds [\(low), \(high)]")
        // Power: the normal quantile 1.96 instead of t₉ (2.262) covers ≈ 91.8 %.
        let normal = Self.coverage(intervals: k, n: 10) { 1.959963984540054 * $0.standardDeviation / 10.0.squareRoot() }
        #expect(Double(normal) < low, "z-interval covered \(normal) of \(k); bounds [\(low), \(high)]")
    }

    @Test("ConfidenceInterval construction, paired differences, description")
    func confidenceIntervals() {
        let ci = ConfidenceInterval(of: [1, 2, 3, 4, 5] as [Double])
        // sd = √2.5, t₀.₉₇₅,₄ = 2.776445105
        #expect(ci.mean == 3 && ci.count == 5)
        #expect(abs(ci.halfWidth - 2.776445105 * 2.5.squareRoot() / 5.0.squareRoot()) < 1e-8)
        #expect(ci.contains(3) && ci.contains(ci.low) && !ci.contains(ci.high + 1e-9))
        let paired = ConfidenceInterval.pairedDifference(base: [10, 12, 9, 11], other: [11, 14, 9, 13])
        #expect(paired.mean == 1.25)   // differences 1, 2, 0, 2
        #expect(ConfidenceInterval(of: [4.0]).halfWidth == .infinity)
        #expect(ConfidenceInterval(mean: 2, halfWidth: 0.5, count: 30, level: 0.9).description == "2.0 ± 0.5 (90 %, n=30)")
    }
}
