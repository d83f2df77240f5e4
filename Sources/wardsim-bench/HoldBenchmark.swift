import HeapModule
import SimKernel

/// The classic hold benchmark (Vaucher & Duval, 1975): keep `pending` events
/// in the queue; each *hold* pops the earliest and schedules a new one at
/// now + an exponential increment. It measures what a simulation's event
/// queue costs per event at a steady queue size.
///
/// Three queues run the same sequence of holds (2 · 10⁶ holds a run: short
/// runs give best-of-N a better chance of a quiet moment):
/// - `hold_events_per_second`: the kernel's `EventQueue` (hand-written 4-ary heap);
/// - `hold_events_per_second_simulation`: the same through `Simulation` with a
///   trivial model (adds the engine's dispatch: clock, `isLive`, handler call);
/// - `hold_events_per_second_collections_heap`: swift-collections' `Heap`
///   (a min-max heap) keyed by the same (time, order) pair.
///
/// Increments are drawn beforehand into a table (mean 1 minute, integer ms)
/// so the figures compare queues, not random-number generation. All three pop
/// exactly the same event times (ties broken by insertion order in each); a
/// checksum of the popped times proves it, and the run aborts if they differ.
///
/// Complexity: O(holds · log pending) per variant.
func holdBenchmark(_ options: BenchOptions) -> [Figure] {
    let setup = HoldSetup(pending: 1_000, holds: options.quick ? 100_000 : 2_000_000, clock: options.clock)

    // Interleaved repetitions: a noisy spell on the shared machine hits all
    // three variants alike instead of one of them. Rates are the best run of
    // each; the ratio is the median of the per-repetition ratios, which pairs
    // runs made moments apart and so shrugs off a burst of load.
    var kernel = HoldRun.none, simulation = HoldRun.none, collections = HoldRun.none
    var ratios: [Double] = []
    for _ in 0..<max(options.repetitions, 1) {
        let k = holdWithEventQueue(setup)
        let s = holdWithSimulation(setup)
        let c = holdWithCollectionsHeap(setup)
        precondition(k.checksum == s.checksum && k.checksum == c.checksum,
                     "hold variants popped different event sequences")
        kernel = kernel.faster(k); simulation = simulation.faster(s); collections = collections.faster(c)
        ratios.append(c.seconds / k.seconds)
    }

    let holds = Double(setup.holds)
    return [
        Figure("hold_events_per_second", holds / kernel.seconds, unit: "events/s"),
        Figure("hold_events_per_second_simulation", holds / simulation.seconds, unit: "events/s"),
        Figure("hold_events_per_second_collections_heap", holds / collections.seconds, unit: "events/s"),
        Figure("hold_kernel_vs_collections_heap_ratio", median(ratios), unit: "×", decimals: 3),
    ]
}

/// Sizes and the shared table of increments.
struct HoldSetup {
    var pending: Int
    var holds: Int
    var clock: TimingClock
    /// Exponential increments in ms (mean 60 000), reused cyclically.
    var increments: [Int64]
    static let tableSize = 1 << 14

    init(pending: Int, holds: Int, clock: TimingClock) {
        self.pending = pending
        self.holds = holds
        self.clock = clock
        var rng = RandomStream(seed: 20_240_401, stream: "hold.increments")
        let exponential = Distribution.exponential(mean: 60_000)
        increments = (0..<HoldSetup.tableSize).map { _ in Int64(exponential.sample(using: &rng).rounded()) }
    }
}

/// One timed run: seconds for the holds, and the sum of popped times.
struct HoldRun {
    var seconds: Double
    var checksum: Int64
    static let none = HoldRun(seconds: .infinity, checksum: 0)
    func faster(_ other: HoldRun) -> HoldRun { other.seconds < seconds ? other : self }
}

// MARK: - Kernel EventQueue

@inline(never)
private func holdWithEventQueue(_ setup: HoldSetup) -> HoldRun {
    let table = setup.increments
    let mask = HoldSetup.tableSize - 1
    var queue = EventQueue<Int>(minimumCapacity: setup.pending + 1)
    for i in 0..<setup.pending { queue.push(i, at: .milliseconds(table[i & mask])) }
    var next = setup.pending
    var checksum: Int64 = 0
    let watch = Stopwatch(setup.clock)
    for _ in 0..<setup.holds {
        let (now, event) = queue.popMin().unsafelyUnwrapped
        checksum &+= now.milliseconds
        queue.push(event, at: SimTime(milliseconds: now.milliseconds &+ table[next & mask]))
        next &+= 1
    }
    let seconds = watch.seconds
    return HoldRun(seconds: seconds, checksum: checksum)
}

// MARK: - Through Simulation

/// A model whose every event reschedules itself: the hold model as a
/// `SimulationModel`.
struct HoldModel: SimulationModel {
    typealias Event = Int
    var increments: [Int64]
    var next: Int
    var checksum: Int64 = 0

    @inlinable
    mutating func handle(_ event: Int, at now: SimTime, schedule: inout Scheduler<Int>) {
        checksum &+= now.milliseconds
        let increment = increments.withUnsafeBufferPointer { $0[next & (HoldSetup.tableSize - 1)] }
        next &+= 1
        schedule.after(SimTime(milliseconds: increment), event)
    }
}

@inline(never)
private func holdWithSimulation(_ setup: HoldSetup) -> HoldRun {
    let table = setup.increments
    var sim = Simulation(model: HoldModel(increments: table, next: setup.pending),
                         expectedPendingEvents: setup.pending + 1)
    for i in 0..<setup.pending { sim.schedule(i, at: .milliseconds(table[i & (HoldSetup.tableSize - 1)])) }
    let watch = Stopwatch(setup.clock)
    for _ in 0..<setup.holds { sim.step() }
    let seconds = watch.seconds
    return HoldRun(seconds: seconds, checksum: sim.model.checksum)
}

// MARK: - swift-collections Heap

/// The kernel's key, (time, insertion order), as a `Comparable` element.
struct HoldEntry: Comparable {
    var time: Int64
    var order: UInt64
    var event: Int

    @inlinable static func < (a: HoldEntry, b: HoldEntry) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }
    @inlinable static func == (a: HoldEntry, b: HoldEntry) -> Bool {
        a.time == b.time && a.order == b.order
    }
}

@inline(never)
private func holdWithCollectionsHeap(_ setup: HoldSetup) -> HoldRun {
    let table = setup.increments
    let mask = HoldSetup.tableSize - 1
    var heap = Heap<HoldEntry>(minimumCapacity: setup.pending + 1)
    var order: UInt64 = 0
    for i in 0..<setup.pending {
        heap.insert(HoldEntry(time: table[i & mask], order: order, event: i))
        order &+= 1
    }
    var next = setup.pending
    var checksum: Int64 = 0
    let watch = Stopwatch(setup.clock)
    for _ in 0..<setup.holds {
        let top = heap.popMin().unsafelyUnwrapped
        checksum &+= top.time
        heap.insert(HoldEntry(time: top.time &+ table[next & mask], order: order, event: top.event))
        order &+= 1
        next &+= 1
    }
    let seconds = watch.seconds
    return HoldRun(seconds: seconds, checksum: checksum)
}
