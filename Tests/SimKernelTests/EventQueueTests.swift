import Testing
@testable import SimKernel

@Suite("EventQueue")
struct EventQueueTests {
    struct Key: Comparable {
        var time: Int64, priority: UInt8, sequence: Int
        static func < (a: Key, b: Key) -> Bool { (a.time, a.priority, a.sequence) < (b.time, b.priority, b.sequence) }
    }

    /// The order the queue must follow, kept the slow, obvious way: an
    /// unsorted list searched for its (time, priority, sequence) minimum.
    struct Reference {
        var pending: [Key] = []
        var sequence = 0
        /// Pushes to both and returns the event's sequence number.
        mutating func push(into queue: inout EventQueue<Int>, time: Int64, priority: EventPriority) {
            queue.push(sequence, at: .milliseconds(time), priority: priority)
            pending.append(Key(time: time, priority: priority.rawValue, sequence: sequence))
            sequence += 1
        }
        mutating func popMin() -> Key? {
            guard let i = pending.indices.min(by: { pending[$0] < pending[$1] }) else { return nil }
            return pending.remove(at: i)
        }
        var nextTime: Int64? { pending.min()?.time }
    }

    /// Count, next time and heap shape agree with the reference.
    static func agrees(_ q: EventQueue<Int>, _ r: Reference) -> Bool {
        q.count == r.pending.count && q.isEmpty == r.pending.isEmpty
            && q.nextTime?.milliseconds == r.nextTime && q.isValidHeap()
    }

    /// Few times and priority classes, so that most keys tie on time and
    /// many on (time, priority): the sequence must decide.
    static let classes: [EventPriority] = [.first, .normal, .last]

    @Test("every size 1…24, growing from capacity 4: drains in (time, priority, sequence) order",
          arguments: 1...24)
    func drainEverySize(size: Int) throws {
        for seed in 0..<8 as Range<UInt64> {
            var rng = RandomStream(seed: seed, stream: "sizes.\(size)")
            var q = EventQueue<Int>(minimumCapacity: 1), r = Reference()
            for _ in 0..<size {
                r.push(into: &q, time: Int64(rng.nextInt(below: 3)), priority: Self.classes[rng.nextInt(below: 3)])
            }
            #expect(Self.agrees(q, r), "size \(size), seed \(seed): after pushes")
            let want = r.pending.sorted().map(\.sequence)
            var got: [Int] = []
            while let (_, e) = q.popMin() {
                got.append(e)
                try #require(q.isValidHeap(), "size \(size), seed \(seed): heap broken after \(got.count) pops")
            }
            #expect(got == want, "size \(size), seed \(seed): popped \(got), expected \(want)")
        }
    }

    @Test("engine pattern at every size 1…24: deferred pop, then 0–2 pushes, against the reference",
          arguments: 1...24)
    func deferredEverySize(size: Int) throws {
        for seed in 0..<4 as Range<UInt64> {
            var rng = RandomStream(seed: seed, stream: "engine.\(size)")
            var q = EventQueue<Int>(minimumCapacity: 1), r = Reference()
            var now: Int64 = 0
            for _ in 0..<size {
                r.push(into: &q, time: Int64(rng.nextInt(below: 3)), priority: Self.classes[rng.nextInt(below: 3)])
            }
            // Hold the size near `size`: as many pushes as pops on average.
            for step in 0..<400 {
                let popped = q.popMinDeferred(notAfter: .distantFuture), want = r.popMin()
                try #require(popped?.event == want?.sequence && popped?.time.milliseconds == want?.time,
                        "size \(size), seed \(seed), step \(step): popped \(String(describing: popped)), expected \(String(describing: want))")
                guard let want else { break }
                now = want.time
                let pushes = r.pending.count < size ? 1 + rng.nextInt(below: 2) : rng.nextInt(below: 2)
                for _ in 0..<pushes {
                    r.push(into: &q, time: now + Int64(rng.nextInt(below: 3)), priority: Self.classes[rng.nextInt(below: 3)])
                }
                try #require(Self.agrees(q, r), "size \(size), seed \(seed), step \(step)")
            }
            q.settle()
            #expect(Self.agrees(q, r))
            while let (_, e) = q.popMin() { #expect(e == r.popMin()?.sequence) }
            #expect(r.pending.isEmpty)
        }
    }

    @Test("interleaved pushes, pops, deferred pops and bounded pops, sizes wandering over 0…21",
          arguments: [11, 12, 13] as [UInt64])
    func interleavedSmallSizes(seed: UInt64) throws {
        var rng = RandomStream(seed: seed, stream: "interleaved")
        var q = EventQueue<Int>(minimumCapacity: 2), r = Reference()
        var pops = 0
        for step in 0..<30_000 {
            let n = r.pending.count
            // Push more often when small, pop more often when large, so the
            // size keeps crossing every level boundary of a 4-ary heap (1, 5, 21).
            let op = n == 0 ? 0 : n >= 21 ? 1 + rng.nextInt(below: 3) : rng.nextInt(below: 2) == 0 ? 0 : 1 + rng.nextInt(below: 3)
            switch op {
            case 0:
                r.push(into: &q, time: Int64(rng.nextInt(below: 6)), priority: Self.classes[rng.nextInt(below: 3)])
            case 1:
                let popped = q.popMin(), want = r.popMin()
                try #require(popped?.event == want?.sequence && popped?.time.milliseconds == want?.time, "step \(step): popMin")
                pops += 1
            case 2:
                let popped = q.popMinDeferred(notAfter: .distantFuture), want = r.popMin()
                try #require(popped?.event == want?.sequence && popped?.time.milliseconds == want?.time, "step \(step): deferred")
                pops += 1
            default:
                // Due by a random time: pops exactly when the reference's minimum is due.
                let end = Int64(rng.nextInt(below: 6))
                let popped = q.popMin(notAfter: .milliseconds(end))
                let want = r.nextTime.map { $0 <= end } == true ? r.popMin() : nil
                try #require(popped?.event == want?.sequence && popped?.time.milliseconds == want?.time, "step \(step): notAfter \(end)")
                if want != nil { pops += 1 }
            }
            try #require(Self.agrees(q, r), "step \(step): count \(q.count) vs \(r.pending.count)")
        }
        #expect(pops > 10_000, "too few pops to mean anything: \(pops)")
    }

    @Test("copy-on-write around a deferred pop: a copy made before or after it stays independent")
    func copiesAroundDeferredPop() {
        var q = EventQueue<Int>(minimumCapacity: 4), r = Reference()
        for i in 0..<9 { r.push(into: &q, time: Int64(i % 3), priority: .normal) }
        // Copy first, then a deferred pop and a push on the original only.
        let before = q, beforeRef = r
        _ = q.popMinDeferred(notAfter: .distantFuture); _ = r.popMin()
        r.push(into: &q, time: 1, priority: .first)
        // Copy with a stale root, then push on the copy only.
        _ = q.popMinDeferred(notAfter: .distantFuture); _ = r.popMin()
        var after = q, afterRef = r
        afterRef.push(into: &after, time: 0, priority: .last)
        for (queue, reference) in [(before, beforeRef), (q, r), (after, afterRef)] {
            var queue = queue, reference = reference
            #expect(Self.agrees(queue, reference))
            var got: [Int] = []
            while let (_, e) = queue.popMin() { got.append(e) }
            #expect(got == reference.pending.sorted().map(\.sequence))
        }
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
