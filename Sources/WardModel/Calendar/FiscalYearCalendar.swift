/// The working days of a ward office over one fiscal year (1 April – 31
/// March) and the demand type of each.
///
/// Closed: Saturdays, Sundays, public holidays (`JapaneseHolidays`) and the
/// New Year closure 29 December – 3 January. Day types, strongest first:
/// `peak` (inside `WardCalendar.peakStart…peakEnd`), `afterHoliday` (the
/// office was closed the day before on at least one weekday — a holiday, a
/// long weekend, the New Year), `monday`, `ordinary`.
///
/// ```swift
/// let fy = FiscalYearCalendar(WardCalendar())           // FY2026
/// fy.workingDays.count                                   // 241
/// fy.dayType(of: CivilDate(2026, 5, 7))                 // .afterHoliday
/// ```
public struct FiscalYearCalendar: Sendable, Hashable {
    /// One day the office is open.
    public struct WorkingDay: Sendable, Hashable {
        public var date: CivilDate
        public var dayType: DayType
        /// Days since 1 April of the fiscal year (0…365): a stable index for
        /// random streams, so a day's randomness does not depend on which
        /// other days are simulated.
        public var ordinal: Int
    }

    public let fiscalYear: Int
    public let workingDays: [WorkingDay]

    public init(_ calendar: WardCalendar) {
        fiscalYear = calendar.fiscalYear
        let start = CivilDate(calendar.fiscalYear, 4, 1)
        let end = CivilDate(calendar.fiscalYear + 1, 3, 31)
        var days: [WorkingDay] = []
        var holidays = Set<Int>()
        for y in [calendar.fiscalYear, calendar.fiscalYear + 1] {
            for h in JapaneseHolidays.holidays(in: y) { holidays.insert(h.date.dayNumber) }
        }
        func closed(_ n: Int) -> Bool {
            let d = CivilDate(dayNumber: n)
            return d.weekday.isWeekend || holidays.contains(n) || FiscalYearCalendar.isNewYearClosure(d)
        }
        for n in start.dayNumber...end.dayNumber where !closed(n) {
            let date = CivilDate(dayNumber: n)
            // Walk back over the closed days before this one.
            var back = n - 1
            var weekdayClosure = false
            while closed(back) {
                if !CivilDate(dayNumber: back).weekday.isWeekend { weekdayClosure = true }
                back -= 1
            }
            let type: DayType
            if FiscalYearCalendar.inPeak(date, calendar.peakStart, calendar.peakEnd) { type = .peak }
            else if weekdayClosure { type = .afterHoliday }
            else if date.weekday == .monday { type = .monday }
            else { type = .ordinary }
            days.append(WorkingDay(date: date, dayType: type, ordinal: n - start.dayNumber))
        }
        workingDays = days
    }

    /// The day type of `date`, or nil when the office is closed or the date
    /// lies outside the fiscal year.
    public func dayType(of date: CivilDate) -> DayType? {
        workingDays.first { $0.date == date }?.dayType
    }

    /// Number of working days of each type.
    public var dayTypeCounts: [DayType: Int] {
        var counts: [DayType: Int] = [:]
        for d in workingDays { counts[d.dayType, default: 0] += 1 }
        return counts
    }

    /// 29 December – 3 January (年末年始).
    public static func isNewYearClosure(_ d: CivilDate) -> Bool {
        (d.month == 12 && d.day >= 29) || (d.month == 1 && d.day <= 3)
    }

    /// Whether the month/day of `d` lies in the inclusive range `from…to`;
    /// a range may wrap over the new year (12/20–1/10).
    static func inPeak(_ d: CivilDate, _ from: MonthDay, _ to: MonthDay) -> Bool {
        let x = d.month * 100 + d.day, a = from.month * 100 + from.day, b = to.month * 100 + to.day
        return a <= b ? (a <= x && x <= b) : (x >= a || x <= b)
    }
}
