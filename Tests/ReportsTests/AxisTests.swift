import Testing
@testable import Reports

@Suite("Axes and number formats")
struct AxisTests {
    /// True when `step` is 1, 2 or 5 times a power of ten.
    static func isNice(_ step: Double) -> Bool {
        var m = step
        while m >= 10 { m /= 10 }
        while m < 1 { m *= 10 }
        return [1.0, 2.0, 5.0].contains { abs(m - $0) < 1e-9 }
    }

    @Test("nice ticks: monotone, 1-2-5 steps, cover the data, within the count, over many ranges")
    func niceTicksProperties() {
        // A deterministic spread of ranges: tiny, huge, negative, straddling zero.
        var checked = 0
        for lowExp in -3...4 {
            for span in [0.013, 0.7, 1, 3.3, 9.99, 47, 120, 999, 12_345] {
                for offset in [-1.7, 0, 0.3, 5] {
                    let low = offset * Self.pow10(lowExp), high = low + span * Self.pow10(lowExp - 1)
                    for maxCount in [3, 5, 7, 10] {
                        let t = NiceTicks.linear(from: low, to: high, maxCount: maxCount)
                        #expect(t.values.count >= 2 && t.values.count <= maxCount, "\(low)…\(high) max \(maxCount): \(t.values)")
                        #expect(zip(t.values, t.values.dropFirst()).allSatisfy { $0 < $1 }, "not increasing: \(t.values)")
                        #expect(Self.isNice(t.step), "step \(t.step) for \(low)…\(high)")
                        #expect(t.lower <= low + 1e-9 * abs(low) && t.upper >= high - 1e-9 * abs(high), "\(t.values) misses \(low)…\(high)")
                        // Even spacing: every gap equals the step.
                        #expect(zip(t.values, t.values.dropFirst()).allSatisfy { abs(($1 - $0) - t.step) <= 1e-9 * max(1, abs(t.step)) })
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 8 * 9 * 4 * 4)
    }

    static func pow10(_ e: Int) -> Double { e >= 0 ? (0..<e).reduce(1.0) { r, _ in r * 10 } : (0..<(-e)).reduce(1.0) { r, _ in r / 10 } }

    @Test("known tick sets")
    func knownTicks() {
        #expect(NiceTicks.linear(from: 0.3, to: 47, maxCount: 6).values == [0, 10, 20, 30, 40, 50])
        #expect(NiceTicks.linear(from: 0, to: 1, maxCount: 6).values.map { NumberFormat.fixed($0, decimals: 1) }
                == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        // Step 2 would need 7 ticks (−4…8), one too many: step 5.
        #expect(NiceTicks.linear(from: -3, to: 7, maxCount: 6).values == [-5, 0, 5, 10])
        #expect(NiceTicks.linear(from: -3, to: 7, maxCount: 7).values == [-4, -2, 0, 2, 4, 6, 8])
        let flat = NiceTicks.linear(from: 5, to: 5, maxCount: 6)
        #expect(flat.lower < 5 && flat.upper > 5)
        #expect(NiceTicks.linear(from: 0, to: 0.35, maxCount: 6).decimals == 1)
    }

    @Test("time-of-day axes read 09:00 and step by whole clock intervals")
    func clockAxis() {
        let axis = Axis.clock(title: "Time of day", from: 8.5, to: 17.25, maxTicks: 10)
        #expect(axis.ticks.map(\.label) == ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00"])
        let fine = Axis.clock(title: "t", from: 9, to: 11, maxTicks: 10)
        #expect(fine.ticks.map(\.label) == ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00"])
        #expect(NumberFormat.clock(hours: 17.25) == "17:15")
        #expect(NumberFormat.clock(hours: 25.5) == "25:30")
    }

    @Test("fitting drops ticks until horizontal labels keep apart")
    func fittingAvoidsOverlap() {
        let axis = Axis.fitting(length: 120, fontSize: 11, horizontal: true, start: 10) {
            Axis.clock(title: "t", from: 8, to: 18, maxTicks: $0)
        }
        #expect(axis.labelsFitHorizontally(length: 120, fontSize: 11))
        #expect(axis.ticks.count >= 2)
        for (a, b) in zip(axis.ticks, axis.ticks.dropFirst()) {
            let gap = (axis.fraction(b.value) - axis.fraction(a.value)) * 120
            let need = (TextMetrics.width(of: a.label, fontSize: 11) + TextMetrics.width(of: b.label, fontSize: 11)) / 2
            #expect(gap > need, "labels \(a.label) and \(b.label) overlap: gap \(gap) < \(need)")
        }
    }

    @Test("percent axes label fractions as percentages")
    func percentAxis() {
        let axis = Axis.percent(title: "Share", upTo: 1, maxTicks: 6)
        #expect(axis.ticks.map(\.label) == ["0%", "20%", "40%", "60%", "80%", "100%"])
        #expect(axis.upper == 1)
    }

    @Test("fixed decimals, rounding half away from zero, no negative zero, grouping")
    func numberFormat() {
        #expect(NumberFormat.fixed(12.345, decimals: 1) == "12.3")
        #expect(NumberFormat.fixed(0.125, decimals: 2) == "0.13")
        #expect(NumberFormat.fixed(-2.5, decimals: 0) == "-3")
        #expect(NumberFormat.fixed(-0.04, decimals: 1) == "0.0")
        #expect(NumberFormat.fixed(3, decimals: 2) == "3.00")
        #expect(NumberFormat.fixed(1_234_567.891, decimals: 1, grouping: true) == "1,234,567.9")
        #expect(NumberFormat.fixed(999, decimals: 0, grouping: true) == "999")
        #expect(NumberFormat.fixed(.nan, decimals: 1) == "–")
        #expect(NumberFormat.display(-1.5, decimals: 1) == "\u{2212}1.5")
        #expect(NumberFormat.percent(0.1234, decimals: 1) == "12.3%")
        #expect(svgNumber(12.0) == "12" && svgNumber(3.14159) == "3.14" && svgNumber(-0.5) == "-0.5" && svgNumber(0.05) == "0.05")
        #expect(svgNumber(1e-7) == "0" && svgNumber(.infinity) == "0")
    }

    @Test("text width estimates treat Japanese as full width and truncate with an ellipsis")
    func textMetrics() {
        #expect(TextMetrics.width(of: "市民課", fontSize: 10) == 30)
        #expect(TextMetrics.width(of: "abc", fontSize: 10) < 20)
        let cut = TextMetrics.truncate("A very long scenario name indeed", toWidth: 80, fontSize: 11)
        #expect(cut.hasSuffix("…"))
        #expect(TextMetrics.width(of: cut, fontSize: 11) <= 80)
        #expect(TextMetrics.truncate("short", toWidth: 80, fontSize: 11) == "short")
    }

    @Test("a whole-number axis never ticks between whole numbers")
    func integerAxis() {
        let few = Axis.integer(title: "Counters", from: 3, to: 6, maxTicks: 10)
        #expect(few.ticks.map(\.value) == [3, 4, 5, 6], "\(few.ticks.map(\.value))")
        #expect(few.ticks.map(\.label) == ["3", "4", "5", "6"])
        let many = Axis.integer(title: "Counters", from: 0, to: 100, maxTicks: 6)
        #expect(many.ticks == Axis.linear(title: "Counters", from: 0, to: 100, includeZero: false, maxTicks: 6).ticks)
        let one = Axis.integer(title: "Counters", from: 4, to: 4, maxTicks: 6)
        #expect(one.ticks.allSatisfy { $0.value == $0.value.rounded() }, "\(one.ticks.map(\.value))")
    }
}
