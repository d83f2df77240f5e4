#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SimKernel

/// A generic multi-server queue built on the kernel: c identical servers,
/// Poisson arrivals per class (optionally under a piecewise-constant rate
/// profile), any service distribution, optional patience, and FIFO,
/// non-preemptive priority or LIFO calling.
///
/// ```swift
/// let mm1 = QueueConfiguration(servers: 1, classes: [
///     CustomerClass(arrivalRate: 0.9, service: .exponential(mean: 1))])
/// let r = MultiServerQueue.run(mm1, customers: 200_000, warmupCustomers: 5_000,
///                              seed: 1, replication: 0)
/// r.meanWait   // ≈ 9 minutes
/// ```
///
/// **Run length.** Arrivals stop after `customers` arrivals (or earlier if
/// the rate profile ends at 0); the run then continues until the system is
/// empty, so every counted customer's wait and sojourn are complete.
///
/// **Randomness.** Class k draws from its own streams "arrivals.k",
/// "service.k" (drawn when service starts) and "patience.k" (drawn when the
/// customer joins the queue), derived from (seed, replication).
///
/// **Abandonment** is lazy: a waiting customer holds a slot with a
/// generation number; the patience event carries (slot, generation) and is
/// dropped by `isLive` once the customer was called (the slot's generation
/// moved on). An abandoning customer's queue entry is left in place and
/// skipped when it reaches the head; `waiting` counts live customers only,
/// so queue statistics are exact.
///
/// **Cost.** Per customer O(log E) for the event heap (E pending events ≈
/// servers + classes + patience timers) and O(1) otherwise; nothing is
/// allocated per event once the slot pool and lines have grown to the
/// largest queue seen.
public struct MultiServerQueue: SimulationModel {
    public enum Event: Hashable, Sendable {
        /// A customer of class k arrives.
        case arrival(Int32)
        /// A server finishes a service (servers are identical, so which one
        /// does not matter).
        case serviceEnd
        /// The patience of the customer in `slot` runs out, if it is still
        /// the same customer (`generation`) and still waiting.
        case patienceEnd(slot: Int32, generation: UInt32)
    }

    /// A waiting customer's record in the slot pool.
    @usableFromInline struct WaitingCustomer {
        @usableFromInline var arrival: Int64 = 0
        @usableFromInline var customerClass: Int32 = 0
        @usableFromInline var generation: UInt32 = 0
        @usableFromInline var counted = false
        @usableFromInline init() {}
    }

    /// An entry in a waiting line: stale once the slot's generation moved on.
    @usableFromInline struct Ticket {
        @usableFromInline var slot: Int32
        @usableFromInline var generation: UInt32
        @usableFromInline init(slot: Int32, generation: UInt32) { self.slot = slot; self.generation = generation }
    }

    // MARK: Configuration, flattened for the hot path

    @usableFromInline let servers: Int
    @usableFromInline let customers: Int
    @usableFromInline let warmup: Int
    @usableFromInline let discipline: QueueDiscipline
    /// Arrival rate of each class per millisecond.
    @usableFromInline let ratePerMs: [Double]
    @usableFromInline let service: [Distribution]
    @usableFromInline let patience: [Distribution?]
    /// Waiting line of each class (its priority rank; 0 unless `.priority`).
    @usableFromInline let lineOf: [Int]
    @usableFromInline let thresholdsMs: [Int64]
    /// The thresholds as configured (minutes), reported back in the result.
    let thresholds: [Double]
    /// Profile: end of each period (ms) and its multiplier; empty if constant.
    @usableFromInline let periodEnds: [Double]
    @usableFromInline let multipliers: [Double]

    // MARK: Random streams

    @usableFromInline var arrivalStreams: [RandomStream]
    @usableFromInline var serviceStreams: [RandomStream]
    @usableFromInline var patienceStreams: [RandomStream]

    // MARK: State

    /// Arrivals so far (the next arrival's index).
    @usableFromInline var arrived = 0
    /// Classes that still have arrivals coming.
    @usableFromInline var openClasses: Int
    @usableFromInline var busy = 0
    /// Live waiting customers (abandoned ones excluded).
    @usableFromInline var waiting = 0
    @usableFromInline var lines: [Ring<Ticket>]
    @usableFromInline var slots: [WaitingCustomer] = []
    @usableFromInline var freeSlots: [Int32] = []

    // MARK: Statistics

    @usableFromInline var stats: [ClassStatistics]
    @usableFromInline var inSystem = TimeWeighted()
    @usableFromInline var inQueue = TimeWeighted()
    @usableFromInline var busyServers = TimeWeighted()
    @usableFromInline var windowStart = SimTime.zero
    @usableFromInline var lastArrival = SimTime.zero
    @usableFromInline var windowAverages = (system: Double.nan, queue: Double.nan, busy: Double.nan)

    /// A queue with no arrivals scheduled yet: use `makeSimulation` (which
    /// schedules the first arrival of each class) or `run`.
    public init(_ config: QueueConfiguration, customers: Int, warmupCustomers: Int, seed: UInt64, replication: Int) {
        if let problem = config.problem() { preconditionFailure("invalid queue configuration: \(problem)") }
        precondition(customers >= 1 && warmupCustomers >= 0 && warmupCustomers < customers,
                     "need 0 ≤ warmupCustomers < customers")
        servers = config.servers
        self.customers = customers
        warmup = warmupCustomers
        discipline = config.discipline
        ratePerMs = config.classes.map { $0.arrivalRate / 60_000 }
        service = config.classes.map(\.service)
        patience = config.classes.map(\.patience)
        if config.discipline == .priority {
            let ranks = Array(Set(config.classes.map(\.priority))).sorted()
            lineOf = config.classes.map { ranks.firstIndex(of: $0.priority)! }
            lines = ranks.map { _ in Ring(filler: Ticket(slot: 0, generation: 0)) }
        } else {
            lineOf = config.classes.map { _ in 0 }
            lines = [Ring(filler: Ticket(slot: 0, generation: 0))]
        }
        thresholds = config.waitThresholds
        thresholdsMs = config.waitThresholds.map { SimTime.minutes($0).milliseconds }
        var end = 0.0
        periodEnds = config.arrivalProfile.map { end += $0.minutes * 60_000; return end }
        multipliers = config.arrivalProfile.map(\.multiplier)
        let k = config.classes.indices
        arrivalStreams = k.map { RandomStream(seed: seed, stream: "arrivals.\($0)", replication: replication) }
        serviceStreams = k.map { RandomStream(seed: seed, stream: "service.\($0)", replication: replication) }
        patienceStreams = k.map { RandomStream(seed: seed, stream: "patience.\($0)", replication: replication) }
        openClasses = config.classes.count
        stats = k.map { _ in ClassStatistics(thresholds: config.waitThresholds.count) }
        slots.reserveCapacity(256)
        freeSlots.reserveCapacity(256)
    }

    // MARK: Entry points

    /// Simulates one replication and returns its measures.
    ///
    /// ```swift
    /// let r = MultiServerQueue.run(config, customers: 100_000, warmupCustomers: 2_000, seed: 7, replication: 3)
    /// ```
    public static func run(_ config: QueueConfiguration, customers: Int, warmupCustomers: Int,
                           seed: UInt64, replication: Int) -> QueueRunResult {
        var sim = makeSimulation(config, customers: customers, warmupCustomers: warmupCustomers,
                                 seed: seed, replication: replication)
        sim.run()
        return sim.model.result(handledEvents: sim.handledEvents, droppedEvents: sim.droppedEvents)
    }

    /// A simulation with the first arrivals scheduled, for callers that want
    /// to trace or step it; `run()` it, then read `model.result(...)`.
    public static func makeSimulation(_ config: QueueConfiguration, customers: Int, warmupCustomers: Int,
                                      seed: UInt64, replication: Int) -> Simulation<MultiServerQueue> {
        let model = MultiServerQueue(config, customers: customers, warmupCustomers: warmupCustomers,
                                     seed: seed, replication: replication)
        var sim = Simulation(model: model, expectedPendingEvents: 4 * config.servers + 2 * config.classes.count + 64)
        for k in config.classes.indices {
            if let t = sim.model.nextArrival(after: .zero, of: k) {
                sim.schedule(.arrival(Int32(k)), at: t)
            } else {
                sim.model.closeClass(at: .zero)
            }
        }
        return sim
    }

    /// The measures, once the run is over.
    public func result(handledEvents: Int = 0, droppedEvents: Int = 0) -> QueueRunResult {
        let end = inSystem.lastChange
        return QueueRunResult(
            classes: stats,
            waitThresholds: thresholds,
            meanInSystem: windowAverages.system, meanInQueue: windowAverages.queue, meanBusyServers: windowAverages.busy,
            windowStart: windowStart, lastArrival: lastArrival, end: end,
            inSystemIntegral: inSystem.integral(until: end), inQueueIntegral: inQueue.integral(until: end),
            handledEvents: handledEvents, droppedEvents: droppedEvents)
    }

    // MARK: Events

    @inlinable
    public func isLive(_ event: Event) -> Bool {
        switch event {
        case .arrival: return arrived < customers
        case .serviceEnd: return true
        case .patienceEnd(let slot, let generation): return slots[Int(slot)].generation == generation
        }
    }

    @inlinable
    public mutating func handle(_ event: Event, at now: SimTime, schedule: inout Scheduler<Event>) {
        switch event {
        case .arrival(let k): arrive(Int(k), at: now, schedule: &schedule)
        case .serviceEnd: finishService(at: now, schedule: &schedule)
        case .patienceEnd(let slot, _): abandon(slot: Int(slot), at: now)
        }
    }

    @inlinable
    mutating func arrive(_ k: Int, at now: SimTime, schedule: inout Scheduler<Event>) {
        let index = arrived
        arrived += 1
        if index == warmup && warmup > 0 {
            // Statistics start with the first counted customer.
            windowStart = now
            inSystem.reset(at: now); inQueue.reset(at: now); busyServers.reset(at: now)
        }
        let counted = index >= warmup
        if counted { stats[k].arrivals += 1 }

        inSystem.record(inSystem.current + 1, at: now)
        if busy < servers {
            busy += 1
            busyServers.record(Double(busy), at: now)
            startService(of: k, arrivedAt: now.milliseconds, counted: counted, at: now, schedule: &schedule)
        } else {
            if counted { stats[k].delayed += 1 }
            join(k, counted: counted, at: now, schedule: &schedule)
        }

        if arrived < customers, let next = nextArrival(after: now, of: k) {
            schedule.at(next, .arrival(Int32(k)))
        } else {
            closeClass(at: now)
        }
        if arrived == customers { closeWindow(at: now) }
    }

    /// Puts an arriving customer in its waiting line and starts its patience.
    @inlinable
    mutating func join(_ k: Int, counted: Bool, at now: SimTime, schedule: inout Scheduler<Event>) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = Int(free)
        } else {
            slot = slots.count
            slots.append(WaitingCustomer())
        }
        slots[slot].arrival = now.milliseconds
        slots[slot].customerClass = Int32(k)
        slots[slot].counted = counted
        let ticket = Ticket(slot: Int32(slot), generation: slots[slot].generation)
        lines[lineOf[k]].append(ticket)
        waiting += 1
        inQueue.record(Double(waiting), at: now)
        if let p = patience[k] {
            let t = MultiServerQueue.milliseconds(p.sample(using: &patienceStreams[k]))
            schedule.after(SimTime(milliseconds: t), .patienceEnd(slot: ticket.slot, generation: ticket.generation))
        }
    }

    @inlinable
    mutating func startService(of k: Int, arrivedAt arrival: Int64, counted: Bool, at now: SimTime,
                               schedule: inout Scheduler<Event>) {
        let duration = MultiServerQueue.milliseconds(service[k].sample(using: &serviceStreams[k]))
        schedule.after(SimTime(milliseconds: duration), .serviceEnd)
        guard counted else { return }
        let waitMs = now.milliseconds - arrival
        MultiServerQueue.recordServed(&stats[k], waitMs: waitMs, serviceMs: duration, thresholds: thresholdsMs)
    }

    // The statistics updates take the class's record inout once, so the
    // array's uniqueness is checked once per customer, not per field.
    @inlinable
    static func recordServed(_ s: inout ClassStatistics, waitMs: Int64, serviceMs: Int64, thresholds: [Int64]) {
        s.wait.add(Double(waitMs) / 60_000)
        s.servedWaitMilliseconds += waitMs
        s.sojournMilliseconds += waitMs + serviceMs
        countThresholds(&s, waitMs, thresholds)
    }

    @inlinable
    static func recordAbandoned(_ s: inout ClassStatistics, waitMs: Int64, thresholds: [Int64]) {
        s.abandoned += 1
        s.wait.add(Double(waitMs) / 60_000)
        s.sojournMilliseconds += waitMs
        countThresholds(&s, waitMs, thresholds)
    }

    @inlinable
    static func countThresholds(_ s: inout ClassStatistics, _ waitMs: Int64, _ thresholds: [Int64]) {
        for j in thresholds.indices {
            guard waitMs > thresholds[j] else { break }
            s.waitExceeding[j] += 1
        }
    }

    @inlinable
    mutating func finishService(at now: SimTime, schedule: inout Scheduler<Event>) {
        inSystem.record(inSystem.current - 1, at: now)
        if waiting > 0 {
            // The server calls the next customer at once: it stays busy.
            let slot = callNext()
            let customer = slots[slot]
            release(slot)
            waiting -= 1
            inQueue.record(Double(waiting), at: now)
            startService(of: Int(customer.customerClass), arrivedAt: customer.arrival, counted: customer.counted,
                         at: now, schedule: &schedule)
        } else {
            busy -= 1
            busyServers.record(Double(busy), at: now)
        }
    }

    /// Removes and returns the slot of the next live customer to call,
    /// skipping stale tickets of customers who gave up. Requires waiting > 0.
    @inlinable
    mutating func callNext() -> Int {
        var line = 0
        while true {
            while !lines[line].isEmpty {
                let ticket = discipline == .lifo ? lines[line].removeLast() : lines[line].removeFirst()
                if slots[Int(ticket.slot)].generation == ticket.generation { return Int(ticket.slot) }
            }
            line += 1
            precondition(line < lines.count, "waiting count out of step with the lines")
        }
    }

    /// Frees a slot; its generation moves on so stale tickets and patience
    /// events for the old occupant are recognised.
    @inlinable
    mutating func release(_ slot: Int) {
        slots[slot].generation &+= 1
        freeSlots.append(Int32(slot))
    }

    @inlinable
    mutating func abandon(slot: Int, at now: SimTime) {
        let customer = slots[slot]
        release(slot)
        waiting -= 1
        inQueue.record(Double(waiting), at: now)
        inSystem.record(inSystem.current - 1, at: now)
        guard customer.counted else { return }
        let k = Int(customer.customerClass)
        MultiServerQueue.recordAbandoned(&stats[k], waitMs: now.milliseconds - customer.arrival, thresholds: thresholdsMs)
    }

    // MARK: Arrival process

    /// The next arrival of class k after `now`: a Poisson process by
    /// inversion of the cumulative rate (one uniform per arrival), nil when
    /// the profile's rate stays 0 for ever. O(periods skipped).
    @inlinable
    mutating func nextArrival(after now: SimTime, of k: Int) -> SimTime? {
        let rate = ratePerMs[k]
        guard rate > 0 else { return nil }
        var need = -log(arrivalStreams[k].nextUniform())   // Exp(1) units of cumulative rate
        var t = Double(now.milliseconds)
        if periodEnds.isEmpty {
            return SimTime(milliseconds: Int64(t + need / rate + 0.5))
        }
        var p = 0
        while p < periodEnds.count && periodEnds[p] <= t { p += 1 }
        while p < periodEnds.count {
            let r = rate * multipliers[p]
            let available = r * (periodEnds[p] - t)
            if available >= need { return SimTime(milliseconds: Int64(t + need / r + 0.5)) }
            need -= available
            t = periodEnds[p]
            p += 1
        }
        let r = rate * multipliers[multipliers.count - 1]
        guard r > 0 else { return nil }
        return SimTime(milliseconds: Int64(t + need / r + 0.5))
    }

    /// Minutes to whole milliseconds, rounding half up; a negative duration
    /// (a distribution that can go below 0) stops the run. Truncating `x + 0.5` is one
    /// instruction where `rounded()` is a libm call on baseline x86-64.
    @inlinable
    static func milliseconds(_ minutes: Double) -> Int64 {
        let ms = minutes * 60_000 + 0.5
        precondition(ms >= 0 && ms < 9e15, "time outside the simulated range")
        return Int64(ms)
    }

    @usableFromInline
    mutating func closeClass(at now: SimTime) {
        openClasses -= 1
        if openClasses == 0 { closeWindow(at: now) }
    }

    /// Freezes the steady-state averages at the last arrival.
    @usableFromInline
    mutating func closeWindow(at now: SimTime) {
        guard windowAverages.system.isNaN else { return }
        lastArrival = now
        windowAverages = (inSystem.average(until: now), inQueue.average(until: now), busyServers.average(until: now))
    }
}
