/// Why a scenario could not be loaded, in words a planner can act on.
///
/// Every problem names the file, the line and column, the key path inside
/// the scenario and what was expected:
///
/// ```text
/// scenarios/baseline.yaml:41:18: offices[0].sections[1].staff[0].count: expected a non-negative integer, got -2
/// --set offices[9].lobby_seats=100: offices[9]: offices has no element [9] (it has 1)
/// ```
///
/// The loader collects several independent problems (up to
/// `ScenarioError.maximumIssues`) before giving up, so a planner fixes a file
/// in one go rather than one error per run. `file`, `line`, `keyPath` and
/// `message` describe the first problem.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in the order they were found (non-empty).
    public var issues: [ScenarioIssue]

    /// More than this many problems are summarised as "… and N more".
    public static let maximumIssues = 50

    public init(issues: [ScenarioIssue]) {
        precondition(!issues.isEmpty, "a ScenarioError needs at least one issue")
        self.issues = issues
    }

    public init(file: String?, line: Int? = nil, column: Int? = nil, keyPath: String = "", message: String) {
        self.init(issues: [ScenarioIssue(file: file, line: line, column: column, keyPath: keyPath, message: message)])
    }

    public var file: String? { issues[0].file }
    public var line: Int? { issues[0].line }
    public var column: Int? { issues[0].column }
    public var keyPath: String { issues[0].keyPath }
    public var message: String { issues[0].message }

    /// One line per problem, no stack trace, ready for stderr.
    public var description: String {
        var lines = issues.prefix(Self.maximumIssues).map(\.description)
        if issues.count > Self.maximumIssues {
            lines.append("… and \(issues.count - Self.maximumIssues) more problems")
        }
        return lines.joined(separator: "\n")
    }
}

/// One problem in a scenario.
public struct ScenarioIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (or as reached through `extends:`), or
    /// `--set key=value` for a command-line override; nil when unknown.
    public var file: String?
    /// 1-based line and column (columns count Unicode scalars), when known.
    public var line: Int?
    public var column: Int?
    /// Where in the scenario, e.g. `offices[0].sections[1].staff[0].count`;
    /// empty for the file as a whole.
    public var keyPath: String
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String?, line: Int? = nil, column: Int? = nil, keyPath: String = "", message: String) {
        self.file = file; self.line = line; self.column = column; self.keyPath = keyPath; self.message = message
    }

    /// `file:line:column: key.path: message`, leaving out what is unknown.
    public var description: String {
        var head = file ?? ""
        if let line {
            head += ":\(line)"
            if let column { head += ":\(column)" }
        }
        var parts: [String] = []
        if !head.isEmpty { parts.append(head) }
        if !keyPath.isEmpty { parts.append(keyPath) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
