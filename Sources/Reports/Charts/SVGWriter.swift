/// XML escaping for everything the chart module writes.
///
/// Every piece of text that reaches an SVG (labels, legend names, titles,
/// attribute values) goes through here, so a scenario named
/// `<script>alert(1)</script>` shows as text and never as markup.
///
/// ```swift
/// XML.escape("a < b & \"c\"")   // "a &lt; b &amp; &quot;c&quot;"
/// ```
public enum XML {
    /// Escapes `& < > " '` and drops characters XML 1.0 forbids
    /// (C0 controls other than tab, LF and CR), which would otherwise make
    /// the whole document unparsable. Safe for text content and for
    /// attribute values in either quote style. O(n).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 Char production: no C0 controls, no U+FFFE/U+FFFF.
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A finished piece of SVG markup, built only by the chart module.
///
/// The page template inserts it unescaped (`{{{svg}}}`), which is safe
/// only because nothing outside this module can make one: its initialiser
/// is internal and every text inside was escaped by `SVGWriter`.
public struct SVGFragment: Sendable, Hashable, CustomStringConvertible {
    /// The markup, one `<svg>` element with its XML namespace.
    public let markup: String
    init(trusted markup: String) { self.markup = markup }
    public var description: String { markup }

    /// The same drawing as a standalone `.svg` file (with an XML declaration),
    /// for the Markdown report's linked figures.
    public var standaloneFile: String { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + markup + "\n" }
}

/// Builds SVG markup element by element, escaping every attribute value and
/// every text node.
///
/// Attribute *names* and element names are the chart module's own constants;
/// values may come from data and are always escaped.
///
/// ```swift
/// var w = SVGWriter()
/// w.element("rect", ["x": "0", "y": "0", "width": "10", "height": "10"])
/// w.text("Lobby <main>", ["x": "5", "y": "20"])   // text is escaped
/// ```
struct SVGWriter {
    private(set) var output = ""
    private var openElements: [String] = []

    /// Ordered attributes; written with dictionary-literal syntax and
    /// extendable (`attrs.append("class", "bar")`).
    struct Attributes: ExpressibleByDictionaryLiteral {
        var pairs: [(String, String)]
        init(dictionaryLiteral elements: (String, String)...) { pairs = elements }
        init(_ pairs: [(String, String)]) { self.pairs = pairs }
        mutating func append(_ name: String, _ value: String) { pairs.append((name, value)) }
        func appending(_ name: String, _ value: String) -> Attributes {
            var copy = self
            copy.append(name, value)
            return copy
        }
    }

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">"
        openElements.append(name)
    }

    mutating func close() {
        let name = openElements.removeLast()
        output += "</" + name + ">"
    }

    /// An empty element, `<name …/>`.
    mutating func element(_ name: String, _ attributes: Attributes = [:]) {
        output += "<" + name
        appendAttributes(attributes)
        output += "/>"
    }

    /// `<name …>text</name>` with the text escaped.
    mutating func element(_ name: String, _ attributes: Attributes = [:], text: String) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">" + XML.escape(text) + "</" + name + ">"
    }

    /// A `<text>` element; when `full` differs from the shown text (a
    /// truncated label) it carries a `<title>` so the full name shows on hover
    /// and reaches screen readers.
    mutating func text(_ shown: String, _ attributes: Attributes, full: String? = nil) {
        output += "<text"
        appendAttributes(attributes)
        output += ">"
        if let full, full != shown { output += "<title>" + XML.escape(full) + "</title>" }
        output += XML.escape(shown) + "</text>"
    }

    mutating func newline() { output += "\n" }

    /// Closes what is still open and returns the markup.
    mutating func finish() -> String {
        while !openElements.isEmpty { close() }
        return output
    }

    private mutating func appendAttributes(_ attributes: Attributes) {
        for (key, value) in attributes.pairs {
            output += " " + key + "=\"" + XML.escape(value) + "\""
        }
    }
}

/// Compact coordinate formatting: at most two decimals, no trailing zeros,
/// never exponent notation (SVG path data does not accept `1e-5`).
///
/// ```swift
/// svgNumber(12.0)     // "12"
/// svgNumber(3.14159)  // "3.14"
/// ```
func svgNumber(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    // Far outside any viewBox; clamping keeps the Int64 conversion safe.
    let scaled = (min(1e12, max(-1e12, x)) * 100).rounded()
    if scaled == 0 { return "0" }
    let negative = scaled < 0
    let magnitude = Int64(abs(scaled))
    let whole = magnitude / 100, frac = magnitude % 100
    var text = (negative ? "-" : "") + String(whole)
    if frac != 0 {
        text += frac % 10 == 0 ? "." + String(frac / 10) : (frac < 10 ? ".0" : ".") + String(frac)
    }
    return text
}

/// Turns a caller-chosen prefix into something safe as an XML id and CSS
/// selector: letters, digits, `-` and `_`, starting with a letter.
func sanitizedIdentifier(_ raw: String) -> String {
    var out = ""
    for scalar in raw.unicodeScalars {
        if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
            out.unicodeScalars.append(scalar)
        } else {
            out += "_"
        }
    }
    if out.first.map({ !$0.isLetter }) ?? true { out = "c" + out }
    return out
}
