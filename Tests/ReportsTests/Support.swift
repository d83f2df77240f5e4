import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a strict XML parse of a document found.
struct ParsedXML {
    var error: String?
    var elements: [String] = []
    var attributes: [[String: String]] = []
    /// All character data, concatenated (entities decoded).
    var text = ""
    /// Character data per element name.
    var textByElement: [String: [String]] = [:]
    var ok: Bool { error == nil }

    func count(of element: String, withClass cls: String? = nil) -> Int {
        zip(elements, attributes).filter { name, attrs in
            name == element && (cls.map { c in (attrs["class"] ?? "").split(separator: " ").contains(Substring(c)) } ?? true)
        }.count
    }
}

private final class Collector: NSObject, XMLParserDelegate {
    var result = ParsedXML()
    private var stack: [String] = []
    private var buffers: [String] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        result.elements.append(elementName)
        result.attributes.append(attributeDict)
        stack.append(elementName)
        buffers.append("")
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = stack.removeLast()
        let text = buffers.removeLast()
        result.textByElement[name, default: []].append(text)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        result.text += string
        if !buffers.isEmpty { buffers[buffers.count - 1] += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        result.error = "line \(parser.lineNumber), column \(parser.columnNumber): \(parseError)"
    }
}

/// Parses `text` as XML with Foundation's (libxml2-based) parser: any
/// well-formedness error is reported.
func parseXML(_ text: String) -> ParsedXML {
    let parser = XMLParser(data: Data(text.utf8))
    parser.shouldResolveExternalEntities = false
    let collector = Collector()
    parser.delegate = collector
    let ok = parser.parse()
    var result = collector.result
    if !ok && result.error == nil { result.error = "parse failed: \(String(describing: parser.parserError))" }
    return result
}

/// The `<svg …>…</svg>` fragments inlined in an HTML page (charts never nest SVGs).
func svgFragments(in html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg "), let end = rest[start.lowerBound...].range(of: "</svg>") {
        out.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return out
}

extension String {
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let r = rest.range(of: needle) { count += 1; rest = rest[r.upperBound...] }
        return count
    }
}
