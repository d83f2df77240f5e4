/// A plain-text table for a terminal: columns padded to their widest cell,
/// numbers right-aligned, two spaces between columns, no trailing spaces.
/// Widths count display columns, so Japanese names (two columns each) line up.
///
/// ```swift
/// var table = TextTable(["id", "scenario"], rightAligned: [0])
/// table.append(["3", "市民課"])
/// table.text
/// // id  scenario
/// //  3  市民課
/// ```
public struct TextTable: Sendable {
    public var headers: [String]
    public var rightAligned: Set<Int>
    public var rows: [[String]] = []

    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers; self.rightAligned = rightAligned
    }

    public mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "a row needs one cell per column")
        rows.append(row)
    }

    /// The table, one line per row after the header, each ending in "\n".
    public var text: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
        var out = ""
        for row in all {
            var line = ""
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - displayWidth(cell))
                if column > 0 { line += "  " }
                line += rightAligned.contains(column) ? padding + cell : cell + padding
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

/// Terminal columns `text` takes: 2 for East Asian wide and full-width
/// characters, 0 for combining marks, 1 otherwise. (An approximation of
/// Unicode's East Asian Width that covers kana, kanji, hangul and
/// full-width forms — what ward-office names use.)
public func displayWidth(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
        let v = scalar.value
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: continue  // combining, zero-width, selectors
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            width += 2
        default:
            width += 1
        }
    }
    return width
}
