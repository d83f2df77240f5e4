/// Time integrals of piecewise-constant levels (queue length, busy staff,
/// staff on duty, lobby occupancy) per unit and clock hour, accumulated over
/// every simulated day of a replication.
///
/// `area[unit * hours + h]` is level × milliseconds spent in clock hour h
/// (h = 9 is 09:00–10:00); dividing by days × 3 600 000 gives the mean level
/// in that hour. Hours past the last bucket (a very long test day) are folded
/// into it.
///
/// ```swift
/// var q = HourlyLevels(units: 1, hours: 24)
/// q.add(0, 2, at: SimTime.clock(9, 30).milliseconds)   // 2 waiting from 09:30
/// q.add(0, -2, at: SimTime.clock(10, 0).milliseconds)
/// q.area(0, hour: 9) / 3_600_000                        // 1.0 (mean level 09–10)
/// ```
///
/// Complexity: O(1) per change (plus one step per hour boundary crossed);
/// a change within the hour of the previous one costs one multiply-add.
struct HourlyLevels {
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

    mutating func merge(_ other: HourlyLevels) {
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
