/// Storage for a ward day's state that one model owns alone: arrays without
/// copy-on-write.
///
/// A Swift `Array` checks, on every write, whether its buffer is shared (a
/// call into the runtime) — about a tenth of the model's time, since an
/// event writes a dozen elements. `DayBuffer` and `DayTable` write through
/// a pointer instead, and still check bounds. The price is reference
/// semantics: a copy of a buffer is the same memory (and a copy taken before
/// an `append` that grows it keeps pointing at the old memory). `WardDay`
/// is therefore only ever moved (`consume`), never copied and used twice;
/// each replication builds its own.
///
/// ```swift
/// var a = DayBuffer<Int32>(capacity: 4)
/// a.append(7); a.append(9)
/// a[1] += 1                  // in place, no uniqueness check
/// a.removeAll()              // keeps the memory
/// ```
struct DayBuffer<Element: BitwiseCopyable> {
    /// Frees the memory with the last copy of the buffer.
    private final class Owner {
        var memory: UnsafeMutablePointer<Element>
        init(_ memory: UnsafeMutablePointer<Element>) { self.memory = memory }
        deinit { memory.deallocate() }
    }

    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int
    private var owner: Owner

    init(capacity: Int = 16) {
        self.capacity = Swift.max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        owner = Owner(base)
    }

    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }
    var first: Element? { count > 0 ? base[0] : nil }

    @inline(__always) subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "DayBuffer index out of range")
            return UnsafePointer(base + i)
        }
        nonmutating unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "DayBuffer index out of range")
            return base + i
        }
    }

    /// The address of element `i`, for several reads and writes of one
    /// element (a citizen, a staff member) without copying it. Valid until
    /// the buffer grows: the model appends citizens only before the day's
    /// first event and never holds an address across an append.
    @inline(__always) func ref(_ i: Int) -> UnsafeMutablePointer<Element> {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "DayBuffer index out of range")
        return base + i
    }

    @inline(__always) mutating func append(_ value: Element) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: value)
        count += 1
    }

    mutating func append(contentsOf other: DayBuffer) {
        if count + other.count > capacity { grow(to: Swift.max(capacity * 2, count + other.count)) }
        (base + count).initialize(from: other.base, count: other.count)
        count += other.count
    }

    /// Inserts `value` before index `i` (0...count), moving the rest up. O(count − i).
    mutating func insert(_ value: Element, at i: Int) {
        precondition(i >= 0 && i <= count, "DayBuffer insertion index out of range")
        if count == capacity { grow(to: capacity * 2) }
        (base + i + 1).update(from: base + i, count: count - i)
        (base + i).initialize(to: value)
        count += 1
    }

    /// Removes the element at `i`, moving the rest down. O(count − i).
    mutating func remove(at i: Int) {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "DayBuffer index out of range")
        (base + i).update(from: base + i + 1, count: count - i - 1)
        count -= 1
    }

    /// Removes the first `n` elements. O(count).
    mutating func removeFirst(_ n: Int) {
        precondition(n >= 0 && n <= count, "DayBuffer: cannot remove more than count")
        base.update(from: base + n, count: count - n)
        count -= n
    }

    /// Empties the buffer, keeping its memory.
    @inline(__always) mutating func removeAll() { count = 0 }

    private mutating func grow(to newCapacity: Int) {
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        memory.initialize(from: base, count: count)
        base.deallocate()
        owner.memory = memory
        base = memory
        capacity = newCapacity
    }
}

extension DayBuffer: Sequence {
    struct Iterator: IteratorProtocol {
        let buffer: DayBuffer
        var i = 0
        mutating func next() -> Element? {
            guard i < buffer.count else { return nil }
            defer { i += 1 }
            return buffer.base[i]
        }
    }
    func makeIterator() -> Iterator { Iterator(buffer: self) }
}

/// A fixed number of values of any type (queues, per-office lists) written
/// in place through a pointer: `DayBuffer`'s counterpart for elements that
/// hold references, with the same copy rule. Each element is made by its own
/// call (a value repeated would share one `DayBuffer` between elements).
///
/// ```swift
/// let queues = DayTable(count: 3) { _ in TicketQueue() }
/// queues[1].insert(ticket: 4, citizen: 0)   // no uniqueness check
/// ```
struct DayTable<Element> {
    private final class Owner {
        let memory: UnsafeMutablePointer<Element>
        let count: Int
        init(_ memory: UnsafeMutablePointer<Element>, _ count: Int) { self.memory = memory; self.count = count }
        deinit { memory.deinitialize(count: count); memory.deallocate() }
    }

    private let base: UnsafeMutablePointer<Element>
    let count: Int
    private let owner: Owner

    init(count: Int, _ make: (Int) -> Element) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        for i in 0..<count { (base + i).initialize(to: make(i)) }
        owner = Owner(base, count)
    }

    var indices: Range<Int> { 0..<count }

    @inline(__always) subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "DayTable index out of range")
            return UnsafePointer(base + i)
        }
        nonmutating unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "DayTable index out of range")
            return base + i
        }
    }
}
