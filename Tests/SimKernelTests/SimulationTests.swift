import Testing
@testable import SimKernel

/// A clock that ticks every minute.
struct Ticker: SimulationModel {
    enum Event: Equatable { case tick }
    var ticks = 0
    mutating func handle(_ event: Event, at now: SimTime, schedule: inout Scheduler<Event>) {
        ticks += 1
        schedule.after(.minutes(1), .tick)
    }
}

/// A single-server queue with exponential gaps and services, and a patience
/// timer per customer cancelled lazily (by a generation check) when served.
struct SingleServer: SimulationModel {
    enum Event: Equatable {
        case arrival
        case departure
        case patience(customer: Int, generation: Int)
    }
    var arrivals: RandomStream, services: RandomStream, patience: RandomStream
    var waiting: [Int] = []          // customers in line
    var busy = false
    var nextCustomer = 0
    var generation: [Int] = []       // bumped when a customer's timer goes stale
    var served = 0, abandoned = 0

    init(seed: UInt64) {
        arrivals = RandomStream(seed: seed, stream: "arrivals")
        services = RandomStream(seed: seed, stream: "services")
        patience = RandomStream(seed: seed, stream: "patience")
    }

    mutating func handle(_ event: Event, at now: SimTime, schedule: inout Scheduler<Event>) {
        switch event {
        case .arrival:
            let c = nextCustomer
            nextCustomer += 1
            generation.append(0)
            schedule.after(.minutes(Distribution.exponential(mean: 1).sample(using: &arrivals)), .arrival)
            if busy {
                waiting.append(c)
                schedule.after(.minutes(Distribution.exponential(mean: 3).sample(using: &patience)),
                               .patience(customer: c, generation: 0))
            } else {
                start(c, schedule: &schedule)
            }
        case .departure:
            served += 1
            busy = false
            if !waiting.isEmpty {
                let c = waiting.removeFirst()
                generation[c] += 1  // the patience timer is now stale
                start(c, schedule: &schedule)
            }
        case .patience(let c, _):
            waiting.removeAll { $0 == c }
            abandoned += 1
        }
    }

    mutating func start(_ c: Int, schedule: inout Scheduler<Event>) {
        busy = true
        schedule.after(.minutes(Distribution.exponential(mean: 0.9).sample(using: &services)), .departure)
    }

    func isLive(_ event: Event) -> Bool {
        if case .patience(let c, let g) = event { return generation[c] == g }
        return true
    }
}

@Suite("Simulation")
struct SimulationTests {
    @Test("run(until:) handles events up to and including the bound and sets the clock")
    func runUntil() {
        var sim = Simulation(model: Ticker())
        sim.schedule(.tick, at: .zero)
        sim.run(until: .hours(1))
        #expect(sim.model.ticks == 61)          // 00:00 through 01:00 inclusive
        #expect(sim.now == .hours(1))
        #expect(sim.handledEvents == 61)
        sim.run(until: .minutes(90) + .seconds(30))
        #expect(sim.model.ticks == 91)
        #expect(sim.now == .minutes(90) + .seconds(30))
        sim.run(until: .minutes(10))            // in the past: nothing happens
        #expect(sim.model.ticks == 91 && sim.now == .minutes(90) + .seconds(30))
        #expect(sim.scheduler.pending == 1)
    }

    @Test("run() stops when the queue runs dry; step() reports it")
    func runDry() {
        struct Countdown: SimulationModel {
            var left = 5
            mutating func handle(_ event: Int, at now: SimTime, schedule: inout Scheduler<Int>) {
                left -= 1
                if left > 0 { schedule.after(.seconds(10), event + 1) }
            }
        }
        var sim = Simulation(model: Countdown(), startingAt: .clock(9, 0))
        sim.schedule(0, at: .clock(9, 0))
        sim.run()
        #expect(sim.model.left == 0)
        #expect(sim.now == .clock(9, 0) + .seconds(40))
        #expect(sim.step() == false)
    }

    @Test("isLive drops stale events, counts them and hides them from handle and trace")
    func staleEvents() {
        var sim = Simulation(model: SingleServer(seed: 1))
        var traced = 0, tracedTimers: [Int] = []
        sim.trace = { _, event in
            traced += 1
            if case .patience(let c, _) = event { tracedTimers.append(c) }
        }
        sim.schedule(.arrival, at: .zero)
        sim.run(until: .hours(8))
        let m = sim.model
        #expect(traced == sim.handledEvents)
        // Only live timers reach the model: each is an abandonment, and the
        // customer was never served from the queue.
        #expect(tracedTimers.count == m.abandoned && m.abandoned > 0)
        #expect(tracedTimers.allSatisfy { m.generation[$0] == 0 })
        // Every customer served after waiting had a timer go stale: it was
        // dropped (and counted) unless it is still pending at 8 h.
        let waitedAndServed = m.generation.filter { $0 == 1 }.count
        let stillPending = sim.scheduler.queue.heap.filter { !m.isLive($0.event) }.count
        #expect(m.generation.allSatisfy { $0 <= 1 })
        #expect(sim.droppedEvents > 0)
        #expect(sim.droppedEvents == waitedAndServed - stillPending,
                "dropped \(sim.droppedEvents), waited and served \(waitedAndServed), stale still pending \(stillPending)")
        #expect(m.served + m.abandoned + m.waiting.count + (m.busy ? 1 : 0) == m.nextCustomer)
    }

    @Test("trace sees events in (time, priority, sequence) order")
    func traceOrder() {
        struct Echo: SimulationModel {
            mutating func handle(_ event: String, at now: SimTime, schedule: inout Scheduler<String>) {
                if event == "spawn" {
                    schedule.after(.zero, "spawned, same time")
                    schedule.at(now, "spawned first class", priority: .first)
                }
            }
        }
        var sim = Simulation(model: Echo())
        var seen: [String] = []
        sim.trace = { _, e in seen.append(e) }
        sim.schedule("b", at: .minutes(2))
        sim.schedule("spawn", at: .minutes(1))
        sim.schedule("last", at: .minutes(1), priority: .last)
        sim.schedule("a", at: .minutes(1))
        sim.run()
        // The first-class event spawned at 00:01 overtakes "a", which was
        // scheduled earlier but in the normal class.
        #expect(seen == ["spawn", "spawned first class", "a", "spawned, same time", "last", "b"])
    }

    @Test("same seed ⇒ identical trace; another seed ⇒ a different one")
    func reproducible() {
        func trace(seed: UInt64) -> [String] {
            var sim = Simulation(model: SingleServer(seed: seed))
            var log: [String] = []
            sim.trace = { t, e in log.append("\(t.milliseconds) \(e)") }
            sim.schedule(.arrival, at: .zero)
            sim.run(until: .hours(4))
            return log
        }
        let a = trace(seed: 9), b = trace(seed: 9), c = trace(seed: 10)
        #expect(a.count > 500)
        #expect(a == b)
        #expect(a != c)
    }
}
