import SimKernel
import Testing
@testable import Validation

/// Little's law on a time-varying run that starts and ends empty: the area
/// under the number-in-system path equals the sum of the customers' times in
/// system, whatever the arrival pattern (a sample-path identity).
@Suite struct LittlesLawTests {
    let day = ValidationSuite.timeVarying

    func runDay(replication: Int) -> Simulation<MultiServerQueue> {
        var sim = MultiServerQueue.makeSimulation(day.configuration, customers: day.customers, warmupCustomers: 0,
                                                  seed: ValidationSuite.defaultSeed, replication: replication)
        sim.run()
        return sim
    }

    func relativeGap(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(a), abs(b)) }

    @Test func identityHoldsOnEveryReplication() {
        var abandonedSomewhere = 0
        var peakQueue = 0.0
        for rep in 0..<40 {
            let sim = runDay(replication: rep)
            let model = sim.model
            #expect(model.inSystem.current == 0 && model.waiting == 0 && model.busy == 0, "the day must end empty")
            let r = model.result(handledEvents: sim.handledEvents, droppedEvents: sim.droppedEvents)
            let all = r.total
            #expect(all.arrivals > 0)
            let sojourn = Double(all.sojournMilliseconds) / 60_000
            // ∫ N(t) dt = Σ sojourn times; ∫ Nq(t) dt = Σ queue times.
            #expect(relativeGap(r.inSystemIntegral, sojourn) <= 1e-9,
                    "rep \(rep): ∫N dt \(r.inSystemIntegral) vs Σ sojourn \(sojourn)")
            #expect(relativeGap(r.inQueueIntegral, all.wait.sum) <= 1e-9,
                    "rep \(rep): ∫Nq dt \(r.inQueueIntegral) vs Σ wait \(all.wait.sum)")
            // L = λW over the whole day [0, T].
            let t = r.end.minutes
            let l = r.inSystemIntegral / t
            let lambdaW = Double(all.arrivals) / t * all.meanSojourn
            #expect(relativeGap(l, lambdaW) <= 1e-9, "rep \(rep): L \(l) vs λW \(lambdaW)")
            abandonedSomewhere += all.abandoned
            peakQueue = max(peakQueue, model.inQueue.maximum)
        }
        // The identity must be exercised by a congested day with abandonment.
        #expect(abandonedSomewhere > 0)
        #expect(peakQueue >= 10)
    }

    /// The non-homogeneous arrivals follow the profile period by period
    /// (counts from the event trace), and none come after closing.
    @Test func arrivalsFollowTheProfile() {
        let profile = day.configuration.arrivalProfile
        let rate = day.configuration.classes[0].arrivalRate
        var ends: [Double] = []
        for p in profile { ends.append((ends.last ?? 0) + p.minutes) }
        let replications = 200
        var counts = Array(repeating: [Double](), count: profile.count + 1)
        for rep in 0..<replications {
            var sim = MultiServerQueue.makeSimulation(day.configuration, customers: day.customers, warmupCustomers: 0,
                                                      seed: ValidationSuite.defaultSeed, replication: rep)
            var perPeriod = Array(repeating: 0.0, count: profile.count + 1)
            sim.trace = { time, event in
                guard case .arrival = event else { return }
                let p = ends.firstIndex { time.minutes < $0 } ?? profile.count
                perPeriod[p] += 1
            }
            sim.run()
            for p in perPeriod.indices { counts[p].append(perPeriod[p]) }
        }
        for (p, period) in profile.enumerated() {
            let expected = rate * period.minutes * period.multiplier
            let ci = ConfidenceInterval(of: counts[p], level: 0.99)
            if expected == 0 {
                #expect(ci.mean == 0, "period \(p) is closed but had arrivals")
            } else {
                #expect(ci.contains(expected), "period \(p): exact \(expected), simulated \(ci)")
            }
        }
        #expect(counts[profile.count].allSatisfy { $0 == 0 }, "arrivals after the profile ended at rate 0")
    }
}
