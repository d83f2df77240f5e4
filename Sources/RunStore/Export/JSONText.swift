/// A JSON value with object keys in the order written, and its text.
///
/// Hand-rolled rather than `JSONEncoder` so that keys come out in a fixed,
/// readable order (id first), undefined numbers (NaN, ±∞) become `null`,
/// and output is byte-identical on every platform.
///
/// ```swift
/// JSONText.object([("id", .int(3)), ("mean", .number(.nan)), ("tags", .array([.string("a")]))]).text
/// // {
/// //   "id": 3,
/// //   "mean": null,
/// //   "tags": ["a"]
/// // }
/// ```
public indirect enum JSONText: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case unsigned(UInt64)
    /// Written in Swift's shortest round-trip form (`12.5`, `1e-05`); NaN
    /// and infinities as `null`.
    case number(Double)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])
    /// Text already known to be valid JSON, inserted as it is.
    case raw(String)

    /// Pretty-printed with two-space indents; an array or object whose
    /// members are all scalars stays on one line, so a table of rows reads
    /// one row per line.
    public var text: String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object, .raw: false
        default: true
        }
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .unsigned(let u): out += String(u)
        case .number(let x): out += x.isFinite ? "\(x)" : "null"
        case .string(let s): out += RunKey.quoted(s)
        case .raw(let text): out += text
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &out, indent: indent)
        case .object(let members):
            writeContainer(members.map { (Optional($0.0), $0.1) }, open: "{", close: "}", to: &out, indent: indent)
        }
    }

    private func writeContainer(_ members: [(String?, JSONText)], open: String, close: String,
                                to out: inout String, indent: Int) {
        if members.isEmpty { out += open + close; return }
        let inline = members.allSatisfy { $0.1.isScalar }
        out += open
        for (i, (key, value)) in members.enumerated() {
            if i > 0 { out += inline ? ", " : "," }
            if !inline { out += "\n" + String(repeating: "  ", count: indent + 1) }
            if let key { out += RunKey.quoted(key) + ": " }
            value.write(to: &out, indent: indent + 1)
        }
        if !inline { out += "\n" + String(repeating: "  ", count: indent) }
        out += close
    }
}

extension JSONText {
    /// `text` as a JSON string literal (RFC 8259 escapes; every other
    /// character as it is), the same bytes on every platform: stored
    /// identities (run keys, sweep specifications) are built with it.
    public static func quoted(_ text: String) -> String { RunKey.quoted(text) }
}
