import Testing
@testable import WardModel

@Suite("Calendar: Japanese holidays and the fiscal year")
struct CalendarTests {
    @Test("2026 public holidays, including 振替休日 and 国民の休日")
    func holidays2026() {
        let expected: [(Int, Int, String)] = [
            (1, 1, "元日"), (1, 12, "成人の日"), (2, 11, "建国記念の日"), (2, 23, "天皇誕生日"),
            (3, 20, "春分の日"), (4, 29, "昭和の日"), (5, 3, "憲法記念日"), (5, 4, "みどりの日"),
            (5, 5, "こどもの日"), (5, 6, "振替休日"), (7, 20, "海の日"), (8, 11, "山の日"),
            (9, 21, "敬老の日"), (9, 22, "国民の休日"), (9, 23, "秋分の日"), (10, 12, "スポーツの日"),
            (11, 3, "文化の日"), (11, 23, "勤労感謝の日"),
        ]
        let got = JapaneseHolidays.holidays(in: 2026)
        #expect(got.count == expected.count, "got \(got.map { "\($0.date) \($0.name)" })")
        for (m, d, name) in expected {
            #expect(JapaneseHolidays.name(of: CivilDate(2026, m, d)) == name, "2026-\(m)-\(d) should be \(name)")
        }
        #expect(!JapaneseHolidays.isHoliday(CivilDate(2026, 5, 7)))
        #expect(!JapaneseHolidays.isHoliday(CivilDate(2026, 9, 24)))
    }

    @Test("Equinox days by the approximation formula match the announced days")
    func equinoxes() {
        // 国立天文台 暦要項: vernal 2025–2030 and autumnal 2025–2030.
        let vernal = [2025: 20, 2026: 20, 2027: 21, 2028: 20, 2029: 20, 2030: 20]
        let autumnal = [2025: 23, 2026: 23, 2027: 23, 2028: 22, 2029: 23, 2030: 23]
        for (y, d) in vernal { #expect(JapaneseHolidays.vernalEquinoxDay(year: y) == d, "vernal \(y)") }
        for (y, d) in autumnal { #expect(JapaneseHolidays.autumnalEquinoxDay(year: y) == d, "autumnal \(y)") }
    }

    @Test("Substitute holiday after a Sunday equinox (2027-03-22) and special years")
    func specialCases() {
        #expect(JapaneseHolidays.name(of: CivilDate(2027, 3, 21)) == "春分の日")
        #expect(JapaneseHolidays.name(of: CivilDate(2027, 3, 22)) == "振替休日")
        // 2019: enthronement, with the sandwiched days 4/30 and 5/2 and 振替休日 5/6.
        #expect(JapaneseHolidays.name(of: CivilDate(2019, 5, 1)) == "天皇の即位の日")
        #expect(JapaneseHolidays.name(of: CivilDate(2019, 4, 30)) == "国民の休日")
        #expect(JapaneseHolidays.name(of: CivilDate(2019, 5, 2)) == "国民の休日")
        #expect(JapaneseHolidays.name(of: CivilDate(2019, 5, 6)) == "振替休日")
        // 2020 Olympics moved three holidays.
        #expect(JapaneseHolidays.name(of: CivilDate(2020, 7, 24)) == "スポーツの日")
        #expect(JapaneseHolidays.name(of: CivilDate(2020, 8, 10)) == "山の日")
        #expect(!JapaneseHolidays.isHoliday(CivilDate(2020, 10, 12)))
    }

    @Test("CivilDate round-trips and knows weekdays")
    func civilDates() {
        #expect(CivilDate(1970, 1, 1).dayNumber == 0)
        #expect(CivilDate(2026, 4, 1).weekday == .wednesday)
        #expect(CivilDate(2026, 5, 6).weekday == .wednesday)
        #expect(CivilDate(2024, 2, 29).adding(days: 1) == CivilDate(2024, 3, 1))
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
        #expect(CivilDate.nth(2, .monday, of: 1, year: 2026) == CivilDate(2026, 1, 12))
    }

    @Test("FY2026 working days and day types")
    func fiscalYear2026() {
        let fy = FiscalYearCalendar(WardCalendar())
        // Independent count (weekdays minus the holidays listed above and 12/29–1/3).
        #expect(fy.workingDays.count == 241)
        #expect(fy.dayTypeCounts == [.peak: 15, .monday: 42, .ordinary: 172, .afterHoliday: 12])
        #expect(fy.workingDays.first?.date == CivilDate(2026, 4, 1))
        #expect(fy.workingDays.last?.date == CivilDate(2027, 3, 31))
        #expect(fy.dayType(of: CivilDate(2026, 4, 6)) == .peak)           // Monday inside 3/20–4/10
        #expect(fy.dayType(of: CivilDate(2026, 4, 13)) == .monday)
        #expect(fy.dayType(of: CivilDate(2026, 5, 7)) == .afterHoliday)   // after Golden Week
        #expect(fy.dayType(of: CivilDate(2026, 7, 21)) == .afterHoliday)  // Tuesday after 海の日
        #expect(fy.dayType(of: CivilDate(2026, 9, 24)) == .afterHoliday)  // after the silver week
        #expect(fy.dayType(of: CivilDate(2027, 1, 4)) == .afterHoliday)   // New Year closure
        #expect(fy.dayType(of: CivilDate(2026, 6, 2)) == .ordinary)
        #expect(fy.dayType(of: CivilDate(2026, 12, 29)) == nil)
        #expect(fy.dayType(of: CivilDate(2026, 5, 6)) == nil)
        #expect(fy.dayType(of: CivilDate(2027, 3, 22)) == nil)
        #expect(fy.dayType(of: CivilDate(2027, 3, 23)) == .peak)
        // Ordinals are days since 1 April.
        #expect(fy.workingDays.last?.ordinal == 364)
    }
}
