/// Rough text widths, good enough to keep labels from overlapping.
///
/// There is no font engine here, and the reader's font is unknown (Hiragino,
/// Noto, Meiryo …), so widths are estimated per character class and erred on
/// the wide side: full-width (CJK, kana, full-width forms) ≈ 1 em, digits
/// and most Latin ≈ 0.6 em, narrow punctuation ≈ 0.35 em.
///
/// ```swift
/// TextMetrics.width(of: "09:00", fontSize: 11)   // ≈ 30
/// TextMetrics.width(of: "市民課", fontSize: 11)   // 33
/// ```
enum TextMetrics {
    static func width(of text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += emWidth(scalar) }
        return ems * fontSize
    }

    static func emWidth(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        if isWide(v) { return 1.0 }
        switch scalar {
        case ".", ",", ":", ";", "'", "|", "!", "i", "l", "I", "j", "(", ")", "[", "]", " ": return 0.34
        case "m", "w", "M", "W", "%", "@": return 0.9
        default: return v < 0x80 ? 0.62 : 0.7
        }
    }

    /// East-Asian wide and full-width ranges (the ones that occur in ward
    /// office names and Japanese labels).
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// Shortens `text` with an ellipsis so that it fits `maxWidth`. Returns
    /// the text unchanged when it already fits.
    static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        if width(of: text, fontSize: fontSize) <= maxWidth { return text }
        let ellipsis = "…"
        let budget = maxWidth - width(of: ellipsis, fontSize: fontSize)
        var used = 0.0
        var kept = ""
        for character in text {
            let w = width(of: String(character), fontSize: fontSize)
            if used + w > budget { break }
            used += w
            kept.append(character)
        }
        // Trailing spaces before an ellipsis read as a gap.
        while kept.last == " " { kept.removeLast() }
        return kept + ellipsis
    }
}
