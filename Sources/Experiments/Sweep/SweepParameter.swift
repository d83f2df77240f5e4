import SimKernel

/// One `--vary` option: a scenario key and the values it takes in a sweep.
///
/// Two forms:
/// - a list, `key=a,b,c`: the values are kept as written (trimmed) — numbers,
///   durations (`5m`), percentages (`30%`), words (`fifo`) alike; the scenario
///   loader decides what they mean;
/// - a range, `key=low:high:step`: numbers, percentages or durations, all
///   three in the same kind, expanded exactly (integer arithmetic) from `low`
///   up to `high` inclusive — `high` is included when it is a whole number
///   of steps from `low`, otherwise the last value is the largest below it.
///
/// ```swift
/// try SweepParameter(parsing: "policy=fifo,shortest").values      // ["fifo", "shortest"]
/// try SweepParameter(parsing: "staff.citizen=2:5:1").values       // ["2", "3", "4", "5"]
/// try SweepParameter(parsing: "share=0.1:0.3:0.1").values         // ["0.1", "0.2", "0.3"]
/// try SweepParameter(parsing: "patience=5m:10m:150s").values      // ["300s", "450s", "600s"]
/// ```
///
/// A value with no comma is a range if it has exactly two colons and all
/// three parts read as numbers, percentages or durations; anything else is a
/// one-value list. So `open=08:30` is a clock time, while `open=08:30:00`
/// would be read as a range (and refused for its zero step): write clock
/// times as HH:MM. `staff=2:8` (two numbers that are not a clock time) is
/// refused as a range without a step.
public struct SweepParameter: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case list
        /// The range's three parts, as canonical text (`"5m"`, `"0.1"`).
        case range(low: String, high: String, step: String)
    }

    /// The scenario key, e.g. `staff.citizen` or `reservation.share`.
    public let key: String
    public let kind: Kind
    /// The values in sweep order, as the text given to the scenario loader.
    public let values: [String]

    public var isRange: Bool { if case .range = kind { true } else { false } }

    /// Values a single range may expand to; more is almost surely a typo in
    /// the step (`0:100:0.001`).
    public static let maximumRangeValues = 100_000

    /// Parses one `--vary` argument (without the `--vary`).
    public init(parsing argument: String) throws(SweepSpecError) {
        func fail(_ problem: String) -> SweepSpecError { .malformedVary(argument: argument, problem: problem) }
        guard let equals = argument.firstIndex(of: "=") else {
            throw fail("expected key=values (e.g. staff.citizen=3,4,5 or staff.citizen=2:8:1)")
        }
        let key = argument[..<equals].trimmingSpaces
        let text = argument[argument.index(after: equals)...].trimmingSpaces
        guard !key.isEmpty else { throw fail("no key before '='") }
        if let bad = key.first(where: { $0.isWhitespace || ",;:=\"".contains($0) }) {
            throw fail("the key may not contain \(bad.quotedForMessage)")
        }
        guard !text.isEmpty else { throw fail("no values after '='") }

        self.key = String(key)
        if !text.contains(","), let range = try Self.range(text, fail: fail) {
            self.kind = range.kind
            self.values = range.values
            return
        }
        var values: [String] = []
        var seen = Set<String>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let value = item.trimmingSpaces
            guard !value.isEmpty else { throw fail("an empty value (two commas in a row, or a comma at an end)") }
            // ';' separates settings in a point key, '=' a key from its value.
            if let bad = value.first(where: { ";=\"".contains($0) || $0.isNewline }) {
                throw fail("the value \"\(value)\" may not contain \(bad.quotedForMessage)")
            }
            guard seen.insert(String(value)).inserted else { throw fail("the value \(value) is listed twice") }
            values.append(String(value))
        }
        self.kind = .list
        self.values = values
    }

    /// Expands `low:high:step`; nil if `text` is not shaped like a range.
    private static func range(_ text: Substring, fail: (String) -> SweepSpecError)
        throws(SweepSpecError) -> (kind: Kind, values: [String])?
    {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(\.trimmingSpaces)
        let bounds = parts.map { RangeBound(parsing: $0) }
        if parts.count == 2 && bounds.allSatisfy({ $0 != nil }) && SimTime(clock: text) == nil {
            throw fail("a range needs low:high:step (e.g. 2:8:1 or 5m:10m:1m)")
        }
        guard parts.count == 3 else { return nil }
        guard bounds.allSatisfy({ $0 != nil }) else {
            // Two colons and one readable bound: the user meant a range.
            if bounds.contains(where: { $0 != nil }), let i = bounds.firstIndex(where: { $0 == nil }) {
                throw fail("range part \"\(parts[i])\" is not a number (0.25), a percentage (30%) or a duration (5m)")
            }
            return nil
        }
        let low = bounds[0]!, high = bounds[1]!, step = bounds[2]!
        for other in [high, step] where other.unit != low.unit {
            throw fail("the range mixes \(low.unit.noun) and \(other.unit.noun); write all three parts alike")
        }
        let scale = max(low.scale, high.scale, step.scale)
        guard let lo = low.rescaled(to: scale), let hi = high.rescaled(to: scale), let by = step.rescaled(to: scale)
        else { throw fail("the range's numbers are too long") }
        guard by > 0 else { throw fail("the step must be greater than zero") }
        guard lo <= hi else { throw fail("low \(parts[0]) is above high \(parts[1]); write the range upwards") }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, span / by < Int64(maximumRangeValues) else {
            throw fail("the range has more than \(maximumRangeValues) values; use a larger step")
        }
        let count = Int(span / by) + 1
        let units = (0..<count).map { lo + Int64($0) * by }

        let format: (Int64) -> String
        switch low.unit {
        case .number: format = { RangeBound.decimalText($0, scale: scale) }
        case .percent: format = { RangeBound.decimalText($0, scale: scale) + "%" }
        case .duration:
            // All values are lo + k·step, so a unit dividing lo and step divides them all.
            let unit = RangeBound.durationUnits.first { lo % $0.ms == 0 && by % $0.ms == 0 }!
            format = { RangeBound.durationText($0, in: unit) }
        }
        let kind = Kind.range(low: format(lo), high: format(hi), step: format(by))
        return (kind, units.map(format))
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return s
    }
}

extension Character {
    /// `';'`, or `a space` for characters that would be invisible in quotes.
    var quotedForMessage: String { isWhitespace ? "whitespace" : "'\(self)'" }
}
