/// Japanese public holidays (国民の祝日 and 休日) under the Act on National
/// Holidays as amended up to the present, for 2016–2099.
///
/// Rules: fixed-date holidays; Happy Monday holidays (成人の日, 海の日,
/// 敬老の日, スポーツの日); the vernal and autumnal equinox days by the
/// standard approximation formula (valid 1980–2099; the Cabinet announces
/// the official day each February, and the formula has matched every
/// announcement so far); 振替休日 (a holiday on a Sunday moves to the next
/// day that is not a holiday); 国民の休日 (a day sandwiched between two
/// holidays). Special years: 2019 (enthronement), 2020 and 2021 (Olympics).
///
/// ```swift
/// JapaneseHolidays.name(of: CivilDate(2026, 9, 22))   // "国民の休日"
/// JapaneseHolidays.isHoliday(CivilDate(2026, 5, 6))  // true (振替休日)
/// ```
///
/// Complexity: `holidays(in:)` is O(1) work per year (about 20 dates).
public enum JapaneseHolidays {
    /// Years whose holidays these rules describe.
    public static let supportedYears = 2016...2099

    /// Every holiday of `year`, in date order, with its Japanese name.
    public static func holidays(in year: Int) -> [(date: CivilDate, name: String)] {
        precondition(supportedYears.contains(year), "Japanese holidays are only known for \(supportedYears)")
        var proper: [(CivilDate, String)] = []
        func add(_ m: Int, _ d: Int, _ name: String) { proper.append((CivilDate(year, m, d), name)) }
        func monday(_ n: Int, _ m: Int, _ name: String) {
            proper.append((CivilDate.nth(n, .monday, of: m, year: year), name))
        }
        add(1, 1, "元日")
        monday(2, 1, "成人の日")
        add(2, 11, "建国記念の日")
        if year >= 2020 { add(2, 23, "天皇誕生日") }
        add(3, vernalEquinoxDay(year: year), "春分の日")
        add(4, 29, "昭和の日")
        if year == 2019 { add(5, 1, "天皇の即位の日") }
        add(5, 3, "憲法記念日")
        add(5, 4, "みどりの日")
        add(5, 5, "こどもの日")
        switch year {
        case 2020: add(7, 23, "海の日"); add(7, 24, "スポーツの日"); add(8, 10, "山の日")
        case 2021: add(7, 22, "海の日"); add(7, 23, "スポーツの日"); add(8, 8, "山の日")
        default:
            monday(3, 7, "海の日")
            add(8, 11, "山の日")
            monday(2, 10, year >= 2020 ? "スポーツの日" : "体育の日")
        }
        monday(3, 9, "敬老の日")
        add(9, autumnalEquinoxDay(year: year), "秋分の日")
        if year == 2019 { add(10, 22, "即位礼正殿の儀の行われる日") }
        add(11, 3, "文化の日")
        add(11, 23, "勤労感謝の日")
        if year <= 2018 { add(12, 23, "天皇誕生日") }

        let properDays = Set(proper.map { $0.0.dayNumber })
        var all = proper
        // 振替休日: a holiday on Sunday makes the next non-holiday day a holiday.
        for (date, _) in proper where date.weekday == .sunday {
            var next = date.dayNumber + 1
            while properDays.contains(next) { next += 1 }
            all.append((CivilDate(dayNumber: next), "振替休日"))
        }
        // 国民の休日: a day between two 国民の祝日 that is not one itself.
        for day in properDays where properDays.contains(day + 2) && !properDays.contains(day + 1) {
            let between = CivilDate(dayNumber: day + 1)
            if !all.contains(where: { $0.0 == between }) { all.append((between, "国民の休日")) }
        }
        return all.sorted { $0.0 < $1.0 }.map { (date: $0.0, name: $0.1) }
    }

    /// The holiday's name, or nil when `date` is not a public holiday.
    public static func name(of date: CivilDate) -> String? {
        holidays(in: date.year).first { $0.date == date }?.name
    }

    public static func isHoliday(_ date: CivilDate) -> Bool { name(of: date) != nil }

    /// Day of March of 春分の日: ⌊20.8431 + 0.242194 (Y − 1980) − ⌊(Y − 1980)/4⌋⌋.
    public static func vernalEquinoxDay(year: Int) -> Int {
        equinox(20.8431, year)
    }

    /// Day of September of 秋分の日: ⌊23.2488 + 0.242194 (Y − 1980) − ⌊(Y − 1980)/4⌋⌋.
    public static func autumnalEquinoxDay(year: Int) -> Int {
        equinox(23.2488, year)
    }

    static func equinox(_ base: Double, _ year: Int) -> Int {
        let y = year - 1980
        return Int((base + 0.242194 * Double(y)).rounded(.down)) - y / 4
    }
}
