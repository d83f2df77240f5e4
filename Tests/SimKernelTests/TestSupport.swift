import Foundation
@testable import SimKernel

/// Sample moments of many draws compared with exact values, in standard
/// errors. The standard error of the sample variance uses the fourth central
/// moment μ₄: Var(s²) = (μ₄ − σ⁴ (n − 3)/(n − 1)) / n.
struct MomentCheck: CustomStringConvertible {
    var draws: Int
    var exactMean: Double, exactVariance: Double
    var sampleMean: Double, sampleVariance: Double
    var sampleFourthMoment: Double
    var fourthMomentUsed: Double

    var meanSE: Double { (exactVariance / Double(draws)).squareRoot() }
    var varianceSE: Double {
        let n = Double(draws), s4 = exactVariance * exactVariance
        return ((fourthMomentUsed - s4 * (n - 3) / (n - 1)) / n).squareRoot()
    }
    var meanZ: Double { (sampleMean - exactMean) / meanSE }
    var varianceZ: Double { (sampleVariance - exactVariance) / varianceSE }

    /// Mean within ±4 SE and variance within ±4.5 SE.
    var passes: Bool { abs(meanZ) <= 4 && abs(varianceZ) <= 4.5 }

    var description: String {
        "n=\(draws): mean \(sampleMean) vs exact \(exactMean) (SE \(meanSE), z=\(meanZ), interval ±4 SE = [\(exactMean - 4 * meanSE), \(exactMean + 4 * meanSE)]); "
            + "variance \(sampleVariance) vs exact \(exactVariance) (SE \(varianceSE), z=\(varianceZ), interval ±4.5 SE = [\(exactVariance - 4.5 * varianceSE), \(exactVariance + 4.5 * varianceSE)])"
    }

    /// Draws `draws` values. `fourthCentralMoment` nil: use the sample's.
    init(draws: Int = 1_000_000, seed: UInt64, exactMean: Double, exactVariance: Double,
         fourthCentralMoment: Double?, sample: (inout RandomStream) -> Double) {
        var rng = RandomStream(seed: seed, stream: "moments")
        // Power sums about the exact mean (a good shift: no cancellation).
        var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
        for _ in 0..<draws {
            let d = sample(&rng) - exactMean
            let d2 = d * d
            s1 += d; s2 += d2; s3 += d2 * d; s4 += d2 * d2
        }
        let n = Double(draws)
        let a1 = s1 / n, a2 = s2 / n, a3 = s3 / n, a4 = s4 / n
        let m2 = a2 - a1 * a1
        let m4 = a4 - 4 * a1 * a3 + 6 * a1 * a1 * a2 - 3 * a1 * a1 * a1 * a1
        self.draws = draws
        self.exactMean = exactMean
        self.exactVariance = exactVariance
        sampleMean = exactMean + a1
        sampleVariance = m2 * n / (n - 1)
        sampleFourthMoment = m4
        fourthMomentUsed = fourthCentralMoment ?? m4
    }

    init(_ d: Distribution, draws: Int = 1_000_000, seed: UInt64, exactMean: Double, exactVariance: Double, fourthCentralMoment: Double?) {
        self.init(draws: draws, seed: seed, exactMean: exactMean, exactVariance: exactVariance,
                  fourthCentralMoment: fourthCentralMoment) { d.sample(using: &$0) }
    }
}

/// Upper tail of the chi-square distribution, P(χ²_df ≥ x).
func chiSquarePValue(_ statistic: Double, degreesOfFreedom df: Int) -> Double {
    1 - SpecialFunctions.regularizedLowerGamma(a: Double(df) / 2, x: statistic / 2)
}

/// Pearson's statistic Σ (O − E)² / E over cells with E > 0, and whether any
/// count fell in a cell with E = 0 (an impossible outcome).
func pearson(observed: [Int], expected: [Double]) -> (statistic: Double, cells: Int, impossible: Bool) {
    var x2 = 0.0, cells = 0, impossible = false
    for (o, e) in zip(observed, expected) {
        if e > 0 {
            x2 += (Double(o) - e) * (Double(o) - e) / e
            cells += 1
        } else if o > 0 {
            impossible = true
        }
    }
    return (x2, cells, impossible)
}

/// Kolmogorov–Smirnov distance between a sample and a CDF.
func ksDistance(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    let xs = sample.sorted(), n = Double(xs.count)
    var d = 0.0
    for (i, x) in xs.enumerated() {
        let f = cdf(x)
        d = max(d, abs(f - Double(i) / n), abs(Double(i + 1) / n - f))
    }
    return d
}
