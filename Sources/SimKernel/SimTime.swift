/// A point in simulated time, or a span of it, as whole milliseconds.
///
/// Integer time keeps event order exact: a shift change written as `12:00`
/// happens at exactly 43 200 000 ms, never a float hair before or after a
/// citizen arriving "at noon".
///
/// ```swift
/// let open = SimTime.clock(8, 30)          // 08:30
/// let service = SimTime.minutes(4.5)       // 4 min 30 s
/// (open + service).description             // "08:34:30"
/// ```
public struct SimTime: Hashable, Comparable, Sendable {
    /// Milliseconds since the start of the simulated day (or of the run).
    public var milliseconds: Int64

    @inlinable public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static let zero = SimTime(milliseconds: 0)
    /// Later than any event a model will schedule; used as "run forever".
    public static let distantFuture = SimTime(milliseconds: Int64.max / 4)

    @inlinable public static func milliseconds(_ ms: Int64) -> SimTime { SimTime(milliseconds: ms) }
    @inlinable public static func seconds(_ s: Double) -> SimTime { SimTime(rounding: s * 1_000) }
    @inlinable public static func minutes(_ m: Double) -> SimTime { SimTime(rounding: m * 60_000) }
    @inlinable public static func hours(_ h: Double) -> SimTime { SimTime(rounding: h * 3_600_000) }
    /// A wall-clock time on the simulated day, e.g. `.clock(17, 15)`.
    @inlinable public static func clock(_ hour: Int, _ minute: Int, _ second: Int = 0) -> SimTime {
        SimTime(milliseconds: Int64(hour * 3_600 + minute * 60 + second) * 1_000)
    }

    /// Rounds a (finite, non-negative or negative) millisecond count to the nearest integer.
    @inlinable init(rounding ms: Double) {
        precondition(ms.isFinite, "SimTime from a non-finite value")
        self.milliseconds = Int64(ms.rounded())
    }

    @inlinable public var seconds: Double { Double(milliseconds) / 1_000 }
    @inlinable public var minutes: Double { Double(milliseconds) / 60_000 }
    @inlinable public var hours: Double { Double(milliseconds) / 3_600_000 }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.milliseconds < b.milliseconds }
    @inlinable public static func + (a: SimTime, b: SimTime) -> SimTime { SimTime(milliseconds: a.milliseconds + b.milliseconds) }
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimTime { SimTime(milliseconds: a.milliseconds - b.milliseconds) }
    @inlinable public static func += (a: inout SimTime, b: SimTime) { a.milliseconds += b.milliseconds }
    @inlinable public static func -= (a: inout SimTime, b: SimTime) { a.milliseconds -= b.milliseconds }
    @inlinable public static func * (a: SimTime, k: Int64) -> SimTime { SimTime(milliseconds: a.milliseconds * k) }
}

extension SimTime: CustomStringConvertible {
    /// `HH:MM:SS` (with `.mmm` when not a whole second); negative spans get a sign.
    public var description: String {
        var ms = milliseconds
        let sign = ms < 0 ? "-" : ""
        ms = abs(ms)
        let h = ms / 3_600_000, m = (ms / 60_000) % 60, s = (ms / 1_000) % 60, rest = ms % 1_000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(sign)\(two(h)):\(two(m)):\(two(s))"
        if rest != 0 {
            let r = "\(rest)"
            text += "." + String(repeating: "0", count: 3 - r.count) + r
        }
        return text
    }
}

extension SimTime {
    /// Parses a clock time `HH:MM` or `HH:MM:SS` (hours may exceed 23 for
    /// overnight runs). Returns nil when the text is not a clock time.
    public init?(clock text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, (0..<60).contains(m),
              parts.dropFirst().allSatisfy({ $0.count == 2 })
        else { return nil }
        var s = 0
        if parts.count == 3 {
            guard let sec = Int(parts[2]), (0..<60).contains(sec) else { return nil }
            s = sec
        }
        self = .clock(h, m, s)
    }

    /// Parses a duration written the way people write them: `90s`, `5m`,
    /// `1h30m`, `2.5m`, `250ms`. A bare number is not accepted: the unit
    /// must be said. Returns nil when the text is not a duration.
    public init?(duration text: Substring) {
        var total = 0.0
        var rest = text[...]
        var sawAny = false
        while !rest.isEmpty {
            let numberEnd = rest.firstIndex(where: { !($0.isNumber || $0 == ".") }) ?? rest.endIndex
            guard numberEnd != rest.startIndex, let value = Double(rest[..<numberEnd]), value.isFinite else { return nil }
            rest = rest[numberEnd...]
            let unitEnd = rest.firstIndex(where: { !$0.isLetter }) ?? rest.endIndex
            let unit = rest[..<unitEnd]
            rest = rest[unitEnd...]
            switch unit {
            case "ms": total += value
            case "s", "sec": total += value * 1_000
            case "m", "min": total += value * 60_000
            case "h", "hr": total += value * 3_600_000
            case "d": total += value * 86_400_000
            default: return nil
            }
            sawAny = true
        }
        guard sawAny, total < 1e15 else { return nil }
        self.init(rounding: total)
    }
}
