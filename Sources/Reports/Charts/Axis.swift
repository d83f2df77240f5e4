/// Nice tick positions: steps of 1, 2 or 5 times a power of ten, or whole
/// clock intervals for time-of-day axes.
///
/// ```swift
/// let t = NiceTicks.linear(from: 0.3, to: 47, maxCount: 6)
/// t.values   // [0, 10, 20, 30, 40, 50]
/// t.step     // 10
/// ```
public struct NiceTicks: Sendable, Hashable {
    /// Tick values, ascending; the first is ≤ the data minimum and the last ≥ the maximum.
    public var values: [Double]
    public var step: Double
    /// Decimals needed to print every tick exactly (0 for a step of 10, 1 for 0.5 …).
    public var decimals: Int

    public var lower: Double { values.first ?? 0 }
    public var upper: Double { values.last ?? 1 }

    /// At most `maxCount` ticks (at least 2) covering `low...high`. The step
    /// is the smallest of 1, 2, 5 × 10ᵏ that needs no more ticks than that.
    /// A degenerate range (low == high) is widened to show the value in the middle.
    /// O(number of candidate steps), i.e. constant.
    public static func linear(from low: Double, to high: Double, maxCount: Int = 6) -> NiceTicks {
        var lo = low.isFinite ? low : 0, hi = high.isFinite ? high : 1
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        let count = max(2, maxCount)
        // Values so large, or a span so thin relative to them, that tick
        // indices would overflow: show the two ends only.
        if max(abs(lo), abs(hi)) / (hi - lo) > 1e12 || max(abs(lo), abs(hi)) > 1e200 {
            return NiceTicks(values: [lo, hi], step: hi - lo, decimals: 0)
        }
        let rough = (hi - lo) / Double(count - 1)
        var exponent = Int((rough.log10Floor))
        // Walk 1, 2, 5, 10, 20 … from just below the rough step until the ticks fit.
        exponent -= 1
        while true {
            let magnitude = pow10(exponent)
            for mantissa in [1.0, 2.0, 5.0] {
                let step = mantissa * magnitude
                let first = (lo / step + 1e-9).rounded(.down)
                let last = (hi / step - 1e-9).rounded(.up)
                if Int(last - first) + 1 <= count {
                    // Integer multiples of the step: no float drift across ticks.
                    let values = (Int(first)...Int(last)).map { Double($0) * step }
                    return NiceTicks(values: values, step: step, decimals: max(0, -exponent))
                }
            }
            exponent += 1
        }
    }

    /// Ticks on a time-of-day axis, values in hours since midnight
    /// (8.5 = 08:30), at 15 min, 30 min, 1 h, 2 h, 3 h, 4 h, 6 h or 12 h steps.
    public static func clock(from low: Double, to high: Double, maxCount: Int = 10) -> NiceTicks {
        var lo = low, hi = high
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-9 { lo -= 0.5; hi += 0.5 }
        let count = max(2, maxCount)
        if max(abs(lo), abs(hi)) > 1e6 { return NiceTicks(values: [lo, hi], step: hi - lo, decimals: 0) }
        for step in [0.25, 0.5, 1, 2, 3, 4, 6, 12, 24] {
            let first = (lo / step + 1e-9).rounded(.down)
            let last = (hi / step - 1e-9).rounded(.up)
            if Int(last - first) + 1 <= count || step == 24 {
                let values = (Int(first)...Int(last)).map { Double($0) * step }
                return NiceTicks(values: values, step: step, decimals: 0)
            }
        }
        fatalError("unreachable: a 24 h step always fits")
    }
}

private func pow10(_ e: Int) -> Double {
    var r = 1.0
    if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
    return r
}

private extension Double {
    /// ⌊log₁₀ x⌋ for x > 0, computed by repeated scaling (no Foundation needed).
    var log10Floor: Double {
        guard self > 0, isFinite else { return 0 }
        var x = self, e = 0.0
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 { x *= 10; e -= 1 }
        return e
    }
}

/// One axis of a chart: its title (with the unit, e.g. "Waiting time (min)"),
/// its range and its labelled ticks.
///
/// ```swift
/// let x = Axis.clock(title: "Time of day", from: 8.5, to: 17.25)
/// x.ticks.map(\.label)   // ["08:00", "09:00", …, "18:00"]
/// let y = Axis.linear(title: "Queue (people)", from: 0, to: 37)
/// ```
public struct Axis: Sendable, Hashable {
    public struct Tick: Sendable, Hashable {
        public var value: Double
        public var label: String
    }

    public enum Format: Sendable, Hashable {
        /// Plain numbers with the decimals the step needs.
        case number
        /// Values are fractions 0…1 shown as "25%".
        case percent
        /// Values are hours since midnight, shown as "09:00".
        case clock
    }

    public var title: String
    public var format: Format
    public var lower: Double
    public var upper: Double
    public var ticks: [Tick]

    /// A numeric axis whose nice ticks cover `low...high`.
    /// - Parameter includeZero: extend the range to 0 (counts, waits, utilisation).
    public static func linear(title: String, from low: Double, to high: Double,
                              includeZero: Bool = true, maxTicks: Int = 6) -> Axis {
        let lo = includeZero ? min(0, low) : low
        let hi = includeZero ? max(0, high) : high
        let t = NiceTicks.linear(from: lo, to: hi, maxCount: maxTicks)
        let ticks = t.values.map { Tick(value: $0, label: NumberFormat.display($0, decimals: t.decimals)) }
        return Axis(title: title, format: .number, lower: t.lower, upper: t.upper, ticks: ticks)
    }

    /// A numeric axis for whole-number values (counters, staff): like
    /// `linear`, but never a tick between two whole numbers.
    public static func integer(title: String, from low: Double, to high: Double, maxTicks: Int = 6) -> Axis {
        let t = NiceTicks.linear(from: low, to: high, maxCount: maxTicks)
        guard t.step < 1, low.isFinite, high.isFinite, high - low < 1e6 else {
            return linear(title: title, from: low, to: high, includeZero: false, maxTicks: maxTicks)
        }
        // A step below 1 is only chosen for a span of fewer than maxTicks whole
        // numbers, so a tick at each of them fits.
        let first = Int(low.rounded(.down)), last = max(first + 1, Int(high.rounded(.up)))
        let ticks = (first...last).map { Tick(value: Double($0), label: NumberFormat.display(Double($0), decimals: 0)) }
        return Axis(title: title, format: .number, lower: Double(first), upper: Double(last), ticks: ticks)
    }

    /// A share axis from 0 % to at least `high` (a fraction), labelled in percent.
    public static func percent(title: String, upTo high: Double = 1, maxTicks: Int = 6) -> Axis {
        let t = NiceTicks.linear(from: 0, to: max(high, 0.01) * 100, maxCount: maxTicks)
        let ticks = t.values.map { Tick(value: $0 / 100, label: NumberFormat.display($0, decimals: t.decimals) + "%") }
        return Axis(title: title, format: .percent, lower: t.lower / 100, upper: t.upper / 100, ticks: ticks)
    }

    /// A time-of-day axis; values are hours since midnight.
    public static func clock(title: String, from low: Double, to high: Double, maxTicks: Int = 10) -> Axis {
        let t = NiceTicks.clock(from: low, to: high, maxCount: maxTicks)
        let ticks = t.values.map { Tick(value: $0, label: NumberFormat.clock(hours: $0)) }
        return Axis(title: title, format: .clock, lower: t.lower, upper: t.upper, ticks: ticks)
    }

    /// Where `value` falls along the axis, 0 at `lower` and 1 at `upper`.
    public func fraction(_ value: Double) -> Double {
        upper > lower ? (value - lower) / (upper - lower) : 0.5
    }

    /// True when the tick labels, laid side by side along `length` pixels,
    /// leave at least `gap` pixels between neighbours.
    func labelsFitHorizontally(length: Double, fontSize: Double, gap: Double = 6) -> Bool {
        guard ticks.count > 1 else { return true }
        for i in 1..<ticks.count {
            let spacing = (fraction(ticks[i].value) - fraction(ticks[i - 1].value)) * length
            let need = (TextMetrics.width(of: ticks[i].label, fontSize: fontSize)
                + TextMetrics.width(of: ticks[i - 1].label, fontSize: fontSize)) / 2 + gap
            if spacing < need { return false }
        }
        return true
    }

    /// True when stacked tick labels are at least 1.6 line heights apart.
    func labelsFitVertically(length: Double, fontSize: Double) -> Bool {
        guard ticks.count > 1 else { return true }
        let spacing = length / Double(ticks.count - 1)
        return spacing >= fontSize * 1.6
    }

    /// Rebuilds the axis with fewer ticks until its labels do not overlap.
    /// `make` builds the axis for a given maximum tick count.
    static func fitting(length: Double, fontSize: Double, horizontal: Bool, start: Int,
                        _ make: (Int) -> Axis) -> Axis {
        var count = start
        var axis = make(count)
        while count > 2 {
            let fits = horizontal ? axis.labelsFitHorizontally(length: length, fontSize: fontSize)
                : axis.labelsFitVertically(length: length, fontSize: fontSize)
            if fits { break }
            count -= 1
            axis = make(count)
        }
        return axis
    }
}
