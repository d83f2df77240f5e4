import SimKernel
import Testing
@testable import Validation

/// The queue model's bookkeeping, independent of queueing theory.
@Suite struct MultiServerQueueTests {
    func single(_ lambda: Double, servers: Int, patience: Distribution? = nil, thresholds: [Double] = []) -> QueueConfiguration {
        QueueConfiguration(servers: servers,
                           classes: [CustomerClass(arrivalRate: lambda, service: .exponential(mean: 1), patience: patience)],
                           waitThresholds: thresholds)
    }

    @Test func countsAddUpAndTheSystemEndsEmpty() {
        var sim = MultiServerQueue.makeSimulation(single(11, servers: 10, patience: .exponential(mean: 2), thresholds: [0, 1]),
                                                  customers: 30_000, warmupCustomers: 1_000, seed: 3, replication: 0)
        sim.run()
        let m = sim.model
        #expect(m.arrived == 30_000)
        #expect(m.inSystem.current == 0 && m.waiting == 0 && m.busy == 0)
        let r = m.result(handledEvents: sim.handledEvents, droppedEvents: sim.droppedEvents)
        let all = r.total
        #expect(all.arrivals == 29_000, "warm-up customers must not be counted")
        #expect(all.wait.count == all.arrivals, "every counted customer has exactly one wait")
        #expect(all.abandoned > 0 && all.abandoned < all.delayed)
        #expect(all.wait.min >= 0)
        // W > 0 exactly for those who queued (nobody is called in the same millisecond they arrive).
        #expect(all.waitExceeding[0] <= all.delayed && all.waitExceeding[0] > all.delayed * 99 / 100)
        #expect(all.waitExceeding[1] < all.waitExceeding[0])
        // Patience timers of customers who were called are dropped, not handled.
        #expect(r.droppedEvents > 0)
        #expect(r.windowStart > .zero && r.lastArrival > r.windowStart && r.end >= r.lastArrival)
        // Flow balance: served per minute = λ(1 − P(abandon)) = μ·E[busy] (loose: one short run).
        #expect(abs(r.meanBusyServers - 11 * (1 - r.probabilityOfAbandonment)) < 0.1,
                "busy \(r.meanBusyServers) vs λ(1−P(ab)) \(11 * (1 - r.probabilityOfAbandonment))")
    }

    @Test func nobodyWaitsWithAmpleServers() {
        let r = MultiServerQueue.run(single(5, servers: 200), customers: 50_000, warmupCustomers: 0, seed: 1, replication: 0)
        #expect(r.total.delayed == 0 && r.meanWait == 0 && r.meanInQueue == 0)
        #expect(r.droppedEvents == 0)
        // Infinite-server queue: mean busy = λ/μ = 5 (loose: a plausibility bound, not the validation).
        #expect(abs(r.meanBusyServers - 5) < 0.2, "M/M/∞ busy servers \(r.meanBusyServers)")
    }

    @Test func priorityServesTheBetterRankFirst() {
        // Overloaded by the low class: the high class still waits briefly.
        let config = QueueConfiguration(servers: 1, classes: [
            CustomerClass(arrivalRate: 0.3, service: .exponential(mean: 1), priority: 0),
            CustomerClass(arrivalRate: 0.6, service: .exponential(mean: 1), priority: 5),
        ], discipline: .priority)
        let r = MultiServerQueue.run(config, customers: 50_000, warmupCustomers: 1_000, seed: 2, replication: 0)
        #expect(r.classes[0].wait.mean * 5 < r.classes[1].wait.mean)
        // Non-preemptive: even the top class waits for the customer in service.
        #expect(r.classes[0].wait.mean > 0.5)
    }

    @Test func zeroRateClassNeverArrives() {
        let config = QueueConfiguration(servers: 2, classes: [
            CustomerClass(arrivalRate: 0, service: .fixed(1)),
            CustomerClass(arrivalRate: 1, service: .fixed(1)),
        ])
        let r = MultiServerQueue.run(config, customers: 1_000, warmupCustomers: 0, seed: 1, replication: 0)
        #expect(r.classes[0].arrivals == 0 && r.classes[1].arrivals == 1_000)
    }

    @Test func eachClassHasItsOwnStreams() {
        // Changing class 1 leaves class 0's arrivals untouched: with ample
        // servers, class 0's count and sojourn depend only on its own streams.
        func classZero(_ secondRate: Double) -> ClassStatistics {
            let config = QueueConfiguration(servers: 500, classes: [
                CustomerClass(arrivalRate: 1, service: .exponential(mean: 1)),
                CustomerClass(arrivalRate: secondRate, service: .lognormal(mean: 2, sd: 1)),
            ])
            var sim = MultiServerQueue.makeSimulation(config, customers: .max / 2, warmupCustomers: 0, seed: 9, replication: 0)
            sim.run(until: .hours(100))
            return sim.model.stats[0]
        }
        let a = classZero(1), b = classZero(3)
        #expect(a.arrivals == b.arrivals && a.sojournMilliseconds == b.sojournMilliseconds)
    }

    @Test func configurationProblemsAreReported() {
        #expect(single(1, servers: 0).problem() != nil)
        #expect(QueueConfiguration(servers: 1, classes: []).problem() != nil)
        #expect(single(-1, servers: 1).problem() != nil)
        #expect(single(1, servers: 1, thresholds: [2, 1]).problem() != nil)
        var profile = single(1, servers: 1)
        profile.arrivalProfile = [RatePeriod(minutes: 0, multiplier: 1)]
        #expect(profile.problem() != nil)
        #expect(single(1, servers: 1, thresholds: [1, 2]).problem() == nil)
    }

    @Test func ringIsADoubleEndedQueueThatGrows() {
        var ring = Ring(filler: -1, capacity: 4)
        var model: [Int] = []   // reference implementation
        var next = 0
        var rng = RandomStream(seed: 11)
        for _ in 0..<10_000 {
            switch rng.nextInt(below: 5) {
            case 0, 1, 2:
                ring.append(next); model.append(next); next += 1
            case 3:
                if !model.isEmpty { #expect(ring.removeFirst() == model.removeFirst()) }
            default:
                if !model.isEmpty { #expect(ring.removeLast() == model.removeLast()) }
            }
            #expect(ring.count == model.count)
        }
        #expect(ring.storage.count >= model.count && ring.storage.count.nonzeroBitCount == 1)
    }
}
