import Foundation
import Testing
@testable import SimKernel

/// The ziggurat's tables and its draws. The tables are literals generated
/// once; these tests recompute what defines them, and then check a million
/// draws against Φ (Kolmogorov–Smirnov), the moments and the tail beyond R,
/// so a wrong table entry, layer or tail branch fails.
@Suite("Normal ziggurat")
struct NormalZigguratTests {
    typealias Z = NormalZiggurat
    static func f(_ x: Double) -> Double { exp(-x * x / 2) }

    @Test func tablesHaveEqualLayersEndingAtZero() {
        #expect(Z.x.count == 257 && Z.f.count == 257)
        let r = Z.r
        let v = r * Self.f(r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        #expect(abs(Z.x[0] - v / Self.f(r)) <= 1e-13 * Z.x[0], "x[0] \(Z.x[0]) vs V/f(R) \(v / Self.f(r))")
        #expect(Z.x[1] == r)
        #expect(Z.x[256] == 0)
        for i in 0...256 {
            #expect(abs(Z.f[i] - Self.f(Z.x[i])) <= 1e-15 * Z.f[i], "f[\(i)] \(Z.f[i]) vs exp(−x²/2) \(Self.f(Z.x[i]))")
        }
        for i in 1..<256 {
            #expect(Z.x[i + 1] < Z.x[i])
            // Layer i: width x[i], from f(x[i]) up to f(x[i+1]); every layer has area V.
            let area = Z.x[i] * (Z.f[i + 1] - Z.f[i])
            #expect(abs(area - v) <= 1e-11 * v, "layer \(i) area \(area) vs V \(v)")
        }
        // The base layer: the rectangle under f(R) plus the tail.
        #expect(abs(Z.x[0] * Z.f[1] - v) <= 1e-13 * v)
    }

    /// One million draws from consecutive SplitMix64 words.
    static let draws: [Double] = {
        var words = SplitMix64(state: 20_261_122)
        return (0..<1_000_000).map { _ in Z.sample(bits: words.next()) }
    }()

    @Test func drawsFollowTheStandardNormal() {
        let sorted = Self.draws.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (k, z) in sorted.enumerated() {
            let cdf = SpecialFunctions.normalCDF(z)
            d = max(d, abs(cdf - Double(k) / n), abs(Double(k + 1) / n - cdf))
        }
        // 1 % critical value of the KS statistic: 1.628 / √n ≈ 0.0016.
        #expect(d < 1.628 / n.squareRoot(), "KS distance \(d), 1 % critical value \(1.628 / n.squareRoot())")
        let mean = sorted.reduce(0, +) / n
        let variance = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        #expect(abs(mean) <= 4 / n.squareRoot(), "mean \(mean), ±4 SE = ±\(4 / n.squareRoot())")
        #expect(abs(variance - 1) <= 4.5 * (2 / n).squareRoot(), "variance \(variance), 1 ± \(4.5 * (2 / n).squareRoot())")
    }

    @Test func tailsHaveTheirShare() {
        let n = Double(Self.draws.count)
        for cut in [2.0, 3.0, Z.r, 4.0] {
            let p = 2 * (1 - SpecialFunctions.normalCDF(cut))
            let seen = Double(Self.draws.filter { abs($0) > cut }.count)
            let se = (n * p * (1 - p)).squareRoot()
            #expect(abs(seen - n * p) <= 4.5 * se, "P(|Z| > \(cut)): \(seen) seen, \(n * p) expected, ±4.5 SE = ±\(4.5 * se)")
            // Both signs.
            let above = Double(Self.draws.filter { $0 > cut }.count)
            #expect(abs(above - n * p / 2) <= 4.5 * (n * p / 2 * (1 - p / 2)).squareRoot(), "P(Z > \(cut)): \(above) seen, \(n * p / 2) expected")
        }
    }

    @Test func sameWordSameValue() {
        for w: UInt64 in [0, 1, 0xff, 0x100, .max, 0x9e37_79b9_7f4a_7c15] {
            let a = Z.sample(bits: w), b = Z.sample(bits: w)
            #expect(a == b && a.isFinite)
        }
    }
}
