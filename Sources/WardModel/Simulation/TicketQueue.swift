/// The tickets waiting at one counter queue, kept in ticket order.
///
/// Entries pack (ticket, citizen) into one `UInt64`, so ordering is integer
/// comparison and the storage is one flat buffer reused across days (a
/// `DayBuffer`: see its copy rule). Almost
/// every insertion is a new, highest ticket (an append); a citizen returning
/// from the back office or another section keeps their old, lower number and
/// is inserted by binary search — the "one ticket through several sections"
/// rule of integrated counters.
///
/// ```swift
/// var q = TicketQueue()
/// q.insert(ticket: 7, citizen: 3)
/// q.insert(ticket: 2, citizen: 9)   // returns from the back office: goes first
/// q.citizen(at: q.startIndex)       // 9
/// ```
///
/// Complexity: append O(1); middle insert and removal O(n) memmove of 8-byte
/// entries (queues are tens long); popping the head O(1).
struct TicketQueue {
    private(set) var items = DayBuffer<UInt64>()
    private(set) var head = 0

    var count: Int { items.count - head }
    var isEmpty: Bool { items.count == head }
    var startIndex: Int { head }
    var endIndex: Int { items.count }

    @inline(__always) static func pack(ticket: Int32, citizen: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: ticket)) << 32 | UInt64(UInt32(bitPattern: citizen))
    }

    @inline(__always) func citizen(at i: Int) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: items[i])) }
    @inline(__always) func ticket(at i: Int) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: items[i] >> 32)) }

    mutating func insert(ticket: Int32, citizen: Int32) {
        let e = TicketQueue.pack(ticket: ticket, citizen: citizen)
        if head == items.count || items[items.count - 1] < e { items.append(e); return }
        var lo = head, hi = items.count
        while lo < hi { let mid = (lo + hi) >> 1; if items[mid] < e { lo = mid + 1 } else { hi = mid } }
        items.insert(e, at: lo)
    }

    mutating func remove(at i: Int) {
        if i == head {
            head += 1
            if head == items.count { items.removeAll(); head = 0 }
            else if head >= 4_096 && head * 2 >= items.count { items.removeFirst(head); head = 0 }
        } else {
            items.remove(at: i)
        }
    }

    mutating func removeAll() { items.removeAll(); head = 0 }
}

/// First-in-first-out list of indices (online applications), reused across days.
struct FIFOList {
    private(set) var items = DayBuffer<Int32>()
    private(set) var head = 0
    var count: Int { items.count - head }
    var isEmpty: Bool { items.count == head }
    var startIndex: Int { head }
    var endIndex: Int { items.count }
    subscript(i: Int) -> Int32 { items[i] }
    mutating func append(_ x: Int32) { items.append(x) }
    mutating func remove(at i: Int) {
        if i == head { head += 1; if head == items.count { removeAll() } } else { items.remove(at: i) }
    }
    mutating func removeAll() { items.removeAll(); head = 0 }
}
