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
/// How: all units share the day's clock, so one current hour serves them
/// all. A change adds `level × (now − last)` to the unit's bucket of that
/// hour. A change at or after the hour's end first folds every unit's level
/// up to the boundary into the hour that ends (once per hour crossed, about
/// ten times a day), so a unit's interval is split at the same boundaries,
/// into the same products, added to each bucket in the same order, as when
/// each unit split its own interval on its next change (the way this type
/// used to work; `HourlyLevelsTests` holds it to that, bit for bit). The
/// only extra terms are `±0.0` (a level of 0, an interval of no length),
/// which leave any sum but −0 unchanged, and a bucket, starting at +0 and
/// only ever gaining such terms or nonzero products, is never −0.
///
/// Times: changes come in non-decreasing time across all units (a day's
/// event clock), not before `startDay`'s start; `closeDay` is not before the
/// last change. Between days the clock restarts (`startDay`, `clear`).
///
/// Complexity: O(1) per change, one multiply-add into the bucket the unit
/// points at (no division, no index arithmetic);
/// O(units) per clock hour the day crosses.
struct HourlyLevels {
    /// The state of one unit, kept together so a change is one read and one write.
    struct Unit {
        /// The unit's bucket of the current hour, `area[unit * hours + hour]`
        /// (`area` never moves: it is never appended to), so a change needs
        /// no index arithmetic.
        var bucket: UnsafeMutablePointer<Double>
        var level = 0.0
        /// The time up to which `level` is in `area`: the last change, or
        /// the last hour boundary crossed since (read by the trace's
        /// `bucketArea`).
        var last: Int64 = 0
        /// The time of the last change. The level above capacity is
        /// integrated over a change's whole interval, unsplit: the rounding
        /// `over` always had.
        var changed: Int64 = 0
        /// Highest level reached (over the replication).
        var peak = 0.0
        /// Optional capacity and the integral of the level above it (lobby
        /// persons standing because every seat is taken), level × ms.
        var capacity = Double.infinity
        var over = 0.0
    }

    let units: Int
    let hours: Int
    // `DayBuffer`s: written in place (see its copy rule).
    private(set) var area: DayBuffer<Double>
    private(set) var state: DayBuffer<Unit>
    /// The bucket every unit is being integrated into, and the time it ends
    /// (`.max` for the last bucket, which takes every later time).
    private(set) var hour = 0
    private(set) var hourEnd: Int64 = 0

    init(units: Int, hours: Int) {
        precondition(hours >= 1, "HourlyLevels needs at least one hour")
        self.units = units; self.hours = hours
        area = DayBuffer(repeating: 0, count: units * hours)
        state = DayBuffer(repeating: Unit(bucket: area.base), count: units)
        setClock(0)
    }

    func peak(_ unit: Int) -> Double { state[unit].peak }
    func capacity(_ unit: Int) -> Double { state[unit].capacity }
    mutating func setCapacity(_ unit: Int, _ value: Double) { state[unit].capacity = value }

    @inline(__always) mutating func add(_ unit: Int, _ delta: Double, at now: Int64) {
        let u = state.ref(unit)  // checks `unit`
        assert(now >= u.pointee.changed, "HourlyLevels: time went back")
        if now >= hourEnd { crossHours(to: now) }
        let v = u.pointee.level
        u.pointee.bucket.pointee += v * Double(now &- u.pointee.last)
        u.pointee.last = now
        if v > u.pointee.capacity { addOver(u, v, to: now) }
        u.pointee.changed = now
        let level = v + delta
        u.pointee.level = level
        if level > u.pointee.peak { u.pointee.peak = level }
    }

    /// Integrates the level above capacity since the last change. The
    /// guards are the ones the per-unit integration had (no level, no time).
    @inline(never) private func addOver(_ u: UnsafeMutablePointer<Unit>, _ v: Double, to now: Int64) {
        let from = u.pointee.changed
        guard v != 0, now > from else { return }
        u.pointee.over += (v - u.pointee.capacity) * Double(now - from)
    }

    /// Folds every unit's level into the current hour up to its end, hour
    /// by hour, until the hour holding `now`.
    @inline(never) private mutating func crossHours(to now: Int64) {
        repeat {
            let end = hourEnd
            for i in 0..<units {
                let u = state.ref(i)
                u.pointee.bucket.pointee += u.pointee.level * Double(end - u.pointee.last)
                u.pointee.last = end
                u.pointee.bucket += 1  // hour < hours − 1 here: the last bucket never ends
            }
            hour += 1
            hourEnd = hour >= hours - 1 ? .max : end + 3_600_000
        } while now >= hourEnd
    }

    /// Points the clock, and every unit's `bucket`, at the hour holding time `t`.
    private mutating func setClock(_ t: Int64) {
        let h = Int(t / 3_600_000)
        if h >= hours - 1 {
            hour = hours - 1; hourEnd = .max
        } else {
            hour = Swift.max(h, 0); hourEnd = Int64(hour + 1) * 3_600_000
        }
        for i in 0..<units { state[i].bucket = area.base + (i * hours + hour) }
    }

    /// Starts a new day: every level must be back to 0 (asserted), clocks go to `start`.
    mutating func startDay(at start: Int64) {
        for i in 0..<units {
            assert(abs(state[i].level) < 1e-9, "level \(i) did not return to 0 by the end of the day")
            state[i].level = 0
            state[i].last = start
            state[i].changed = start
        }
        setClock(start)
    }

    /// Closes every unit's integral at `now` (the end of a day, not before its last change).
    mutating func closeDay(at now: Int64) {
        for i in 0..<units { precondition(now >= state[i].changed, "HourlyLevels: day closed before its last change") }
        if now >= hourEnd { crossHours(to: now) }
        for i in 0..<units {
            let u = state.ref(i)
            let v = u.pointee.level
            u.pointee.bucket.pointee += v * Double(now - u.pointee.last)
            u.pointee.last = now
            if v > u.pointee.capacity { addOver(u, v, to: now) }
            u.pointee.changed = now
        }
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

    /// Zeroes everything but the capacities; the clock goes back to midnight.
    mutating func clear() {
        for i in area.indices { area[i] = 0 }
        for i in 0..<units { state[i] = Unit(bucket: area.base, capacity: state[i].capacity) }
        setClock(0)
    }
}
