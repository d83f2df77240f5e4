// What the comments of a scenario file tell: its opening comment (the
// default description) and the parameter ids it cites (`# C3`, `(B12)`).

extension ScenarioLoader {
    /// The comment block a file opens with, without the `#` markers.
    static func openingComment(_ bytes: [UInt8]) -> String {
        var lines: [Substring] = []
        let text = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\u{FEFF}" })
            guard trimmed.hasPrefix("#") else { break }
            var body = trimmed.dropFirst()
            if body.first == " " { body = body.dropFirst() }
            lines.append(body)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Parameter ids (A1…G99, Q1…Q99) mentioned in comments, sorted by letter
    /// then number.
    static func citedSources(_ files: [[UInt8]]) -> [String] {
        var found = Set<String>()
        for bytes in files {
            let text = String(decoding: bytes, as: UTF8.self)
            for line in text.split(separator: "\n") {
                guard let comment = commentPart(line) else { continue }
                var token = ""
                for c in comment + " " {
                    if c.isASCII && (c.isLetter || c.isNumber) { token.append(c); continue }
                    if isParameterID(token) { found.insert(token) }
                    token = ""
                }
            }
        }
        return found.sorted { a, b in
            a.first! != b.first! ? a.first! < b.first! : Int(a.dropFirst())! < Int(b.dropFirst())!
        }
    }

    private static func isParameterID(_ token: String) -> Bool {
        guard let first = token.first, "ABCDEFGQ".contains(first) else { return false }
        let digits = token.dropFirst()
        return (1...2).contains(digits.count) && digits.allSatisfy(\.isNumber) && digits.first != "0"
    }

    /// The text after a `#` that starts a comment (not inside quotes).
    private static func commentPart(_ line: Substring) -> Substring? {
        var quote: Character? = nil
        var previous: Character = " "
        for index in line.indices {
            let c = line[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                if previous == " " || previous == ":" || previous == "[" || previous == "{" || previous == "," { quote = c }
            } else if c == "#", previous == " " || previous == "\t" || index == line.startIndex {
                return line[line.index(after: index)...]
            }
            previous = c
        }
        return nil
    }
}
