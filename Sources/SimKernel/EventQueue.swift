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

/// A pending-event set: a 4-ary min-heap ordered by (time, priority class,
/// insertion sequence), so the order of events is total and deterministic.
///
/// Entries are stored inline (no boxing) in one buffer with copy-on-write,
/// so once it has grown to the largest number of pending events, scheduling
/// allocates nothing. Each push or pop checks uniqueness once and then works
/// on the buffer directly.
///
/// Why 4-ary: a simulation's queue is small (a ward day holds 15–50 pending
/// events), so the cost is not memory but mispredicted branches — which
/// child is earlier is a coin toss. Four children (adjacent in memory) halve
/// the depth, and the earliest of them is found with conditional moves, not
/// branches; the only branch left per level is "does the entry go lower?".
/// Keys are unique (the sequence), so the pop order is the same whatever
/// the heap's shape: a binary heap pops exactly the same sequence.
///
/// ```swift
/// var q = EventQueue<String>()
/// q.push("arrival", at: .clock(12, 0))
/// q.push("shift ends", at: .clock(12, 0), priority: .first)
/// q.popMin()?.event    // "shift ends"
/// ```
///
/// Complexity: `push` and `popMin` are O(log n) (about log₄ n levels);
/// `nextTime` is O(1).
public struct EventQueue<Event> {
    @usableFromInline struct Entry {
        @usableFromInline var time: Int64
        /// Priority class in the top 8 bits, insertion sequence below.
        @usableFromInline var order: UInt64
        @usableFromInline var event: Event
        @inlinable init(time: Int64, order: UInt64, event: Event) {
            self.time = time; self.order = order; self.event = event
        }
        /// (time, order) lexicographically. Equal times are rare (integer
        /// milliseconds), so that test is a well-predicted branch and
        /// `time < other.time` stays a flag that callers turn into a
        /// conditional move; the one-expression `||`/`&&` form compiles to
        /// a branch on `<`, mispredicted half the time in a sift.
        @inlinable @inline(__always) func precedes(_ other: Entry) -> Bool {
            if _slowPath(time == other.time) { return order < other.order }
            return time < other.time
        }
    }

    /// The heap's memory: `count.pointee` initialised entries. Only `let`
    /// properties, so reaching the memory costs no exclusivity check; the
    /// count lives in the allocation so that `deinit` can see it.
    @usableFromInline final class Storage {
        @usableFromInline let entries: UnsafeMutablePointer<Entry>
        @usableFromInline let count: UnsafeMutablePointer<Int>
        @usableFromInline let capacity: Int
        @usableFromInline init(capacity: Int) {
            self.capacity = Swift.max(capacity, 4)
            entries = .allocate(capacity: self.capacity)
            count = .allocate(capacity: 1)
            count.initialize(to: 0)
        }
        deinit {
            entries.deinitialize(count: count.pointee)
            entries.deallocate()
            count.deallocate()
        }
    }

    /// Holds the storage so that the queue can be `Sendable`: the memory is
    /// shared only between copies of one queue and written only after a
    /// uniqueness check (copy-on-write), like an `Array`'s buffer, and the
    /// queue is `Sendable` only when its events are.
    @usableFromInline struct StorageRef: @unchecked Sendable {
        @usableFromInline var object: Storage
        @inlinable init(_ object: Storage) { self.object = object }
    }

    @usableFromInline var storage: StorageRef
    @usableFromInline var sequence: UInt64 = 0
    /// The root entry was handed out by `popMinDeferred` and is no longer
    /// pending: the next push takes its slot (one sift-down instead of a
    /// removal plus an insertion), or the next pop removes it first.
    @usableFromInline var staleRoot = false

    public init(minimumCapacity: Int = 64) { storage = StorageRef(Storage(capacity: minimumCapacity)) }

    @inlinable public var count: Int { storage.object.count.pointee - (staleRoot ? 1 : 0) }
    @inlinable public var isEmpty: Bool { count == 0 }
    /// Time of the next event, if any.
    @inlinable public var nextTime: SimTime? {
        let e = storage.object.entries, n = storage.object.count.pointee
        if !staleRoot { return n > 0 ? SimTime(milliseconds: e.pointee.time) : nil }
        if n < 2 { return nil }
        // The stale root's children (up to four) hold the earliest pending entry.
        return SimTime(milliseconds: e[Self.earliestChild(e, from: 1, count: n)].time)
    }

    /// The pending entries in heap order (for tests).
    var heap: [Entry] {
        let skip = staleRoot ? 1 : 0
        return Array(UnsafeBufferPointer(start: storage.object.entries + skip, count: count))
    }

    /// Makes the storage unique (copy-on-write) with room for `extra` more entries.
    @inlinable @inline(__always) mutating func prepareToWrite(extra: Int) {
        let full = storage.object.count.pointee + extra > storage.object.capacity
        if _slowPath(full || !isKnownUniquelyReferenced(&storage.object)) {
            reallocate(capacity: full ? storage.object.capacity * 2 : storage.object.capacity)
        }
    }

    /// Copies (shared storage) or moves (unique storage) the entries into new memory.
    @usableFromInline mutating func reallocate(capacity: Int) {
        let old = storage.object
        let new = Storage(capacity: capacity)
        let n = old.count.pointee
        if isKnownUniquelyReferenced(&storage.object) {
            new.entries.moveInitialize(from: old.entries, count: n)
            old.count.pointee = 0
        } else {
            new.entries.initialize(from: old.entries, count: n)
        }
        new.count.pointee = n
        storage.object = new
    }

    /// Index of the earliest of the children `c ..< min(c + 4, n)` of one
    /// node (`c < n`). Indices are computed with arithmetic on comparison
    /// flags rather than `?:` on indices: LLVM's x86 cmov converter tends to
    /// turn index selects inside a loop back into branches, which cost a
    /// misprediction every other level.
    @inlinable @inline(__always)
    static func earliestChild(_ e: UnsafeMutablePointer<Entry>, from c: Int, count n: Int) -> Int {
        if c &+ 3 < n {
            let a = c &+ (e[c &+ 1].precedes(e[c]) ? 1 : 0)
            let b = c &+ 2 &+ (e[c &+ 3].precedes(e[c &+ 2]) ? 1 : 0)
            let mask = 0 &- (e[b].precedes(e[a]) ? 1 : 0)
            return a ^ ((a ^ b) & mask)
        }
        // The last parent: one to three children.
        var m = c
        if c &+ 1 < n { m &+= e[c &+ 1].precedes(e[m]) ? 1 : 0 }
        if c &+ 2 < n {
            let mask = 0 &- (e[c &+ 2].precedes(e[m]) ? 1 : 0)
            m = m ^ ((m ^ (c &+ 2)) & mask)
        }
        return m
    }

    @inlinable
    public mutating func push(_ event: Event, at time: SimTime, priority: EventPriority = .normal) {
        assert(sequence < (1 << 56), "event sequence overflow")
        let entry = Entry(time: time.milliseconds, order: UInt64(priority.rawValue) << 56 | sequence, event: event)
        sequence &+= 1
        if staleRoot { replaceRoot(with: entry); return }
        prepareToWrite(extra: 1)
        let e = storage.object.entries
        var i = storage.object.count.pointee
        storage.object.count.pointee = i &+ 1
        // Sift up: move parents down into the hole until the entry fits.
        while i > 0 {
            let parent = (i &- 1) >> 2
            guard entry.precedes(e[parent]) else { break }
            (e + i).initialize(to: (e + parent).move())
            i = parent
        }
        (e + i).initialize(to: entry)
    }

    @inlinable
    public mutating func popMin() -> (time: SimTime, event: Event)? {
        if staleRoot { dropStaleRoot() }
        guard count > 0 else { return nil }
        return removeMin()
    }

    /// Pops the next event if it is due at or before `end` (one pass over the
    /// heap instead of a `nextTime` look followed by `popMin`).
    @inlinable
    public mutating func popMin(notAfter end: SimTime) -> (time: SimTime, event: Event)? {
        if staleRoot { dropStaleRoot() }
        guard count > 0 && storage.object.entries.pointee.time <= end.milliseconds else { return nil }
        return removeMin()
    }

    /// `popMin(notAfter:)` for an engine that is about to handle the event
    /// and will probably schedule another: the entry stays in the heap as a
    /// stale root until the next push takes its place (or the next pop, or
    /// `settle()`, removes it). The queue behaves exactly as if the entry
    /// had been removed; only the work differs.
    ///
    /// No uniqueness check: marking the root stale changes only this value's
    /// `staleRoot`, not the shared memory; whatever later writes the memory
    /// (`replaceRoot`, `removeMin`) checks then.
    @inlinable
    public mutating func popMinDeferred(notAfter end: SimTime) -> (time: SimTime, event: Event)? {
        if staleRoot { dropStaleRoot() }
        guard count > 0 && storage.object.entries.pointee.time <= end.milliseconds else { return nil }
        staleRoot = true
        let root = storage.object.entries.pointee
        return (SimTime(milliseconds: root.time), root.event)
    }

    /// Removes a stale root left by `popMinDeferred`, if any.
    @inlinable public mutating func settle() {
        if staleRoot { dropStaleRoot() }
    }

    @inlinable mutating func dropStaleRoot() {
        staleRoot = false
        _ = removeMin()
    }

    /// Puts `entry` in the stale root's place and sifts it down. (Top-down,
    /// not Floyd's bottom-up as in `removeMin`: a freshly scheduled event
    /// often belongs above the bottom level, and measured faster so.)
    @inlinable mutating func replaceRoot(with entry: Entry) {
        prepareToWrite(extra: 0)
        staleRoot = false
        let e = storage.object.entries
        let n = storage.object.count.pointee
        e.deinitialize(count: 1)
        var i = 0
        while true {
            let c = 4 &* i &+ 1
            if c >= n { break }
            let child = Self.earliestChild(e, from: c, count: n)
            guard e[child].precedes(entry) else { break }
            (e + i).initialize(to: (e + child).move())
            i = child
        }
        (e + i).initialize(to: entry)
    }

    /// Drops every pending event (capacity is kept).
    public mutating func removeAll() {
        prepareToWrite(extra: 0)
        storage.object.entries.deinitialize(count: storage.object.count.pointee)
        storage.object.count.pointee = 0
        staleRoot = false
    }

    /// Removes the root of a non-empty heap. Floyd's bottom-up deletion: the
    /// hole left by the root sinks to a leaf along the earliest children
    /// (three comparisons per level, no test against the last entry), then
    /// the last entry rises from there — usually not at all, since the last
    /// entry is among the latest.
    @inlinable mutating func removeMin() -> (time: SimTime, event: Event) {
        prepareToWrite(extra: 0)
        let e = storage.object.entries
        let n = storage.object.count.pointee &- 1
        storage.object.count.pointee = n
        let top = e.move()
        if n == 0 { return (SimTime(milliseconds: top.time), top.event) }
        let last = (e + n).move()
        var i = 0
        while true {
            let c = 4 &* i &+ 1
            if c >= n { break }
            let child = Self.earliestChild(e, from: c, count: n)
            (e + i).initialize(to: (e + child).move())
            i = child
        }
        while i > 0 {
            let parent = (i &- 1) >> 2
            guard last.precedes(e[parent]) else { break }
            (e + i).initialize(to: (e + parent).move())
            i = parent
        }
        (e + i).initialize(to: last)
        return (SimTime(milliseconds: top.time), top.event)
    }

    /// Checks the heap property; for tests and debug assertions. O(n).
    public func isValidHeap() -> Bool {
        let e = storage.object.entries, n = storage.object.count.pointee
        // With a stale root, only its (up to four) subtrees must be heaps.
        for i in 1..<Swift.max(n, 1) where !(staleRoot && i <= 4) && e[i].precedes(e[(i - 1) >> 2]) { return false }
        return true
    }
}

extension EventQueue: Sendable where Event: Sendable {}
extension EventQueue.Entry: Sendable where Event: Sendable {}
