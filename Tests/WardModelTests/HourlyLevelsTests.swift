import SimKernel
import Testing
@testable import WardModel

/// `HourlyLevels` integrates all units into one shared clock hour and folds
/// every unit's level into its bucket when the day crosses an hour. These
/// tests hold it to the straightforward algorithm it replaced (`Reference`:
/// each unit keeps its own hour and splits its own interval at the hour
/// boundaries when it changes), value for value, bit for bit: the golden day
/// pins one day, these pin the arithmetic on many random change sequences.
@Suite("Hourly levels")
struct HourlyLevelsTests {
    /// The per-unit algorithm `HourlyLevels` had before (each unit caches
    /// its own hour and splits its own interval at hour boundaries), kept
    /// verbatim, plus the trace's `bucketArea` reader on its state.
    struct Reference {
        /// The state of one unit, kept together so a change is one read and one write.
        struct Unit {
            var level = 0.0
            var last: Int64 = 0
            /// Highest level reached (over the replication).
            var peak = 0.0
            /// Optional capacity and the integral of the level above it (lobby
            /// persons standing because every seat is taken), level × ms.
            var capacity = Double.infinity
            var over = 0.0
            /// The clock hour (bucket) of `last` and the times it spans, so that a
            /// change in the same hour needs no division.
            var hour = 0
            var hourStart: Int64 = 0
            var hourEnd: Int64 = 3_600_000

            /// Points `hour…` at the bucket holding time `t` (the last bucket takes every later hour).
            @inline(__always) mutating func setHour(of t: Int64, hours: Int) {
                let h = Int(t / 3_600_000)
                if h >= hours - 1 {
                    hour = hours - 1; hourStart = Int64(hours - 1) * 3_600_000; hourEnd = .max
                } else {
                    hour = h; hourStart = Int64(h) * 3_600_000; hourEnd = hourStart + 3_600_000
                }
            }
        }

        let units: Int
        let hours: Int
        // `DayBuffer`s: written in place (see its copy rule).
        private(set) var area: DayBuffer<Double>
        private(set) var state: DayBuffer<Unit>

        init(units: Int, hours: Int) {
            self.units = units; self.hours = hours
            area = DayBuffer(repeating: 0, count: units * hours)
            var u = Unit()
            u.setHour(of: 0, hours: hours)
            state = DayBuffer(repeating: u, count: units)
        }

        func peak(_ unit: Int) -> Double { state[unit].peak }
        func capacity(_ unit: Int) -> Double { state[unit].capacity }
        mutating func setCapacity(_ unit: Int, _ value: Double) { state[unit].capacity = value }

        @inline(__always) mutating func add(_ unit: Int, _ delta: Double, at now: Int64) {
            let u = state.ref(unit)
            integrate(u, unit, to: now)
            u.pointee.level += delta
            if u.pointee.level > u.pointee.peak { u.pointee.peak = u.pointee.level }
        }

        @inline(__always) private func integrate(_ u: UnsafeMutablePointer<Unit>, _ unit: Int, to now: Int64) {
            let from = u.pointee.last
            let v = u.pointee.level
            u.pointee.last = now
            let sameHour = now < u.pointee.hourEnd && now >= u.pointee.hourStart
            let hour = u.pointee.hour
            if !sameHour { u.pointee.setHour(of: now, hours: hours) }
            guard v != 0, now > from else { return }
            if v > u.pointee.capacity { u.pointee.over += (v - u.pointee.capacity) * Double(now - from) }
            let base = unit * hours
            if sameHour { area[base + hour] += v * Double(now - from); return }
            var h = Int(from / 3_600_000)
            let hEnd = Int(now / 3_600_000)
            if h == hEnd || h >= hours - 1 { area[base + min(h, hours - 1)] += v * Double(now - from); return }
            var t = from
            while t < now {
                let boundary = h >= hours - 1 ? now : Swift.min(now, Int64(h + 1) * 3_600_000)
                area[base + h] += v * Double(boundary - t)
                t = boundary
                h = Swift.min(h + 1, hours - 1)
            }
        }

        /// Starts a new day: every level must be back to 0 (asserted), clocks go to `start`.
        mutating func startDay(at start: Int64) {
            for i in 0..<units {
                assert(abs(state[i].level) < 1e-9, "level \(i) did not return to 0 by the end of the day")
                state[i].level = 0
                state[i].last = start
                state[i].setHour(of: start, hours: hours)
            }
        }

        /// Closes every unit's integral at `now` (the end of a day).
        mutating func closeDay(at now: Int64) {
            for i in 0..<units { integrate(state.ref(i), i, to: Swift.max(now, state[i].last)) }
        }

        func areaTotal(_ unit: Int) -> Double {
            var s = 0.0
            for h in 0..<hours { s += area[unit * hours + h] }
            return s
        }

        func area(_ unit: Int, hour: Int) -> Double { area[unit * hours + hour] }
        /// Person-minutes above capacity.
        func overArea(_ unit: Int) -> Double { state[unit].over }

        mutating func merge(_ other: Reference) {
            precondition(units == other.units && hours == other.hours)
            for i in area.indices { area[i] += other.area[i] }
            for i in 0..<units {
                state[i].peak = Swift.max(state[i].peak, other.state[i].peak)
                state[i].over += other.state[i].over
            }
        }

        /// Zeroes everything but the capacities.
        mutating func clear() {
            for i in area.indices { area[i] = 0 }
            for i in 0..<units {
                var u = Unit(capacity: state[i].capacity)
                u.setHour(of: 0, hours: hours)
                state[i] = u
            }
        }
    }

    static let hour: Int64 = 3_600_000

    /// Every value either side can report, compared by bit pattern; the
    /// first difference, or nil.
    static func mismatch(_ new: HourlyLevels, _ ref: Reference) -> String? {
        for u in 0..<ref.units {
            for h in 0..<ref.hours where new.area(u, hour: h).bitPattern != ref.area(u, hour: h).bitPattern {
                return "area unit \(u) hour \(h): \(new.area(u, hour: h)) vs reference \(ref.area(u, hour: h))"
            }
            if new.areaTotal(u).bitPattern != ref.areaTotal(u).bitPattern {
                return "areaTotal unit \(u): \(new.areaTotal(u)) vs reference \(ref.areaTotal(u))"
            }
            if new.peak(u).bitPattern != ref.peak(u).bitPattern { return "peak unit \(u): \(new.peak(u)) vs reference \(ref.peak(u))" }
            if new.overArea(u).bitPattern != ref.overArea(u).bitPattern {
                return "over unit \(u): \(new.overArea(u)) vs reference \(ref.overArea(u))"
            }
            if new.capacity(u).bitPattern != ref.capacity(u).bitPattern { return "capacity unit \(u)" }
        }
        return nil
    }

    /// A level change: mostly deltas whose sums round (tenths, thirds), so
    /// that a product added to another bucket, or in another order, shows.
    static func delta(_ r: inout RandomStream) -> Double {
        switch r.nextInt(below: 5) {
        case 0: return 1
        case 1: return -1
        case 2: return Double(r.nextInt(below: 7) - 3) / 3
        case 3: return Double(r.nextInt(below: 21) - 10) / 10
        default: return (r.nextUniform() - 0.4) * 5
        }
    }

    /// The next change time: often the same instant, often a few minutes on,
    /// else exactly the next hour boundary or one several hours on, one
    /// millisecond either side of a boundary, or a gap of hours.
    static func next(after t: Int64, _ r: inout RandomStream) -> Int64 {
        let nextHour = (t / hour + 1) * hour
        switch r.nextInt(below: 10) {
        case 0, 1: return t
        case 2, 3, 4: return t + Int64(r.nextInt(below: 600_000))
        case 5: return nextHour
        case 6: return nextHour + Int64(r.nextInt(below: 4)) * hour
        case 7: return t + Int64(r.nextInt(below: 4 * 3_600_000))
        case 8: return nextHour - 1
        default: return nextHour + 1
        }
    }

    /// One random history on both: days of changes (some running past the
    /// last bucket, levels going negative too), each emptied, closed and
    /// restarted; capacities set between days; the trace's mid-day reads.
    static func run(seed: UInt64) -> String? {
        var r = RandomStream(seed: seed, stream: "hourly-levels")
        let units = 1 + r.nextInt(below: 5)
        let hours = [1, 2, 3, 5, 24, 30][r.nextInt(below: 6)]
        var new = HourlyLevels(units: units, hours: hours)
        var ref = Reference(units: units, hours: hours)
        func setCapacities() {
            for u in 0..<units where r.nextInt(below: 2) == 0 {
                let c = r.nextInt(below: 3) == 0 ? Double.infinity : Double(r.nextInt(below: 4)) + 0.5 * Double(r.nextInt(below: 2))
                new.setCapacity(u, c); ref.setCapacity(u, c)
            }
        }
        setCapacities()
        for day in 0..<(1 + r.nextInt(below: 4)) {
            // A day starts at midnight or later (the model: 0); the first may
            // also run without `startDay`, as on a new accumulator.
            var t: Int64 = Int64(r.nextInt(below: 3)) * hour + Int64(r.nextInt(below: 3)) * 1_000
            if day > 0 || r.nextInt(below: 2) == 0 { new.startDay(at: t); ref.startDay(at: t) } else { t = 0 }
            for _ in 0..<r.nextInt(below: 120) {
                t = next(after: t, &r)
                let u = r.nextInt(below: units), d = delta(&r)
                new.add(u, d, at: t); ref.add(u, d, at: t)
                if r.nextInt(below: 8) == 0 {
                    // The trace reads every bucket at or after the last change.
                    let at = t + Int64(r.nextInt(below: 3)) * Int64(r.nextInt(below: 2_000_000))
                    for v in 0..<units {
                        for h in 0..<hours {
                            let a = new.bucketArea(v, hour: h, upTo: at), b = ref.bucketArea(v, hour: h, upTo: at)
                            if a.bitPattern != b.bitPattern {
                                return "seed \(seed) day \(day): bucketArea unit \(v) hour \(h) at \(at): \(a) vs reference \(b)"
                            }
                        }
                    }
                }
            }
            // The model empties every level (exactly) at the end of the day, then closes it.
            t = next(after: t, &r)
            for u in 0..<units where ref.state[u].level != 0 {
                let d = -ref.state[u].level
                new.add(u, d, at: t); ref.add(u, d, at: t)
            }
            let end = r.nextInt(below: 2) == 0 ? t : next(after: t, &r)
            new.closeDay(at: end); ref.closeDay(at: end)
            if let m = mismatch(new, ref) { return "seed \(seed) day \(day) (\(units) units, \(hours) hours): \(m)" }
            if r.nextInt(below: 3) == 0 { setCapacities() }
        }
        return nil
    }

    @Test("Random change sequences give the reference's every area, peak and over value, bit for bit")
    func matchesReference() {
        var failures: [String] = []
        for seed in UInt64(0)..<10_000 {
            if let m = Self.run(seed: seed) { failures.append(m) }
        }
        #expect(failures.isEmpty, "\(failures.count) of 10 000 histories differ; first: \(failures.prefix(3))")
    }

    @Test("Changes exactly at hour boundaries, a gap of hours, a day past the last bucket")
    func boundaries() {
        var new = HourlyLevels(units: 2, hours: 3)
        var ref = Reference(units: 2, hours: 3)
        let h = Self.hour
        let changes: [(Int, Double, Int64)] = [
            (0, 0.1, 0), (1, 1.0 / 3, h - 1), (0, 0.7, h), (1, -1.0 / 3, h), (0, 0.2, h),  // at a boundary
            (1, 2.3, h + 5), (0, -1, 3 * h + 7),                                             // hours on, into the last bucket
            (1, 0.1, 5 * h), (1, -2.4, 9 * h + 1),                                           // past it
        ]
        for (u, d, t) in changes { new.add(u, d, at: t); ref.add(u, d, at: t) }
        new.closeDay(at: 10 * h); ref.closeDay(at: 10 * h)
        #expect(Self.mismatch(new, ref) == nil, "\(Self.mismatch(new, ref) ?? "")")
        #expect(new.area(0, hour: 0) == 0.1 * Double(h))
        #expect(new.area(0, hour: 1) == (0.1 + 0.7 + 0.2) * Double(h))
        #expect(new.area(1, hour: 0) == 1.0 / 3)
        #expect(new.area(1, hour: 1) == 2.3 * Double(h - 5))
    }

    @Test("Capacity: the level above it is integrated over each change's whole interval")
    func overCapacity() {
        var new = HourlyLevels(units: 1, hours: 24)
        var ref = Reference(units: 1, hours: 24)
        new.setCapacity(0, 2); ref.setCapacity(0, 2)
        let h = Self.hour
        for (d, t) in [(3.1, 9 * h + 17), (0.3, 9 * h + 1_000), (-1.1, 12 * h + 333), (-2.3, 13 * h)] as [(Double, Int64)] {
            new.add(0, d, at: t); ref.add(0, d, at: t)
        }
        new.closeDay(at: 13 * h); ref.closeDay(at: 13 * h)
        #expect(Self.mismatch(new, ref) == nil, "\(Self.mismatch(new, ref) ?? "")")
        var over = 0.0
        over += (3.1 - 2) * 983
        over += (3.1 + 0.3 - 2) * Double(3 * h - 667)
        over += (3.1 + 0.3 - 1.1 - 2) * Double(h - 333)
        #expect(new.overArea(0) == over)
    }

    @Test("merge adds two histories; clear starts afresh at midnight, keeping capacities")
    func mergeAndClear() {
        func history(_ seed: UInt64) -> (HourlyLevels, Reference) {
            var r = RandomStream(seed: seed, stream: "merge")
            var new = HourlyLevels(units: 3, hours: 24), ref = Reference(units: 3, hours: 24)
            new.setCapacity(1, 1.5); ref.setCapacity(1, 1.5)
            var t: Int64 = 0
            for _ in 0..<200 {
                t = Self.next(after: t, &r)
                let u = r.nextInt(below: 3), d = Self.delta(&r)
                new.add(u, d, at: t); ref.add(u, d, at: t)
            }
            new.closeDay(at: t + 1); ref.closeDay(at: t + 1)
            return (new, ref)
        }
        var (a, ra) = history(1)
        let (b, rb) = history(2)
        a.merge(b); ra.merge(rb)
        #expect(Self.mismatch(a, ra) == nil, "\(Self.mismatch(a, ra) ?? "")")
        a.clear(); ra.clear()
        #expect(Self.mismatch(a, ra) == nil, "\(Self.mismatch(a, ra) ?? "")")
        #expect(a.capacity(1) == 1.5 && a.areaTotal(0) == 0 && a.peak(2) == 0 && a.overArea(1) == 0)
        // The clock is back at midnight: a day runs as on a new accumulator.
        let h = Self.hour
        for (u, d, t) in [(1, 2.2, 30), (1, 0.1, 9 * h + 5), (1, -2.3, 11 * h + 7)] as [(Int, Double, Int64)] {
            a.add(u, d, at: t); ra.add(u, d, at: t)
        }
        a.closeDay(at: 12 * h); ra.closeDay(at: 12 * h)
        #expect(Self.mismatch(a, ra) == nil, "\(Self.mismatch(a, ra) ?? "")")
        #expect(a.area(1, hour: 0) == 2.2 * Double(h - 30))
    }
}

extension HourlyLevelsTests.Reference {
    /// The trace's `HourlyLevels.bucketArea` as it was, on this state.
    func bucketArea(_ unit: Int, hour: Int, upTo t: Int64) -> Double {
        let u = state[unit]
        var a = area[unit * hours + hour]
        if u.level != 0 && t > u.last {
            let lo = Int64(hour) * 3_600_000
            let hi = hour >= hours - 1 ? Int64.max : Int64(hour + 1) * 3_600_000
            let from = max(u.last, lo), to = min(t, hi)
            if to > from { a += u.level * Double(to - from) }
        }
        return a
    }
}
