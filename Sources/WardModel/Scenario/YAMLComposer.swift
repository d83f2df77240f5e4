import CYaml

/// Builds a `ScenarioNode` tree from YAML text, straight from libyaml's event
/// stream (the C library inside Yams).
///
/// Why not `Yams.compose`: its composer recurses once per nesting level and
/// hashes mapping keys, so an alias bomb used as a key (`? *lol9 : x`) walks
/// 10⁹ shared nodes before any check of ours could run. Here the tree is
/// built iteratively with an explicit stack, and while the events stream by
/// we count every value *as if aliases were expanded*, and the depth an
/// alias would reach. A billion-laughs file therefore fails at the alias that
/// crosses `maximumNodes`, after reading a few hundred bytes.
///
/// Also handled here: duplicate keys (an error), merge keys (`<<: *base`),
/// tags (`!replace` is kept; `!!str` makes a scalar text; others are
/// rejected), one document per file.
///
/// Complexity: O(bytes + expanded values), bounded by the limits.
enum YAMLComposer {
    /// Parses one YAML document. Returns nil for an empty stream (no document).
    static func compose(_ bytes: [UInt8], file: String, limits: ScenarioLimits) throws(ScenarioError) -> ScenarioNode? {
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw ScenarioError(file: file, message: "out of memory while starting the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        let result: Result<ScenarioNode?, ScenarioError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = Builder(file: file, limits: limits)
            do {
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(&parser, &event) == 1 else {
                        throw syntaxError(parser, bytes: buffer, file: file, limits: limits)
                    }
                    defer { yaml_event_delete(&event) }
                    if try builder.handle(&event) { break }
                }
                return .success(builder.root)
            } catch let error as ScenarioError {
                return .failure(error)
            } catch {
                return .failure(ScenarioError(file: file, message: "\(error)"))
            }
        }
        return try result.get()
    }

    /// libyaml's own error, with its position and context.
    private static func syntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, file: String,
                                    limits: ScenarioLimits) -> ScenarioError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return ScenarioError(file: file, message: "out of memory while reading YAML")
        case YAML_READER_ERROR:
            // Reader errors (bad UTF-8, control characters) carry a byte offset.
            let (line, column) = position(ofByte: parser.problem_offset, in: bytes)
            return ScenarioError(file: file, line: line, column: column,
                                 message: "not readable as UTF-8 YAML text: \(problem)")
        default:
            var message = "invalid YAML: \(problem)"
            if let context = parser.context.map({ String(cString: $0) }) {
                message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
            if problem.contains("Maximum nesting level") {
                message = "nested more than \(limits.maximumDepth) levels deep"
            }
            return ScenarioError(file: file, line: parser.problem_mark.line + 1,
                                 column: parser.problem_mark.column + 1, message: message)
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    static func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    private struct Anchored {
        var node: ScenarioNode
        var size: Int
        var height: Int
    }

    private struct Frame {
        var isMapping: Bool
        var origin: ScenarioOrigin
        var tag: String?
        var anchor: String?
        var items: [ScenarioNode] = []
        var entries: [ScenarioNode.Entry] = []
        var keyLines: [String: Int] = [:]
        var pendingKey: (key: String, origin: ScenarioOrigin)? = nil
        var pendingMerge = false
        var merges: [ScenarioNode] = []
        var size = 1
        var height = 1
    }

    private struct Builder {
        let file: String
        let limits: ScenarioLimits
        var stack: [Frame] = []
        var anchors: [String: Anchored] = [:]
        var root: ScenarioNode? = nil
        var documents = 0
        /// Values so far, counting every alias as the values it stands for.
        var expanded = 0

        init(file: String, limits: ScenarioLimits) { self.file = file; self.limits = limits }

        func origin(_ mark: yaml_mark_t) -> ScenarioOrigin {
            ScenarioOrigin(file: file, line: mark.line + 1, column: mark.column + 1)
        }

        func fail(_ origin: ScenarioOrigin, _ message: String) -> ScenarioError {
            ScenarioError(file: origin.file, line: origin.line, column: origin.column, message: message)
        }

        /// Handles one event; true at the end of the stream.
        mutating func handle(_ event: inout yaml_event_t) throws(ScenarioError) -> Bool {
            let here = origin(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return true
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw fail(here, "a scenario file holds one YAML document; remove this second `---` document")
                }
            case YAML_SCALAR_EVENT:
                try count(1, at: here)
                let data = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
                let tag = cString(data.tag)
                var quoted = data.style != YAML_PLAIN_SCALAR_STYLE
                switch tag {
                case nil, "!": break
                case "tag:yaml.org,2002:str": quoted = true
                default: throw fail(here, unsupportedTag(tag!))
                }
                let node = ScenarioNode(.scalar(text, quoted: quoted), origin: here)
                try attach(node, size: 1, height: 0, anchor: cString(data.anchor), at: here)
            case YAML_ALIAS_EVENT:
                let name = cString(event.data.alias.anchor) ?? ""
                guard let anchored = anchors[name] else {
                    throw fail(here, "alias *\(name) refers to no anchor &\(name) defined above it")
                }
                if stack.count + anchored.height > limits.maximumDepth {
                    throw fail(here, "alias *\(name) nests values more than \(limits.maximumDepth) levels deep")
                }
                try count(anchored.size, at: here)
                try attach(anchored.node, size: anchored.size, height: anchored.height, anchor: nil, at: here)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                try count(1, at: here)
                if stack.count + 1 > limits.maximumDepth {
                    throw fail(here, "nested more than \(limits.maximumDepth) levels deep")
                }
                let tagPointer = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
                let anchorPointer = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                var tag = cString(tagPointer)
                switch tag {
                case nil, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map": tag = nil
                case "!replace": break
                default: throw fail(here, unsupportedTag(tag!))
                }
                stack.append(Frame(isMapping: isMapping, origin: here, tag: tag, anchor: cString(anchorPointer)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                var frame = stack.removeLast()
                let node: ScenarioNode
                if frame.isMapping {
                    // Merge keys: explicit keys win, then earlier sources.
                    for source in frame.merges {
                        for entry in source.entries ?? [] where frame.keyLines[entry.key] == nil {
                            frame.keyLines[entry.key] = entry.keyOrigin.line ?? 0
                            frame.entries.append(entry)
                        }
                    }
                    node = ScenarioNode(.mapping(frame.entries), origin: frame.origin, tag: frame.tag)
                } else {
                    node = ScenarioNode(.sequence(frame.items), origin: frame.origin, tag: frame.tag)
                }
                try attach(node, size: frame.size, height: frame.height, anchor: frame.anchor, at: frame.origin)
            default:
                break  // stream start, document end
            }
            return false
        }

        mutating func count(_ values: Int, at here: ScenarioOrigin) throws(ScenarioError) {
            expanded += values
            if expanded > limits.maximumNodes {
                throw fail(here, "the document holds more than \(limits.maximumNodes) values once aliases are expanded"
                           + " (an alias bomb?); scenario files are far smaller")
            }
        }

        mutating func attach(_ node: ScenarioNode, size: Int, height: Int, anchor: String?,
                             at here: ScenarioOrigin) throws(ScenarioError) {
            if let anchor { anchors[anchor] = Anchored(node: node, size: size, height: height) }
            guard !stack.isEmpty else {
                if root == nil { root = node }
                return
            }
            let top = stack.count - 1
            stack[top].size += size
            stack[top].height = max(stack[top].height, height + 1)
            if !stack[top].isMapping {
                stack[top].items.append(node)
                return
            }
            if let pending = stack[top].pendingKey {
                stack[top].pendingKey = nil
                stack[top].entries.append(.init(key: pending.key, keyOrigin: pending.origin, value: node))
                return
            }
            if stack[top].pendingMerge {
                stack[top].pendingMerge = false
                let sources = node.items ?? [node]
                for source in sources where source.entries == nil {
                    throw fail(here, "`<<` merges mappings; this is \(source.shortDescription)")
                }
                stack[top].merges.append(contentsOf: sources)
                return
            }
            // A key.
            guard case .scalar(let key, let quoted) = node.kind else {
                throw fail(here, "mapping keys must be plain text, not \(node.shortDescription)")
            }
            if key == "<<" && !quoted {
                stack[top].pendingMerge = true
                return
            }
            if let line = stack[top].keyLines[key] {
                throw fail(node.origin, "duplicate key `\(key)` (already given at line \(line))")
            }
            stack[top].keyLines[key] = node.origin.line ?? 0
            stack[top].pendingKey = (key, node.origin)
        }

        func unsupportedTag(_ tag: String) -> String {
            let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
            return "unsupported YAML tag `\(shown)` (understood: `!replace` on a list or mapping, `!!str` on a value)"
        }

        func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let pointer else { return nil }
            return String(cString: pointer)
        }
    }
}
