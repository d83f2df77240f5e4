import Testing
@testable import Experiments

@Suite struct LatinHypercubeTests {
    @Test func deterministicForASeed() {
        let a = LatinHypercube.sample(levels: [10, 20, 7], points: 7, seed: 42)
        #expect(a == LatinHypercube.sample(levels: [10, 20, 7], points: 7, seed: 42))
        #expect(a != LatinHypercube.sample(levels: [10, 20, 7], points: 7, seed: 43))
    }

    @Test func asManyLevelsAsPointsUsesEachLevelOnce() {
        for seed: UInt64 in 1...20 {
            let sample = LatinHypercube.sample(levels: [20, 20, 20], points: 20, seed: seed)
            #expect(sample.count == 20)
            for d in 0..<3 {
                #expect(sample.map { $0[d] }.sorted() == Array(0..<20), "seed \(seed) dimension \(d)")
            }
        }
    }

    @Test func eachStratumHoldsExactlyOnePoint() {
        // 100 levels, 10 points: one point in each block of 10 levels.
        for seed: UInt64 in 1...20 {
            let sample = LatinHypercube.sample(levels: [100, 100], points: 10, seed: seed)
            for d in 0..<2 {
                #expect(sample.map { $0[d] / 10 }.sorted() == Array(0..<10), "seed \(seed) dimension \(d)")
            }
        }
    }

    /// Within its stratum a point is uniform: over 200 samples of 10 points,
    /// the position inside each block of 10 levels must fill the 10 cells
    /// evenly. Chi-square with 9 degrees of freedom; 27.88 is its 99.9 %
    /// quantile. Always landing mid-stratum gives a statistic in the thousands.
    @Test func positionWithinStratumIsUniform() {
        var cells = [Int](repeating: 0, count: 10)
        for seed: UInt64 in 1...200 {
            for row in LatinHypercube.sample(levels: [100], points: 10, seed: seed) { cells[row[0] % 10] += 1 }
        }
        let expected = 200.0
        let chiSquare = cells.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 27.88, "cells \(cells), chi-square \(chiSquare) ≥ 27.88 (99.9 % quantile, 9 df)")
    }

    /// Strata are paired across dimensions by independent permutations, not
    /// the same one: the rank correlation of two dimensions averages near 0.
    /// With 400 samples of 20 points the mean Spearman ρ has sd ≈ 0.011;
    /// identical permutations would give 1.
    @Test func dimensionsArePairedIndependently() {
        var sum = 0.0
        let n = 20.0
        for seed: UInt64 in 1...400 {
            let sample = LatinHypercube.sample(levels: [20, 20], points: 20, seed: seed)
            let d2 = sample.reduce(0.0) { $0 + Double(($1[0] - $1[1]) * ($1[0] - $1[1])) }
            sum += 1 - 6 * d2 / (n * (n * n - 1))
        }
        let mean = sum / 400
        #expect(abs(mean) < 0.05, "mean Spearman rho \(mean), expected 0 ± 0.05 (sd ≈ 0.011)")
    }

    @Test func repeatedCombinationsAreDropped() {
        // 2 levels and 4 points per dimension: each level is drawn twice per
        // dimension, so whole rows often repeat; none may appear twice.
        var dropped = 0
        for seed: UInt64 in 1...50 {
            let sample = LatinHypercube.sample(levels: [2, 2], points: 4, seed: seed)
            #expect(Set(sample).count == sample.count && sample.count >= 2 && sample.count <= 4)
            dropped += 4 - sample.count
        }
        #expect(dropped > 0, "no seed produced a repeat, so dropping was not exercised")
    }

    @Test func sweepCrossesTheSampleWithListValues() throws {
        let spec = try SweepSpec(vary: ["staff=1:8:1", "policy=fifo,shortest", "share=0%:70%:10%"],
                                 latinHypercube: 4, seed: 7)
        #expect(spec.points.count == 8)
        // Consecutive pairs share the sampled ranges and run through the list.
        for pair in stride(from: 0, to: 8, by: 2) {
            let a = spec.points[pair].settings, b = spec.points[pair + 1].settings
            #expect(a[0] == b[0] && a[2] == b[2])
            #expect(a[1].value == "fifo" && b[1].value == "shortest")
        }
        // Each range: 8 levels, 4 strata of 2 levels, one sample in each.
        let staffBlocks = stride(from: 0, to: 8, by: 2).map { (Int(spec.points[$0].settings[0].value)! - 1) / 2 }
        #expect(staffBlocks.sorted() == [0, 1, 2, 3])
        #expect(spec == (try SweepSpec(vary: ["staff=1:8:1", "policy=fifo,shortest", "share=0%:70%:10%"],
                                       latinHypercube: 4, seed: 7)))
    }

    @Test func lhsRefusals() {
        #expect(throws: SweepSpecError.self) { try SweepSpec(vary: ["a=1:5:1"], latinHypercube: 0) }
        do {
            _ = try SweepSpec(vary: ["a=1,2,3"], latinHypercube: 2)
            Issue.record("--lhs without ranges should be refused")
        } catch {
            #expect(error.description.contains("every --vary is a list"))
        }
        do {
            _ = try SweepSpec(vary: ["a=1:3:1", "b=1:2:1"], latinHypercube: 7)
            Issue.record("--lhs beyond the grid should be refused")
        } catch {
            #expect(error.description == "--lhs: 7 points are more than the 6 combinations the ranges have; run the full grid instead")
        }
    }
}
