/// The order in which simultaneous events run: lower classes first.
///
/// Two events at the same millisecond are ordered by class, then by the order
/// they were scheduled in. A model uses classes to say, for example, that a
/// shift ending at 12:00 is processed before a citizen arriving at 12:00.
public struct EventPriority: Hashable, Comparable, Sendable {
    public var rawValue: UInt8
    @inlinable public init(_ rawValue: UInt8) { self.rawValue = rawValue }
    // Computed, not `static let`: a stored static pays a lazy-initialisation
    // check on every use, and `.normal` is used on every push.
    @inlinable public static var first: EventPriority { EventPriority(0) }
    @inlinable public static var normal: EventPriority { EventPriority(128) }
    @inlinable public static var last: EventPriority { EventPriority(255) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A pending-event set: a binary min-heap ordered by (time, priority class,
/// insertion sequence), so the order of events is total and deterministic.
///
/// Entries are stored inline (no boxing), so once the array has grown to the
/// largest number of pending events, scheduling allocates nothing.
///
/// Complexity: `push` and `popMin` are O(log n); `peek` is O(1).
public struct EventQueue<Event> {
    @usableFromInline struct Entry {
        @usableFromInline var time: Int64
        /// Priority class in the top 8 bits, insertion sequence below.
        @usableFromInline var order: UInt64
        @usableFromInline var event: Event
        @inlinable init(time: Int64, order: UInt64, event: Event) {
            self.time = time; self.order = order; self.event = event
        }
        @inlinable func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && order < other.order)
        }
    }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var sequence: UInt64 = 0

    public init(minimumCapacity: Int = 64) { heap.reserveCapacity(minimumCapacity) }

    @inlinable public var count: Int { heap.count }
    @inlinable public var isEmpty: Bool { heap.isEmpty }
    /// Time of the next event, if any.
    @inlinable public var nextTime: SimTime? { heap.first.map { SimTime(milliseconds: $0.time) } }

    @inlinable
    public mutating func push(_ event: Event, at time: SimTime, priority: EventPriority = .normal) {
        assert(sequence < (1 << 56), "event sequence overflow")
        let entry = Entry(time: time.milliseconds, order: UInt64(priority.rawValue) << 56 | sequence, event: event)
        sequence &+= 1
        heap.append(entry)
        siftUp(heap.count - 1)
    }

    @inlinable
    public mutating func popMin() -> (time: SimTime, event: Event)? {
        guard !heap.isEmpty else { return nil }
        return removeMin()
    }

    /// Pops the next event if it is due at or before `end` (one pass over the
    /// heap instead of a `nextTime` look followed by `popMin`).
    @inlinable
    public mutating func popMin(notAfter end: SimTime) -> (time: SimTime, event: Event)? {
        guard let first = heap.first, first.time <= end.milliseconds else { return nil }
        return removeMin()
    }

    /// Drops every pending event (capacity is kept).
    public mutating func removeAll() { heap.removeAll(keepingCapacity: true) }

    /// Removes the root of a non-empty heap. Floyd's bottom-up deletion: the
    /// hole left by the root sinks to a leaf along the smaller children (one
    /// comparison per level), then the last entry rises from there — usually
    /// not at all, since the last entry is among the latest. About half the
    /// comparisons of the textbook sift-down.
    @inlinable mutating func removeMin() -> (time: SimTime, event: Event) {
        let last = heap.removeLast()
        let n = heap.count
        if n == 0 { return (SimTime(milliseconds: last.time), last.event) }
        return heap.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            var i = 0
            while true {
                var child = 2 &* i &+ 1
                if child >= n { break }
                if child &+ 1 < n && h[child &+ 1].precedes(h[child]) { child &+= 1 }
                h[i] = h[child]
                i = child
            }
            while i > 0 {
                let parent = (i &- 1) >> 1
                guard last.precedes(h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = last
            return (SimTime(milliseconds: top.time), top.event)
        }
    }

    @inlinable mutating func siftUp(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { h in
            var i = start
            let moving = h[i]
            while i > 0 {
                let parent = (i &- 1) >> 1
                guard moving.precedes(h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = moving
        }
    }

    /// Checks the heap property; for tests and debug assertions. O(n).
    public func isValidHeap() -> Bool {
        for i in 1..<max(heap.count, 1) where heap[i].precedes(heap[(i - 1) >> 1]) { return false }
        return true
    }
}

extension EventQueue: Sendable where Event: Sendable {}
extension EventQueue.Entry: Sendable where Event: Sendable {}
