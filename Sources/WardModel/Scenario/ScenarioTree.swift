// The untyped scenario tree: what a YAML file says, before it is given
// meaning. Every node remembers where it came from so that a problem found
// after `extends:` merging and `--set` overrides still points at the right
// file and line.

/// Where a node was written: a file position or a `--set` override.
public struct ScenarioOrigin: Sendable, Hashable {
    /// The file as the user named it, or `--set key=value`.
    public var file: String
    /// 1-based line and column; nil for `--set` values.
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file; self.line = line; self.column = column
    }
}

/// A node of the untyped tree: a scalar (kept as its text), a mapping with
/// text keys in document order, or a sequence.
///
/// Scalars keep their text and whether they were quoted: typing happens
/// later, field by field, so `08:30` stays a clock time (YAML 1.1 would read
/// `8:30` as the sexagesimal integer 510) and `"3"` is not silently a number.
struct ScenarioNode: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case scalar(String, quoted: Bool)
        case mapping([Entry])
        case sequence([ScenarioNode])
    }

    struct Entry: Sendable, Hashable {
        var key: String
        var keyOrigin: ScenarioOrigin
        var value: ScenarioNode
    }

    var kind: Kind
    var origin: ScenarioOrigin
    /// An explicit tag the loader understands (`!replace`), or nil.
    var tag: String?

    init(_ kind: Kind, origin: ScenarioOrigin, tag: String? = nil) {
        self.kind = kind; self.origin = origin; self.tag = tag
    }

    /// `~`, `null` or an empty plain value: "nothing here".
    var isNull: Bool {
        guard case .scalar(let text, let quoted) = kind, !quoted else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    var entries: [Entry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    var items: [ScenarioNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    var scalarText: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// The value under `key` in a mapping.
    func value(_ key: String) -> ScenarioNode? {
        entries?.first(where: { $0.key == key })?.value
    }

    /// A short description of what this node is, for "expected X, got Y".
    var shortDescription: String {
        switch kind {
        case .scalar(let text, let quoted):
            if isNull { return "nothing (null)" }
            let shown = text.count > 40 ? String(text.prefix(37)) + "…" : text
            return quoted ? "the text \"\(shown)\"" : shown
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// A position in the scenario: `offices[0].sections[1].staff[0].count`.
struct ScenarioPath: Sendable, Hashable, CustomStringConvertible {
    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }
    var components: [Component] = []

    static let root = ScenarioPath()

    func appending(_ key: String) -> ScenarioPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    func appending(index: Int) -> ScenarioPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    static func + (path: ScenarioPath, key: String) -> ScenarioPath { path.appending(key) }
    static func + (path: ScenarioPath, index: Int) -> ScenarioPath { path.appending(index: index) }

    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let i):
                text += "[\(i)]"
            }
        }
        return text
    }
}
