/// A discrete-event model: a value type with its own `Event` enum.
///
/// The engine is generic over the model, so `handle` is specialised and
/// inlined: no existential, closure or allocation per event.
///
/// ```swift
/// struct Ticker: SimulationModel {
///     enum Event { case tick }
///     var ticks = 0
///     mutating func handle(_ event: Event, at now: SimTime, schedule: inout Scheduler<Event>) {
///         ticks += 1
///         schedule.after(.minutes(1), .tick)
///     }
/// }
/// var sim = Simulation(model: Ticker())
/// sim.schedule(.tick, at: .zero)
/// sim.run(until: .hours(1))      // sim.model.ticks == 61
/// ```
public protocol SimulationModel {
    associatedtype Event
    /// Reacts to one event at time `now`, scheduling follow-up events.
    mutating func handle(_ event: Event, at now: SimTime, schedule: inout Scheduler<Event>)
    /// Lazy cancellation: return false for an event that has gone stale (for
    /// example a patience timer of a citizen already called). Stale events are
    /// dropped without calling `handle` and counted in `Simulation.droppedEvents`.
    func isLive(_ event: Event) -> Bool
}

extension SimulationModel {
    @inlinable public func isLive(_ event: Event) -> Bool { true }
}

/// What a model sees of the engine while handling an event: the clock and a
/// way to schedule more events.
public struct Scheduler<Event> {
    @usableFromInline var queue: EventQueue<Event>
    @usableFromInline var clock: SimTime
    /// The current simulated time.
    @inlinable public var now: SimTime { clock }

    @inlinable init(queue: EventQueue<Event>, now: SimTime) { self.queue = queue; self.clock = now }

    /// Schedules `event` after `delay` (which must not be negative).
    @inlinable public mutating func after(_ delay: SimTime, _ event: Event, priority: EventPriority = .normal) {
        assert(delay.milliseconds >= 0, "cannot schedule into the past")
        queue.push(event, at: now + delay, priority: priority)
    }

    /// Schedules `event` at absolute time `time` (not before now).
    @inlinable public mutating func at(_ time: SimTime, _ event: Event, priority: EventPriority = .normal) {
        assert(time >= now, "cannot schedule into the past")
        queue.push(event, at: time, priority: priority)
    }

    /// Number of pending events.
    @inlinable public var pending: Int { queue.count }
}

/// Runs a model: pops events in (time, priority, sequence) order and hands
/// them to the model.
public struct Simulation<Model: SimulationModel> {
    public var model: Model
    public var scheduler: Scheduler<Model.Event>
    /// Events handed to the model so far.
    public var handledEvents: Int = 0
    /// Stale events dropped by `isLive`.
    public var droppedEvents: Int = 0
    /// Called for every event before it is handled (nil: no tracing, no cost).
    public var trace: ((SimTime, Model.Event) -> Void)?

    public init(model: Model, startingAt start: SimTime = .zero, expectedPendingEvents: Int = 64) {
        self.model = model
        self.scheduler = Scheduler(queue: EventQueue(minimumCapacity: expectedPendingEvents), now: start)
    }

    @inlinable public var now: SimTime { scheduler.now }

    /// Schedules an event from outside the model (initial events).
    public mutating func schedule(_ event: Model.Event, at time: SimTime, priority: EventPriority = .normal) {
        scheduler.at(time, event, priority: priority)
    }

    /// Handles the next event. Returns false when no event is pending.
    @inlinable @discardableResult
    public mutating func step() -> Bool {
        guard let (time, event) = scheduler.queue.popMin() else { return false }
        dispatch(event, at: time)
        return true
    }

    /// Handles every event up to and including `end`, then sets the clock to
    /// `end` (unless the queue ran dry earlier and `end` is `distantFuture`).
    @inlinable
    public mutating func run(until end: SimTime = .distantFuture) {
        // Deferred pops: an event's slot goes to the first event its handler
        // schedules (most handlers schedule one), saving a heap removal.
        while let (time, event) = scheduler.queue.popMinDeferred(notAfter: end) {
            dispatch(event, at: time)
        }
        scheduler.queue.settle()
        if end != .distantFuture && end > scheduler.now { scheduler.clock = end }
    }

    @inlinable mutating func dispatch(_ event: Model.Event, at time: SimTime) {
        assert(time >= scheduler.now, "event queue went back in time")
        // A stale event does not move the clock: `now` after a run is the time
        // of the last event that really happened.
        guard model.isLive(event) else { droppedEvents += 1; return }
        scheduler.clock = time
        if let trace { trace(time, event) }
        handledEvents += 1
        model.handle(event, at: time, schedule: &scheduler)
    }
}
