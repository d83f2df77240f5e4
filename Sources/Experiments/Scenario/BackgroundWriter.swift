import Foundation

/// Writes items on a thread of its own while the caller goes on producing
/// the next ones: a run's store writes overlap its simulation instead of
/// holding up every core between batches.
///
/// The queue is bounded (`capacity` items wait at most, then `put` blocks),
/// so memory stays small and a killed process loses at most the items in
/// flight; each item is still written by one `write` call (for the run
/// store: one transaction). After the first failed write nothing more is
/// written: `put` and `finish` rethrow that error.
///
/// ```swift
/// let writer = BackgroundWriter<[ReplicationKPIs]>(capacity: 2) { batch in try recorder.record(batch) }
/// for batch in batches { try writer.put(batch) }
/// try writer.finish()     // waits until everything is written
/// ```
///
/// `write` runs on the writer thread only, one item at a time, in order.
/// It may use non-`Sendable` state (a `RunStore`) that the caller does not
/// touch between creating the writer and `finish` returning: `finish` waits
/// for the thread, so everything the writer did happens before it returns.
/// (That contract, not the compiler, makes the unchecked parts safe.)
final class BackgroundWriter<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var queue: [Item] = []
    private var closed = false
    private var running = true
    private var failure: (any Error)?
    private let write: (Item) throws -> Void

    init(capacity: Int, write: @escaping (Item) throws -> Void) {
        self.capacity = max(1, capacity)
        self.write = write
        let thread = Thread { [self] in loop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues an item, waiting while `capacity` items wait already. Throws
    /// the writer's error if a write failed.
    func put(_ item: Item) throws {
        try condition.withLock {
            while queue.count >= capacity && failure == nil { condition.wait() }
            if let failure { throw failure }
            queue.append(item)
            condition.broadcast()
        }
    }

    /// Writes what is queued, stops the thread and waits for it; throws the
    /// first write error. Call exactly once.
    func finish() throws {
        try condition.withLock {
            closed = true
            condition.broadcast()
            while running { condition.wait() }
            if let failure { throw failure }
        }
    }

    private func loop() {
        while true {
            let next: Item? = condition.withLock {
                while queue.isEmpty && !closed { condition.wait() }
                guard failure == nil, !queue.isEmpty else { return nil }
                condition.broadcast()  // room in the queue
                return queue.removeFirst()
            }
            guard let item = next else { break }
            do {
                try write(item)
            } catch {
                condition.withLock {
                    failure = error
                    queue.removeAll()
                    condition.broadcast()
                }
            }
        }
        condition.withLock {
            running = false
            condition.broadcast()
        }
    }
}
