import SimKernel

/// One end or the step of a `--vary key=low:high:step` range, as an exact
/// integer: a plain decimal is kept as (digits, decimal places) and a
/// duration as milliseconds, so a range is expanded with integer arithmetic.
/// `0.1:0.3:0.1` then gives exactly 0.1, 0.2, 0.3 — floating-point stepping
/// would give 0.30000000000000004 or miss the upper end.
///
/// ```swift
/// RangeBound(parsing: "0.25")   // number, units 25, scale 2
/// RangeBound(parsing: "30%")    // percent, units 30, scale 0
/// RangeBound(parsing: "1m30s")  // duration, units 90_000 (ms)
/// ```
struct RangeBound: Hashable, Sendable {
    enum Unit: String, Sendable {
        case number, percent, duration

        /// How to name the unit in an error message.
        var noun: String {
            switch self {
            case .number: "a number"
            case .percent: "a percentage"
            case .duration: "a duration"
            }
        }
    }

    var unit: Unit
    /// The value in units of 10^-scale (numbers, percentages) or ms (durations).
    var units: Int64
    /// Decimal places (always 0 for durations).
    var scale: Int

    /// Plain decimals only (`-2`, `0.25`, `+3.5`; not `.5` or `5.`): no exponent, at most 15
    /// digits, so every value and every step count fits an `Int64` exactly.
    init?(parsing text: Substring) {
        if text.hasSuffix("%") {
            guard let (units, scale) = Self.decimal(text.dropLast()) else { return nil }
            self.init(unit: .percent, units: units, scale: scale)
        } else if let (units, scale) = Self.decimal(text) {
            self.init(unit: .number, units: units, scale: scale)
        } else if let time = SimTime(duration: text) {
            self.init(unit: .duration, units: time.milliseconds, scale: 0)
        } else {
            return nil
        }
    }

    init(unit: Unit, units: Int64, scale: Int) {
        self.unit = unit; self.units = units; self.scale = scale
    }

    private static func decimal(_ text: Substring) -> (Int64, Int)? {
        var rest = text
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        let digits = whole + fraction
        // "5." and ".5" are refused: a range bound should read unambiguously.
        guard !whole.isEmpty, parts.count == 1 || !fraction.isEmpty, digits.count <= 15,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }), let magnitude = Int64(digits)
        else { return nil }
        return (negative ? -magnitude : magnitude, fraction.count)
    }

    /// The same value with `scale` decimal places (`scale` ≥ self.scale), or
    /// nil if it would not fit.
    func rescaled(to scale: Int) -> Int64? {
        var value = units
        for _ in self.scale..<scale {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = product
        }
        return value
    }

    /// `units` at `scale` as text: `25, 2` → "0.25", `300, 2` → "3",
    /// `-5, 1` → "-0.5". Trailing zeros are dropped so that a value reads
    /// the same however its range was written (`1.0:3.0:0.5` and `1:3:0.5`
    /// both give "1.5", "2").
    static func decimalText(_ units: Int64, scale: Int) -> String {
        let negative = units < 0
        var digits = String(units.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        var whole = String(digits[..<split]), fraction = String(digits[split...])
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if whole.isEmpty { whole = "0" }
        let text = fraction.isEmpty ? whole : whole + "." + fraction
        return negative && text != "0" ? "-" + text : text
    }

    /// Milliseconds as a duration in the largest of h, m, s, ms that divides
    /// `unit` exactly; the caller picks one unit for a whole range so its
    /// values read alike ("60s", "90s", "120s" rather than "1m", "90s", "2m").
    static func durationText(_ ms: Int64, in unit: (name: String, ms: Int64)) -> String {
        "\(ms / unit.ms)\(unit.name)"
    }

    /// Duration units, largest first; each value `SimTime(duration:)` reads back.
    static let durationUnits: [(name: String, ms: Int64)] = [("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)]
}
