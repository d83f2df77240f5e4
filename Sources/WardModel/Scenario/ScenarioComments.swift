// What the comments of a scenario file tell: its opening comment (the
// default description) and the parameter ids it cites (`# C3`, `(B12)`).
// Both scan bytes: comments are found by ASCII markers, so no decoding of
// the whole file is needed. O(bytes).

extension ScenarioLoader {
    /// The comment block a file opens with, without the `#` markers.
    static func openingComment(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }  // byte-order mark
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var i = start
            while i < end, bytes[i] == 0x20 { i += 1 }
            guard i < end, bytes[i] == 0x23 else { break }  // "#"
            i += 1
            if i < end, bytes[i] == 0x20 { i += 1 }
            var lineEnd = end
            if lineEnd > i, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            lines.append(String(decoding: bytes[i..<lineEnd], as: UTF8.self))
            start = end + 1
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Parameter ids (A1…G99, Q1…Q99) mentioned in comments, sorted by letter
    /// then number.
    static func citedSources(_ files: [[UInt8]]) -> [String] {
        var found = Set<String>()
        for bytes in files {
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if let comment = commentStart(bytes, start, end) {
                    var token = comment
                    for i in comment...end {
                        let c: UInt8 = i < end ? bytes[i] : 0x20
                        let alphanumeric = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                        if alphanumeric { continue }
                        if let id = parameterID(bytes[token..<i]) { found.insert(id) }
                        token = i + 1
                    }
                }
                start = end + 1
            }
        }
        return found.sorted { a, b in
            a.first! != b.first! ? a.first! < b.first! : Int(a.dropFirst())! < Int(b.dropFirst())!
        }
    }

    /// `A5`, `B12`, `Q7`: a letter A–G or Q, then one or two digits (no leading 0).
    private static func parameterID(_ token: ArraySlice<UInt8>) -> String? {
        guard (2...3).contains(token.count), let first = token.first,
              (first >= 0x41 && first <= 0x47) || first == 0x51 else { return nil }
        let digits = token.dropFirst()
        guard digits.first != 0x30, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(decoding: token, as: UTF8.self)
    }

    /// Index just after a `#` that starts a comment in bytes[start..<end]
    /// (at the line start or after a space, not inside quotes).
    private static func commentStart(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var quote: UInt8? = nil
        var previous: UInt8 = 0x20
        var i = start
        while i < end {
            let c = bytes[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == 0x22 || c == 0x27 {  // " or '
                if [0x20, 0x3A, 0x5B, 0x7B, 0x2C].contains(previous) { quote = c }
            } else if c == 0x23, previous == 0x20 || previous == 0x09 {
                return i + 1
            }
            previous = c
            i += 1
        }
        return nil
    }
}
