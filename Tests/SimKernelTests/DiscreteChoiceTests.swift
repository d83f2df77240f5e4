import Foundation
import Testing
@testable import SimKernel

@Suite("DiscreteChoice")
struct DiscreteChoiceTests {
    @Test("frequencies match the weights (chi-square, 10⁶ draws)")
    func frequencies() throws {
        let weights: [Double] = [60, 0, 25, 10, 5, 0]
        let choice = try DiscreteChoice(weights: weights)
        var rng = RandomStream(seed: 31, stream: "choice")
        let n = 1_000_000
        var counts = [Int](repeating: 0, count: weights.count)
        for _ in 0..<n { counts[choice.choose(using: &rng)] += 1 }
        let expected = weights.map { $0 / 100 * Double(n) }
        let fit = pearson(observed: counts, expected: expected)
        #expect(!fit.impossible, "zero-weight option chosen: \(counts)")
        let p = chiSquarePValue(fit.statistic, degreesOfFreedom: fit.cells - 1)
        #expect(p >= 0.001, "counts \(counts), expected \(expected), χ² = \(fit.statistic), p = \(p)")
    }

    @Test("a uniform maps monotonically to options; boundaries are exact")
    func mapping() throws {
        let c = try DiscreteChoice(weights: [1, 1, 2])
        #expect(c.probabilities == [0.25, 0.25, 0.5])
        #expect(c.index(for: 1e-12) == 0)
        #expect(c.index(for: 0.2499999) == 0)
        #expect(c.index(for: 0.25) == 1)
        #expect(c.index(for: 0.5) == 2)
        #expect(c.index(for: 1 - 1e-16) == 2)
        var last = 0
        for k in 1..<1_000 {
            let i = c.index(for: Double(k) / 1_000)
            #expect(i >= last); last = i
        }
    }

    @Test("zero weights at either end are never chosen, even for u next to 0 or 1")
    func zeroWeightEnds() throws {
        // 0.1 + 0.2 + ... sums with rounding error; the tail must still be 1.
        let c = try DiscreteChoice(weights: [0, 0.1, 0.2, 0.3, 0.4, 0])
        #expect(c.index(for: 0x1p-53) == 1)
        #expect(c.index(for: 0x1.fffffffffffffp-1) == 4)
        #expect(c.probability(of: 5) == 0)
        #expect(c.probability(of: 0) == 0)
    }

    @Test("uniformOver gives equal probabilities; invalid weights are rejected")
    func construction() throws {
        #expect(try DiscreteChoice(uniformOver: 4).probabilities == [0.25, 0.25, 0.25, 0.25])
        #expect(throws: DistributionError("discrete choice needs at least one weight")) { try DiscreteChoice(weights: []) }
        #expect(throws: DistributionError("discrete choice needs at least one positive weight (all are 0)")) {
            try DiscreteChoice(weights: [0, 0])
        }
        #expect(throws: DistributionError("discrete choice needs finite weights ≥ 0 (got nan at position 1)")) {
            try DiscreteChoice(weights: [.nan, 1])
        }
        #expect(throws: DistributionError("discrete choice needs at least one option (got 0)")) { try DiscreteChoice(uniformOver: 0) }
    }
}
