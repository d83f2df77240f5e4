/// A date in the proleptic Gregorian calendar, without time zone: what a
/// ward office's wall calendar shows.
///
/// ```swift
/// let d = CivilDate(2026, 5, 6)
/// d.weekday                 // .wednesday
/// d.adding(days: 1)         // 2026-05-07
/// CivilDate(2027, 3, 31).dayNumber - CivilDate(2026, 4, 1).dayNumber   // 364
/// ```
///
/// Conversions use Howard Hinnant's `days_from_civil` algorithm: O(1), exact
/// for every year the model can meet.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    public var weekday: Weekday { Weekday(rawValue: ((dayNumber % 7) + 11) % 7)! }  // 1970-01-01 was a Thursday

    /// Whether the month/day exist (30 February does not).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= CivilDate.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The `n`-th (1-based) given weekday of a month, e.g. the second Monday of January.
    public static func nth(_ n: Int, _ weekday: Weekday, of month: Int, year: Int) -> CivilDate {
        let first = CivilDate(year, month, 1)
        let offset = (weekday.rawValue - first.weekday.rawValue + 7) % 7
        return CivilDate(year, month, 1 + offset + 7 * (n - 1))
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO form, `2026-04-01`.
    public var description: String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

public enum Weekday: Int, Sendable, Hashable, CaseIterable {
    case sunday = 0, monday, tuesday, wednesday, thursday, friday, saturday
    public var isWeekend: Bool { self == .sunday || self == .saturday }
}
