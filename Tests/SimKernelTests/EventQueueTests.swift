import Testing
@testable import SimKernel

@Suite("EventQueue")
struct EventQueueTests {
    struct Key: Comparable {
        var time: Int64, priority: UInt8, sequence: Int
        static func < (a: Key, b: Key) -> Bool { (a.time, a.priority, a.sequence) < (b.time, b.priority, b.sequence) }
    }

    @Test("random pushes and pops match a sorted reference", arguments: [1, 2, 3] as [UInt64])
    func againstReference(seed: UInt64) {
        var rng = RandomStream(seed: seed, stream: "queue")
        var queue = EventQueue<Int>(minimumCapacity: 4)
        var reference: [Key] = []
        var sequence = 0
        let priorities: [EventPriority] = [.first, .normal, .last, EventPriority(7)]
        for _ in 0..<20_000 {
            if rng.nextInt(below: 5) < 3 {
                // Few distinct times so that ties are common.
                let time = Int64(rng.nextInt(below: 50)), priority = priorities[rng.nextInt(below: priorities.count)]
                queue.push(sequence, at: .milliseconds(time), priority: priority)
                reference.append(Key(time: time, priority: priority.rawValue, sequence: sequence))
                sequence += 1
            } else {
                let popped = queue.popMin()
                if let i = reference.indices.min(by: { reference[$0] < reference[$1] }) {
                    let want = reference.remove(at: i)
                    #expect(popped?.event == want.sequence && popped?.time.milliseconds == want.time)
                } else {
                    #expect(popped == nil)
                }
            }
            #expect(queue.count == reference.count)
            #expect(queue.nextTime?.milliseconds == reference.min()?.time)
        }
        #expect(queue.isValidHeap())
        let rest = reference.sorted().map(\.sequence)
        var drained: [Int] = []
        while let (_, e) = queue.popMin() {
            drained.append(e)
            if drained.count % 97 == 0 { #expect(queue.isValidHeap()) }
        }
        #expect(drained == rest)
    }

    @Test("equal time and priority: first in, first out")
    func fifo() {
        var q = EventQueue<Int>()
        for i in 0..<1_000 { q.push(i, at: .minutes(5)) }
        var out: [Int] = []
        while let (_, e) = q.popMin() { out.append(e) }
        #expect(out == Array(0..<1_000))
    }

    @Test("priority classes order events at the same time; time comes first")
    func priorities() {
        var q = EventQueue<String>()
        q.push("arrival", at: .clock(12, 0))
        q.push("late", at: .clock(12, 0), priority: .last)
        q.push("shift ends", at: .clock(12, 0), priority: .first)
        q.push("earlier, last class", at: .clock(11, 59), priority: .last)
        q.push("second arrival", at: .clock(12, 0))
        var out: [String] = []
        while let (_, e) = q.popMin() { out.append(e) }
        #expect(out == ["earlier, last class", "shift ends", "arrival", "second arrival", "late"])
    }

    @Test("heap invariant holds after every operation; removeAll empties")
    func invariant() {
        var rng = RandomStream(seed: 4)
        var q = EventQueue<Int>()
        for i in 0..<2_000 {
            q.push(i, at: .milliseconds(Int64(rng.nextInt(below: 1_000_000))))
            #expect(q.isValidHeap())
            if i % 3 == 0 { _ = q.popMin(); #expect(q.isValidHeap()) }
        }
        q.removeAll()
        #expect(q.isEmpty && q.popMin() == nil && q.nextTime == nil)
    }

    @Test("popMin(notAfter:) pops only events due by then, in order")
    func popNotAfter() {
        var q = EventQueue<Int>()
        for (i, t) in [30, 10, 20, 10, 40].enumerated() { q.push(i, at: .milliseconds(Int64(t))) }
        var out: [Int] = []
        while let (_, e) = q.popMin(notAfter: .milliseconds(20)) { out.append(e) }
        #expect(out == [1, 3, 2])
        #expect(q.count == 2 && q.nextTime?.milliseconds == 30 && q.isValidHeap())
        #expect(q.popMin(notAfter: .milliseconds(29)) == nil && q.count == 2)
    }

    @Test("deferred pops (engine path) give the same order, counts and next times as plain pops", arguments: [5, 6] as [UInt64])
    func deferredPops(seed: UInt64) {
        var rng = RandomStream(seed: seed, stream: "deferred")
        var plain = EventQueue<Int>(minimumCapacity: 4), lazy = EventQueue<Int>(minimumCapacity: 4)
        var now: Int64 = 0
        for i in 0..<20_000 {
            switch rng.nextInt(below: 6) {
            case 0, 1, 2:  // schedule, at most 20 ms ahead so that ties are common
                let t = now + Int64(rng.nextInt(below: 20)), p = EventPriority(UInt8(rng.nextInt(below: 3) * 64))
                plain.push(i, at: .milliseconds(t), priority: p); lazy.push(i, at: .milliseconds(t), priority: p)
            case 3, 4:
                let a = plain.popMin(), b = lazy.popMinDeferred(notAfter: .distantFuture)
                #expect(a?.event == b?.event && a?.time == b?.time)
                if let a { now = a.time.milliseconds }
            default:
                let a = plain.popMin(), b = lazy.popMin()
                #expect(a?.event == b?.event && a?.time == b?.time)
                if let a { now = a.time.milliseconds }
            }
            #expect(plain.count == lazy.count && plain.nextTime == lazy.nextTime && lazy.isValidHeap())
        }
        lazy.settle()
        #expect(lazy.isValidHeap() && lazy.count == plain.count)
        var copy = lazy   // copy-on-write with a stale root
        _ = copy.popMinDeferred(notAfter: .distantFuture)
        copy.push(-1, at: .milliseconds(now))
        while let (_, e) = plain.popMin() { #expect(lazy.popMin()?.event == e) }
        #expect(lazy.popMin() == nil)
    }
}
