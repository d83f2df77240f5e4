import Foundation

/// How figures and times read in tables for people (data exports use the
/// exact forms in `CSVText` and `JSONText` instead).
public enum DisplayText {
    /// Decimal places for a mean and its interval: enough for the
    /// half-width's first two significant digits (12.43 ± 0.48, 1240 ± 35),
    /// or four significant digits of the mean when there is no usable
    /// half-width; between 0 and 6.
    ///
    /// ```swift
    /// DisplayText.decimals(mean: 12.4337, halfWidth: 0.4821)   // 2
    /// DisplayText.decimals(mean: 0.5, halfWidth: 0)            // 4
    /// ```
    public static func decimals(mean: Double, halfWidth: Double) -> Int {
        let places: Double
        if halfWidth.isFinite && halfWidth > 0 {
            places = 1 - (log10(halfWidth)).rounded(.down)
        } else if mean.isFinite && mean != 0 {
            places = 3 - (log10(abs(mean))).rounded(.down)
        } else {
            places = 0
        }
        return Int(min(6, max(0, places)))
    }

    /// `value` with `decimals` places ("12.43"); "–" when undefined. Never "-0.00".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// A stored timestamp in `timeZone`: "2025-06-01 09:30" (`seconds`
    /// adds ":12"); "–" when there is none.
    public static func timestamp(_ date: Date?, in timeZone: TimeZone, seconds: Bool = false) -> String {
        guard let date else { return "–" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
        if seconds { text += ":" + two(c.second) }
        return text
    }

    /// A stored timestamp as ISO 8601 UTC with milliseconds, for data
    /// exports: "2025-06-01T09:30:12.345Z".
    ///
    /// Built by hand from the milliseconds rounded to nearest: the stored
    /// text parses to a `Date` a hair below it (…12.34499…), which
    /// `ISO8601FormatStyle` would truncate to a different millisecond.
    public static func iso8601(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = ms.quotientAndRemainder(dividingBy: 1000)
        let whole = Date(timeIntervalSince1970: TimeInterval(fraction < 0 ? seconds - 1 : seconds))
        let text = timestamp(whole, in: TimeZone(identifier: "UTC")!, seconds: true)
        let millis = String((fraction + 1000) % 1000)
        return text.replacingOccurrences(of: " ", with: "T") + "." + String(repeating: "0", count: 3 - millis.count)
            + millis + "Z"
    }
}
