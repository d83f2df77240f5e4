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
/// q.area[9] / 3_600_000                                 // 1.0 (mean level 09–10)
/// ```
///
/// Complexity: O(1) per change (plus one step per hour boundary crossed).
struct HourlyLevels: Sendable {
    let units: Int
    let hours: Int
    private(set) var area: [Double]
    private(set) var level: [Double]
    private(set) var last: [Int64]
    /// Highest level reached (over the replication).
    private(set) var peak: [Double]
    /// Optional capacity per unit and the integral of the level above it
    /// (lobby persons standing because every seat is taken).
    var capacity: [Double]
    private(set) var over: [Double]

    init(units: Int, hours: Int) {
        self.units = units; self.hours = hours
        area = Array(repeating: 0, count: units * hours)
        level = Array(repeating: 0, count: units)
        last = Array(repeating: 0, count: units)
        peak = Array(repeating: 0, count: units)
        capacity = Array(repeating: .infinity, count: units)
        over = Array(repeating: 0, count: units)
    }

    @inline(__always) mutating func add(_ unit: Int, _ delta: Double, at now: Int64) {
        integrate(unit, to: now)
        let v = level[unit] + delta
        level[unit] = v
        if v > peak[unit] { peak[unit] = v }
    }

    @inline(__always) mutating func integrate(_ unit: Int, to now: Int64) {
        let from = last[unit]
        let v = level[unit]
        last[unit] = now
        guard v != 0, now > from else { return }
        let cap = capacity[unit]
        if v > cap { over[unit] += (v - cap) * Double(now - from) }
        var h = Int(from / 3_600_000)
        let base = unit * hours
        if h >= hours - 1 { area[base + hours - 1] += v * Double(now - from); return }
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
        for u in 0..<units {
            assert(abs(level[u]) < 1e-9, "level \(u) did not return to 0 by the end of the day")
            level[u] = 0
            last[u] = start
        }
    }

    /// Closes every unit's integral at `now` (the end of a day).
    mutating func closeDay(at now: Int64) {
        for u in 0..<units { integrate(u, to: Swift.max(now, last[u])) }
    }

    func areaTotal(_ unit: Int) -> Double {
        var s = 0.0
        for h in 0..<hours { s += area[unit * hours + h] }
        return s
    }

    func area(_ unit: Int, hour: Int) -> Double { area[unit * hours + hour] }
    func overArea(_ unit: Int) -> Double { over[unit] }

    mutating func merge(_ other: HourlyLevels) {
        precondition(units == other.units && hours == other.hours)
        for i in area.indices { area[i] += other.area[i] }
        for u in 0..<units { peak[u] = Swift.max(peak[u], other.peak[u]); over[u] += other.over[u] }
    }

    mutating func clear() {
        for i in area.indices { area[i] = 0 }
        for u in 0..<units { level[u] = 0; last[u] = 0; peak[u] = 0; over[u] = 0 }
    }
}
