import SimKernel

/// Gives the untyped tree its meaning, field by field, collecting every
/// problem with its origin and key path instead of stopping at the first.
///
/// Each typed getter returns nil after reporting a problem, and callers fall
/// back to a default so decoding carries on and finds the next problem.
///
/// ```swift
/// var decoder = ScenarioDecoder()
/// if let fields = decoder.mapping(node, at: path, allowed: ["count", "name"]) {
///     let count = decoder.integer(fields["count"], at: path + "count", minimum: 0) ?? 0
/// }
/// ```
struct ScenarioDecoder {
    private(set) var issues: [ScenarioIssue] = []

    /// Records a problem at a node (or at an explicit origin, e.g. a key).
    mutating func report(_ node: ScenarioNode?, at path: ScenarioPath, _ message: String,
                         origin: ScenarioOrigin? = nil) {
        let where_ = origin ?? node?.origin
        issues.append(ScenarioIssue(file: where_?.file, line: where_?.line, column: where_?.column,
                                    keyPath: path.description, message: message))
    }

    /// Records an already located problem.
    mutating func record(_ issue: ScenarioIssue) { issues.append(issue) }

    // MARK: Mappings

    /// The fields of a mapping, after rejecting keys not in `allowed` (with
    /// a suggestion when one is close) and reporting missing `required` keys.
    mutating func mapping(_ node: ScenarioNode?, at path: ScenarioPath, allowed: [String],
                          required: [String] = [], what: String = "a mapping") -> Fields? {
        guard let node else { return nil }
        guard let entries = node.entries else {
            report(node, at: path, "expected \(what), got \(node.shortDescription)")
            return nil
        }
        var fields = Fields(node: node, path: path)
        var suggested: Set<String> = []
        for entry in entries {
            if allowed.contains(entry.key) {
                if !entry.value.isNull { fields.values[entry.key] = entry.value }
            } else {
                report(nil, at: path + entry.key, unknownKeyMessage(entry.key, allowed: allowed), origin: entry.keyOrigin)
                if let close = Self.closest(to: entry.key, in: allowed) { suggested.insert(close) }
            }
        }
        // A misspelt required key is reported once, as the misspelling.
        for key in required where fields.values[key] == nil && !suggested.contains(key) {
            report(node, at: path, "missing required key `\(key)`")
        }
        return fields
    }

    struct Fields {
        let node: ScenarioNode
        let path: ScenarioPath
        /// Present, non-null values by key.
        var values: [String: ScenarioNode] = [:]
        subscript(key: String) -> ScenarioNode? { values[key] }
        /// Whether the key was written at all, even as null.
        func wrote(_ key: String) -> Bool { node.entries?.contains(where: { $0.key == key }) ?? false }
    }

    func unknownKeyMessage(_ key: String, allowed: [String]) -> String {
        var message = "unknown key `\(key)`"
        if let suggestion = Self.closest(to: key, in: allowed) {
            message += "; did you mean `\(suggestion)`?"
        } else {
            message += " (expected one of: \(allowed.joined(separator: ", ")))"
        }
        return message
    }

    /// The allowed key nearest to a misspelt one: same in snake_case, or
    /// within an edit distance of about a third of its length.
    static func closest(to key: String, in allowed: [String]) -> String? {
        let snake = snakeCase(key)
        if snake != key, allowed.contains(snake) { return snake }
        let lowered = snake.lowercased()
        var best: (String, Int)? = nil
        for candidate in allowed {
            let d = editDistance(lowered, candidate)
            if d <= max(2, candidate.count / 3), d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    static func snakeCase(_ key: String) -> String {
        var out = ""
        for c in key {
            if c.isUppercase, !out.isEmpty { out += "_" }
            out += c == "-" ? "_" : c.lowercased()
        }
        return out
    }

    /// Levenshtein distance; O(|a|·|b|), keys are short (capped at 64 chars).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64)), b = Array(b.prefix(64))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count), current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    // MARK: Lists

    /// The items of a list; reports anything else.
    mutating func list(_ node: ScenarioNode?, at path: ScenarioPath, what: String = "a list") -> [ScenarioNode]? {
        guard let node else { return nil }
        guard let items = node.items else {
            report(node, at: path, "expected \(what), got \(node.shortDescription)")
            return nil
        }
        return items
    }

    // MARK: Scalars

    /// The scalar text of a node, reporting collections and (when `plain`)
    /// quoted text where a number or similar was expected.
    private mutating func scalar(_ node: ScenarioNode, at path: ScenarioPath, expected: String,
                                 plain: Bool) -> String? {
        guard case .scalar(let text, let quoted) = node.kind else {
            report(node, at: path, "expected \(expected), got \(node.shortDescription)")
            return nil
        }
        if plain && quoted {
            report(node, at: path, "expected \(expected), got \(node.shortDescription) (remove the quotes)")
            return nil
        }
        return text
    }

    mutating func string(_ node: ScenarioNode?, at path: ScenarioPath, what: String = "text") -> String? {
        guard let node, let text = scalar(node, at: path, expected: what, plain: false) else { return nil }
        return text
    }

    /// An identifier usable in `--set` paths: no `.`, `[`, `]`, `=` or spaces.
    mutating func identifier(_ node: ScenarioNode?, at path: ScenarioPath) -> String? {
        guard let node, let text = scalar(node, at: path, expected: "a name", plain: false) else { return nil }
        if text.isEmpty || text.contains(where: { ".[]= \t".contains($0) }) {
            report(node, at: path, "expected a name without spaces, `.`, `[`, `]` or `=` (they are used in --set paths), got \"\(text)\"")
            return nil
        }
        return text
    }

    mutating func integer(_ node: ScenarioNode?, at path: ScenarioPath, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
        guard let node else { return nil }
        let expected = minimum == 0 ? "a non-negative integer" : minimum == 1 ? "a positive integer"
            : minimum.map { "an integer ≥ \($0)" } ?? "an integer"
        guard let text = scalar(node, at: path, expected: expected, plain: true) else { return nil }
        guard let value = ScenarioScalars.integer(text) else {
            report(node, at: path, "expected \(expected), got \(node.shortDescription)")
            return nil
        }
        if let minimum, value < minimum {
            report(node, at: path, "expected \(expected), got \(text)")
            return nil
        }
        if let maximum, value > maximum {
            report(node, at: path, "expected \(expected) of at most \(maximum), got \(text)")
            return nil
        }
        return value
    }

    mutating func unsignedInteger(_ node: ScenarioNode?, at path: ScenarioPath) -> UInt64? {
        guard let node, let text = scalar(node, at: path, expected: "a non-negative integer", plain: true) else { return nil }
        let digits = text.filter { $0 != "_" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt64(digits) else {
            report(node, at: path, "expected a non-negative integer below 2⁶⁴, got \(node.shortDescription)")
            return nil
        }
        return value
    }

    enum Bound { case none, nonNegative, positive }

    mutating func number(_ node: ScenarioNode?, at path: ScenarioPath, bound: Bound = .none) -> Double? {
        guard let node else { return nil }
        let expected = bound == .nonNegative ? "a non-negative number" : bound == .positive ? "a positive number" : "a number"
        guard let text = scalar(node, at: path, expected: expected, plain: true) else { return nil }
        guard let value = ScenarioScalars.number(text) else {
            var message = "expected \(expected), got \(node.shortDescription)"
            if text.hasSuffix("%") { message += " (a percentage is only allowed for shares)" }
            report(node, at: path, message)
            return nil
        }
        if (bound == .nonNegative && value < 0) || (bound == .positive && value <= 0) {
            report(node, at: path, "expected \(expected), got \(text)")
            return nil
        }
        return value
    }

    /// A share in [0, 1], written `0.3` or `30%`.
    mutating func share(_ node: ScenarioNode?, at path: ScenarioPath) -> Double? {
        guard let node else { return nil }
        let expected = "a share between 0 and 1 (or 0% and 100%)"
        guard let text = scalar(node, at: path, expected: expected, plain: true) else { return nil }
        guard let value = ScenarioScalars.share(text) else {
            report(node, at: path, "expected \(expected), got \(node.shortDescription)")
            return nil
        }
        guard (0...1).contains(value) else {
            report(node, at: path, "expected \(expected), got \(text)")
            return nil
        }
        return value
    }

    mutating func boolean(_ node: ScenarioNode?, at path: ScenarioPath) -> Bool? {
        guard let node, let text = scalar(node, at: path, expected: "true or false", plain: true) else { return nil }
        guard let value = ScenarioScalars.boolean(text) else {
            report(node, at: path, "expected true or false, got \(node.shortDescription)")
            return nil
        }
        return value
    }

    /// A duration in minutes (`90s`, `5m`, `1h30m`); a bare number is
    /// rejected with a hint, since `5` could mean seconds or minutes.
    mutating func durationMinutes(_ node: ScenarioNode?, at path: ScenarioPath, allowNegative: Bool = false) -> Double? {
        guard let node, let parsed = durationParts(node, at: path, allowNegative: allowNegative) else { return nil }
        return parsed.minutes
    }

    /// A duration as exact `SimTime` (rounded to the millisecond).
    mutating func duration(_ node: ScenarioNode?, at path: ScenarioPath, allowNegative: Bool = false) -> SimTime? {
        guard let node, let parsed = durationParts(node, at: path, allowNegative: allowNegative) else { return nil }
        return .milliseconds(Int64(parsed.milliseconds.rounded()))
    }

    private mutating func durationParts(_ node: ScenarioNode, at path: ScenarioPath,
                                        allowNegative: Bool) -> (minutes: Double, milliseconds: Double)? {
        let expected = "a duration such as 90s, 5m or 1h30m"
        guard let text = scalar(node, at: path, expected: expected, plain: false) else { return nil }
        guard let value = ScenarioScalars.duration(text) else {
            var message = "expected \(expected), got \(node.shortDescription)"
            if ScenarioScalars.number(text) != nil { message += " (add a unit: \(text)m for minutes, \(text)s for seconds)" }
            report(node, at: path, message)
            return nil
        }
        if !allowNegative && value.minutes < 0 {
            report(node, at: path, "expected a non-negative duration, got \(text)")
            return nil
        }
        return value
    }

    /// A clock time `HH:MM` (or `HH:MM:SS`) between 00:00 and 24:00.
    mutating func clock(_ node: ScenarioNode?, at path: ScenarioPath) -> SimTime? {
        guard let node, let text = scalar(node, at: path, expected: "a clock time such as 08:30", plain: false) else { return nil }
        guard let value = ScenarioScalars.clock(text) else {
            report(node, at: path, "expected a clock time between 00:00 and 24:00 such as 08:30, got \(node.shortDescription)")
            return nil
        }
        return value
    }

    /// One of a fixed set of words.
    mutating func choice<T>(_ node: ScenarioNode?, at path: ScenarioPath, _ options: [(String, T)]) -> T? {
        let names = options.map(\.0)
        guard let node, let text = scalar(node, at: path, expected: "one of \(names.joined(separator: ", "))", plain: false) else { return nil }
        if let match = options.first(where: { $0.0 == text }) { return match.1 }
        var message = "expected one of \(names.joined(separator: ", ")), got \(node.shortDescription)"
        if let close = Self.closest(to: text, in: names) { message += "; did you mean `\(close)`?" }
        report(node, at: path, message)
        return nil
    }
}
