import SimKernel

/// The scalar syntaxes of the scenario format, parsed from the text as
/// written (never through YAML 1.1's implicit typing).
///
/// ```swift
/// ScenarioScalars.integer("247_500")      // 247500
/// ScenarioScalars.share("30%")            // 0.3
/// ScenarioScalars.duration("1h30m")       // 90 minutes
/// ScenarioScalars.clock("08:30")          // SimTime.clock(8, 30)
/// ```
enum ScenarioScalars {
    /// Decimal integer, optional sign, `_` allowed between digits (`247_500`).
    static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber,
              body.allSatisfy({ $0 == "_" || ($0.isASCII && $0.isNumber) }), body.last != "_"
        else { return nil }
        guard let magnitude = Int(body.filter { $0 != "_" }) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Decimal number: `3`, `-2.5`, `.5`, `1e-3`, `247_500`. No hex, octal,
    /// sexagesimal, `.inf` or `.nan`: a scenario number is always finite.
    static func number(_ text: String) -> Double? {
        var sawDigit = false
        var index = text.startIndex
        func at(_ i: String.Index) -> Character? { i < text.endIndex ? text[i] : nil }
        if let c = at(index), c == "-" || c == "+" { index = text.index(after: index) }
        while let c = at(index), (c.isASCII && c.isNumber) || (c == "_" && sawDigit) {
            sawDigit = true; index = text.index(after: index)
        }
        if at(index) == "." {
            index = text.index(after: index)
            while let c = at(index), c.isASCII, c.isNumber { sawDigit = true; index = text.index(after: index) }
        }
        guard sawDigit else { return nil }
        if let c = at(index), c == "e" || c == "E" {
            index = text.index(after: index)
            if let s = at(index), s == "-" || s == "+" { index = text.index(after: index) }
            var expDigits = false
            while let c = at(index), c.isASCII, c.isNumber { expDigits = true; index = text.index(after: index) }
            guard expDigits else { return nil }
        }
        guard index == text.endIndex, !text.hasSuffix("_"),
              let value = Double(text.filter { $0 != "_" }), value.isFinite else { return nil }
        return value
    }

    /// A share as a fraction (`0.3`) or a percentage (`30%`), as a fraction.
    static func share(_ text: String) -> Double? {
        if text.hasSuffix("%") {
            let body = text.dropLast().trimmingSpaces()
            return number(String(body)).map { $0 / 100 }
        }
        return number(text)
    }

    /// A duration with units: `90s`, `5m`, `1h30m`, `2.5min`, `250ms`,
    /// optionally negative (`-10m`, for lateness before a slot). Returns
    /// minutes and milliseconds, each summed directly so `6.5m` is exactly
    /// 6.5 minutes. A bare number has no unit and returns nil.
    static func duration(_ text: String) -> (minutes: Double, milliseconds: Double)? {
        var rest = Substring(text)
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        var minutes = 0.0, milliseconds = 0.0
        var sawPart = false
        while !rest.isEmpty {
            var numberEnd = rest.firstIndex(where: { !(($0.isASCII && $0.isNumber) || $0 == ".") }) ?? rest.endIndex
            // An exponent (`1e-05m`, as Double's shortest form writes tiny values).
            if numberEnd < rest.endIndex, rest[numberEnd] == "e" || rest[numberEnd] == "E" {
                var probe = rest.index(after: numberEnd)
                if probe < rest.endIndex, rest[probe] == "-" || rest[probe] == "+" { probe = rest.index(after: probe) }
                let digitsEnd = rest[probe...].firstIndex(where: { !($0.isASCII && $0.isNumber) }) ?? rest.endIndex
                if digitsEnd > probe { numberEnd = digitsEnd }
            }
            guard numberEnd != rest.startIndex, let value = Double(rest[..<numberEnd]), value.isFinite else { return nil }
            rest = rest[numberEnd...]
            let unitEnd = rest.firstIndex(where: { !($0.isASCII && $0.isLetter) }) ?? rest.endIndex
            let unit = rest[..<unitEnd]
            rest = rest[unitEnd...].drop(while: { $0 == " " })
            switch unit {
            case "ms": minutes += value / 60_000; milliseconds += value
            case "s", "sec": minutes += value / 60; milliseconds += value * 1_000
            case "m", "min": minutes += value; milliseconds += value * 60_000
            case "h", "hr": minutes += value * 60; milliseconds += value * 3_600_000
            default: return nil
            }
            sawPart = true
        }
        guard sawPart, milliseconds < 1e13 else { return nil }
        return (sign * minutes, sign * milliseconds)
    }

    /// A clock time `HH:MM` or `HH:MM:SS` between 00:00 and 24:00.
    static func clock(_ text: String) -> SimTime? {
        // At most two hour digits before handing over: the kernel's parser
        // multiplies the hours, and a 19-digit hour would overflow.
        guard text.utf8.count <= 8, let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 2,
              let time = SimTime(clock: Substring(text)), time <= .clock(24, 0) else { return nil }
        return time
    }

    /// `true` or `false` (YAML 1.1's `yes`/`on` are not accepted: too easy
    /// to write by accident, e.g. a country code `no`).
    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A duration written back in the shortest exact form: `5m`, `90s`, `250ms`.
    static func format(milliseconds ms: Int64) -> String {
        if ms == 0 { return "0s" }
        let sign = ms < 0 ? "-" : ""
        let a = abs(ms)
        if a % 60_000 == 0 { return "\(sign)\(a / 60_000)m" }
        if a % 1_000 == 0 { return "\(sign)\(a / 1_000)s" }
        return "\(sign)\(a)ms"
    }

    /// Minutes written back exactly (the shortest text that reads back as the
    /// same Double): `6m`, `6.5m`, `0.1m`.
    static func format(minutes: Double) -> String {
        "\(formatNumber(minutes))m"
    }

    /// A number written so that it reads back as the same Double: `3`, `0.25`.
    static func formatNumber(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// `08:30` or `08:30:15`.
    static func formatClock(_ t: SimTime) -> String {
        let text = t.description  // HH:MM:SS(.mmm)
        return text.hasSuffix(":00") && !text.contains(".") ? String(text.dropLast(3)) : text
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
