/// A double-ended queue in a power-of-two ring of inline elements.
///
/// Grows by doubling when full and never shrinks, so once it has reached the
/// longest line of a run, `append` and the removals allocate nothing.
///
/// ```swift
/// var line = Ring(filler: 0)
/// line.append(1); line.append(2)
/// line.removeFirst()   // 1
/// line.removeLast()    // 2
/// ```
///
/// Complexity: O(1) for every operation (amortised for `append`).
@usableFromInline
struct Ring<Element> {
    @usableFromInline var storage: [Element]
    @usableFromInline var head = 0
    @usableFromInline var count = 0
    @usableFromInline let filler: Element

    /// `filler` occupies unused cells (the ring never reads them).
    @usableFromInline init(filler: Element, capacity: Int = 64) {
        var size = 1
        while size < capacity { size <<= 1 }
        self.filler = filler
        storage = Array(repeating: filler, count: size)
    }

    @inlinable var isEmpty: Bool { count == 0 }

    @inlinable mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = element
        count += 1
    }

    @inlinable mutating func removeFirst() -> Element {
        precondition(count > 0, "removeFirst from an empty ring")
        let element = storage[head]
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return element
    }

    @inlinable mutating func removeLast() -> Element {
        precondition(count > 0, "removeLast from an empty ring")
        count -= 1
        return storage[(head + count) & (storage.count - 1)]
    }

    /// Doubles the capacity, unrolling the ring so it starts at index 0.
    @usableFromInline mutating func grow() {
        var bigger = Array(repeating: filler, count: storage.count * 2)
        for i in 0..<count { bigger[i] = storage[(head + i) & (storage.count - 1)] }
        storage = bigger
        head = 0
    }
}
