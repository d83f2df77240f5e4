import Foundation

/// Day models of one compiled scenario, kept between replications so that a
/// replication reuses the memory of an earlier one instead of allocating
/// its own (about 40 buffers): in a perf profile of one-day replications,
/// malloc and the page faults of fresh memory were ~9 % of the time.
///
/// A model is taken out for one replication and given back after it (moved,
/// never shared: see `DayBuffer`'s copy rule), reset by `WardDay.reset(keys:)`
/// on the way out, so results never depend on which model a replication got.
///
/// ```swift
/// let pool = ModelPool()
/// var model = pool.take(compiled, keys: StreamKeys(seed: 1, replication: 0))
/// model = WardDay.run(model, ordinal: 0, type: .ordinary)
/// pool.give(model)
/// ```
final class ModelPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [WardDay] = []
    /// More idle models than this are dropped (one per thread is all a run needs).
    private let limit = 64

    /// A model ready for a replication with `keys`: an idle one reset, or a new one.
    func take(_ compiled: CompiledScenario, keys: StreamKeys) -> WardDay {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        guard var model = reused else { return WardDay(compiled: compiled, keys: keys) }
        model.reset(keys: keys)
        return model
    }

    func give(_ model: consuming WardDay) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < limit { idle.append(model) }
    }
}
