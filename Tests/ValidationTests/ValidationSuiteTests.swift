import SimKernel
import Testing
@testable import Validation

/// The simulation against exact queueing theory: the very cases (and run
/// lengths) that `wardsim validate` prints.
@Suite struct ValidationSuiteTests {
    static func named(_ name: String) -> ValidationCase {
        ValidationSuite.cases.first { $0.name == name }!
    }

    /// Every measure's 99 % interval covers its exact value, and the interval
    /// is narrow enough that a model a few per cent off would not be covered.
    @Test(arguments: ValidationSuite.cases.map(\.name))
    func simulationCoversExactValue(caseName: String) {
        let outcomes = ValidationSuite.run(Self.named(caseName))
        for o in outcomes {
            #expect(o.covered, "\(o.summary)")
            #expect(o.relativeHalfWidth <= Self.precisionBound(o), "interval too wide to have teeth: \(o.summary)")
        }
    }

    /// Largest acceptable 95 % half-width relative to the exact value.
    static func precisionBound(_ o: ValidationOutcome) -> Double {
        if o.measure.hasPrefix("Wq") || o.measure.hasPrefix("Lq") { return 0.025 }  // waits: ≤ 2.5 %
        if o.exact < 0.2 { return 0.05 }       // rare events, e.g. P(W>2) ≈ 0.09
        return 0.02
    }

    @Test func suiteCoversEveryModelTheIssueNames() {
        let names = ValidationSuite.cases.map(\.name).joined(separator: "\n")
        for model in ["M/M/1 ρ=0.9", "M/M/5 λ=4 μ=1", "M/M/10 λ=9 μ=1", "M/D/1", "M/G/1 lognormal",
                      "M/M/10+M λ=9 θ=1", "M/M/10+M λ=11 θ=0.5", "priority 2 classes", "time-varying"] {
            #expect(names.contains(model), "missing case \(model)")
        }
        #expect(Self.named("M/M/1 ρ=0.9").measures.first { $0.name == "Wq" }.map { abs($0.exact - 9) < 1e-12 } == true)
    }

    // MARK: Negative controls: a wrong model must fail

    /// Runs `wrong` (same seed, same run lengths, same exact values as the
    /// real case) and returns the outcome of one measure.
    func outcome(_ wrong: ValidationCase, _ measure: String) -> ValidationOutcome {
        ValidationSuite.run(wrong).first { $0.measure == measure }!
    }

    @Test func oneServerTooManyIsCaught() {
        let wrong = Self.named("M/M/10 λ=9 μ=1").withConfiguration { $0.servers = 11 }
        for measure in ["Wq", "P(wait)"] {
            let o = outcome(wrong, measure)
            #expect(!o.covered, "11 servers passed for 10: \(o.summary)")
        }
    }

    @Test func oneServerTooFewIsCaught() {
        let wrong = Self.named("M/M/5 λ=4 μ=1").withConfiguration { $0.servers = 6 }
        let o = outcome(wrong, "Wq")
        #expect(!o.covered, "6 servers passed for 5: \(o.summary)")
    }

    @Test func serviceRateFivePerCentOffIsCaught() {
        for mean in [1 / 0.95, 1 / 1.05] {
            let wrong = Self.named("M/M/5 λ=4 μ=1").withConfiguration {
                $0.classes[0].service = .exponential(mean: mean)
            }
            for measure in ["Wq", "busy servers"] {
                let o = outcome(wrong, measure)
                #expect(!o.covered, "service mean \(mean) passed for 1: \(o.summary)")
            }
        }
    }

    @Test func heavyTrafficServiceTwoPerCentOffIsCaught() {
        let wrong = Self.named("M/M/1 ρ=0.9").withConfiguration { $0.classes[0].service = .exponential(mean: 0.98) }
        let o = outcome(wrong, "Wq")
        #expect(!o.covered, "M/M/1 with μ 2 % off passed: \(o.summary)")
    }

    /// LIFO has the same mean wait as FIFO (so Wq must still be covered)
    /// but a different wait distribution, which P(W>t) must catch.
    @Test func lifoInsteadOfFifoIsCaughtByTheWaitDistribution() {
        let outcomes = ValidationSuite.run(Self.named("M/M/10 λ=9 μ=1").withConfiguration { $0.discipline = .lifo })
        let byName = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.measure, $0) })
        #expect(byName["Wq"]!.covered, "LIFO must keep the mean wait: \(byName["Wq"]!.summary)")
        #expect(byName["P(wait)"]!.covered, "LIFO must keep P(wait): \(byName["P(wait)"]!.summary)")
        for measure in ["P(W>0.5)", "P(W>2)"] {
            #expect(!byName[measure]!.covered, "LIFO passed for FIFO: \(byName[measure]!.summary)")
        }
    }

    /// The Pollaczek–Khinchine check sees the service variance, not only the mean.
    @Test func wrongServiceVarianceIsCaught() {
        let wrong = Self.named("M/G/1 lognormal(1, 1.5) ρ=0.7").withConfiguration {
            $0.classes[0].service = .lognormal(mean: 1, sd: 1.4)
        }
        let o = outcome(wrong, "Wq")
        #expect(!o.covered, "sd 1.4 passed for 1.5: \(o.summary)")
        let exponential = Self.named("M/D/1 ρ=0.8").withConfiguration { $0.classes[0].service = .exponential(mean: 1) }
        #expect(!outcome(exponential, "Wq").covered, "M/M/1 passed for M/D/1")
    }

    /// Patience 10 % longer moves the queue by some 8 % (4 half-widths);
    /// P(abandon) moves only about 2 %, so it is not the measure to rely on.
    @Test func patienceTenPerCentOffIsCaught() {
        let wrong = Self.named("M/M/10+M λ=11 θ=0.5").withConfiguration {
            $0.classes[0].patience = .exponential(mean: 2.2)
        }
        for measure in ["Wq (all)", "Wq (served)", "Lq (time avg)"] {
            let o = outcome(wrong, measure)
            #expect(!o.covered, "patience mean 2.2 passed for 2: \(o.summary)")
        }
    }

    @Test func fifoInsteadOfPriorityIsCaught() {
        let wrong = Self.named("M/M/1 priority 2 classes ρ=0.8").withConfiguration { $0.discipline = .fifo }
        for measure in ["Wq class 1 (high)", "Wq class 2 (low)"] {
            let o = outcome(wrong, measure)
            #expect(!o.covered, "FIFO passed for priority: \(o.summary)")
        }
    }

    @Test func swappedPrioritiesAreCaught() {
        let wrong = Self.named("M/M/1 priority 2 classes ρ=0.8").withConfiguration {
            $0.classes[0].priority = 1
            $0.classes[1].priority = 0
        }
        let o = outcome(wrong, "Wq class 1 (high)")
        #expect(!o.covered, "swapped priorities passed: \(o.summary)")
    }

    @Test func ignoringTheRateProfileIsCaught() {
        let flat = ValidationSuite.timeVarying.withConfiguration {
            // Same day length and the doors still close, but a flat rate.
            let minutes = $0.arrivalProfile.dropLast().reduce(0.0) { $0 + $1.minutes }
            $0.arrivalProfile = [RatePeriod(minutes: minutes, multiplier: 1), RatePeriod(minutes: 1, multiplier: 0)]
        }
        let o = outcome(flat, "arrivals per day")
        #expect(!o.covered, "a flat rate passed for the profile: \(o.summary)")
    }
}
