import SimKernel

/// The least an M/M/c model can do on the kernel: two event kinds, a ring
/// buffer of arrival times, a wait tally. It is the bench's yardstick for the
/// Validation module's `MultiServerQueue`: the gap between the two is what
/// that model's generality and statistics cost, and the gap between this and
/// the hold figure is what sampling and bookkeeping cost.
///
/// Time unit: one "service mean" is one minute (60 000 ms), so integer
/// milliseconds round a service time by at most 1/120 000 of its mean.
///
/// ```swift
/// let run = BareMMcModel.run(servers: 10, arrivalRate: 9, serviceRate: 1,
///                            customers: 1_000_000, seed: 1)
/// run.meanWait   // ≈ 0.6687 (Erlang C), in service-time units
/// ```
struct BareMMcModel: SimulationModel {
    enum Event { case arrival, departure }

    let servers: Int
    let meanInterarrivalMs: Double
    let meanServiceMs: Double
    var arrivals: RandomStream
    var services: RandomStream
    /// Arrival times (ms) of customers waiting for a server, oldest first.
    var line = RingBuffer()
    var busy = 0
    var arrived = 0
    let customers: Int
    var served = 0
    var wait = Tally()

    mutating func handle(_ event: Event, at now: SimTime, schedule: inout Scheduler<Event>) {
        switch event {
        case .arrival:
            arrived += 1
            if arrived < customers {
                schedule.after(exponential(meanInterarrivalMs, &arrivals), .arrival)
            }
            if busy < servers {
                busy += 1
                startService(waited: 0, &schedule)
            } else {
                line.append(now.milliseconds)
            }
        case .departure:
            served += 1
            if let since = line.popFirst() {
                startService(waited: now.milliseconds - since, &schedule)
            } else {
                busy -= 1
            }
        }
    }

    @inline(__always)
    private mutating func startService(waited: Int64, _ schedule: inout Scheduler<Event>) {
        wait.add(Double(waited) / 60_000)
        schedule.after(exponential(meanServiceMs, &services), .departure)
    }

    /// An exponential duration rounded to whole ms (`+ 0.5` then truncation:
    /// the value is never negative, and it avoids a libm `round` call).
    @inline(__always)
    private func exponential(_ meanMs: Double, _ rng: inout RandomStream) -> SimTime {
        SimTime(milliseconds: Int64(Distribution.exponential(mean: meanMs).sample(using: &rng) + 0.5))
    }

    /// Runs until `customers` have arrived and been served.
    static func run(servers: Int, arrivalRate: Double, serviceRate: Double,
                    customers: Int, seed: UInt64) -> (meanWait: Double, served: Int) {
        let model = BareMMcModel(
            servers: servers, meanInterarrivalMs: 60_000 / arrivalRate, meanServiceMs: 60_000 / serviceRate,
            arrivals: RandomStream(seed: seed, stream: "arrivals"),
            services: RandomStream(seed: seed, stream: "service"),
            customers: customers)
        var sim = Simulation(model: model, expectedPendingEvents: servers + 2)
        sim.schedule(.arrival, at: .zero)
        sim.run()
        return (sim.model.wait.mean, sim.model.served)
    }
}

/// A growable FIFO of Int64 (capacity a power of two; grows by doubling, so
/// once it has reached the longest queue it allocates nothing).
struct RingBuffer {
    private var storage = [Int64](repeating: 0, count: 64)
    private var head = 0
    private(set) var count = 0

    mutating func append(_ value: Int64) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = value
        count += 1
    }

    mutating func popFirst() -> Int64? {
        guard count > 0 else { return nil }
        let value = storage[head]
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return value
    }

    private mutating func grow() {
        var bigger = [Int64](repeating: 0, count: storage.count * 2)
        for i in 0..<count { bigger[i] = storage[(head + i) & (storage.count - 1)] }
        storage = bigger
        head = 0
    }
}
