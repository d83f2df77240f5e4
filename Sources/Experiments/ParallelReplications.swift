import Dispatch
import Foundation
import SimKernel

/// Runs independent replications on several threads and returns their
/// results in replication order.
///
/// Each replication must derive all its randomness from its own index (see
/// `RandomStream(seed:stream:replication:)`), so the results are identical
/// whatever the number of threads — a property the tests check.
///
/// ```swift
/// let means = ParallelReplications.run(count: 30) { rep in
///     simulateOneDay(seed: 7, replication: rep)
/// }
/// ```
public enum ParallelReplications {
    /// Worker threads to use by default: every core the process may use.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(i)` for `i` in `0..<count`, spread over `threads` threads
    /// (replications are handed out one at a time, so uneven ones balance).
    public static func run<Result: Sendable>(
        count: Int, threads: Int = defaultThreads, _ body: @Sendable (Int) -> Result
    ) -> [Result] {
        precondition(count >= 0 && threads >= 1)
        if count == 0 { return [] }
        let slots = ResultSlots<Result>(count: count)
        let workers = min(threads, count)
        if workers == 1 {
            for i in 0..<count { slots.store(body(i), at: i) }
        } else {
            let next = AtomicCounter()
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let i = next.increment()
                    if i >= count { break }
                    slots.store(body(i), at: i)
                }
            }
        }
        return slots.collect()
    }
}

/// One write-once slot per replication; each index is written by exactly one
/// worker, and `collect` runs after every worker has finished.
private final class ResultSlots<Result>: @unchecked Sendable {
    private var values: [Result?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func store(_ value: Result, at i: Int) { lock.withLock { values[i] = value } }
    func collect() -> [Result] { lock.withLock { values.map { $0! } } }
}

private final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int { lock.withLock { let v = value; value += 1; return v } }
}

