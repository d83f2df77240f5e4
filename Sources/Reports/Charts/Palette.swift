import Foundation

/// Colours, dash patterns and markers that stay distinguishable for
/// colour-blind readers and on a greyscale printout.
///
/// Series *i* gets `Palette.color(i)` (Okabe–Ito), `Palette.dash(i)` and
/// `Palette.marker(i)`, so two series differ in at least two ways besides hue.
/// Heat maps use `Palette.sequential(_:)`, a ColorBrewer YlGnBu ramp whose
/// lightness falls monotonically, so "darker = more" survives greyscale.
///
/// ```swift
/// Palette.color(0)          // "#0072B2" (blue)
/// Palette.sequential(0.0)   // "#ffffd9" (pale)
/// Palette.sequential(1.0)   // "#081d58" (dark navy)
/// ```
public enum Palette {
    /// Okabe & Ito (2008), reordered so the first series are the ones that
    /// read best as thin lines on white; yellow comes last.
    public static let categorical = [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow
    ]

    public static func color(_ index: Int) -> String { categorical[index % categorical.count] }

    /// `stroke-dasharray` values; the empty string is a solid line.
    /// Seven patterns, so a comparison of seven scenarios (the shipped
    /// interventions with baseline and smart ward office) repeats none.
    public static let dashes = ["", "7 4", "2 3", "10 3 2 3", "4 2", "12 3 3 3 3 3", "16 5"]

    public static func dash(_ index: Int) -> String { dashes[index % dashes.count] }

    public enum Marker: CaseIterable, Sendable {
        case circle, square, triangle, diamond, triangleDown, cross, plus
    }

    public static func marker(_ index: Int) -> Marker { Marker.allCases[index % Marker.allCases.count] }

    /// Fill patterns for bars, drawn over the series colour (index 0: none).
    enum Hatch: CaseIterable { case none, diagonal, dots, crosshatch, horizontal, antidiagonal, vertical }

    static func hatch(_ index: Int) -> Hatch { Hatch.allCases[index % Hatch.allCases.count] }

    /// ColorBrewer YlGnBu, 9 classes (light → dark).
    static let ramp: [(Double, Double, Double)] = [
        (0xff, 0xff, 0xd9), (0xed, 0xf8, 0xb1), (0xc7, 0xe9, 0xb4), (0x7f, 0xcd, 0xbb), (0x41, 0xb6, 0xc4),
        (0x1d, 0x91, 0xc0), (0x22, 0x5e, 0xa8), (0x25, 0x34, 0x94), (0x08, 0x1d, 0x58),
    ]

    /// A colour for `t` in 0…1 (clamped), interpolated along the ramp.
    public static func sequential(_ t: Double) -> String {
        let (r, g, b) = sequentialRGB(t)
        return hex(r, g, b)
    }

    static func sequentialRGB(_ t: Double) -> (Double, Double, Double) {
        let clamped = t.isFinite ? min(1, max(0, t)) : 0
        let position = clamped * Double(ramp.count - 1)
        let i = min(ramp.count - 2, Int(position))
        let f = position - Double(i)
        let a = ramp[i], b = ramp[i + 1]
        return (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }

    /// Relative luminance (WCAG) of an sRGB colour with 0…255 channels.
    static func luminance(_ r: Double, _ g: Double, _ b: Double) -> Double {
        func channel(_ c: Double) -> Double {
            let s = c / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// Black or white, whichever contrasts more with the ramp colour at `t`.
    static func textColor(onSequential t: Double) -> String {
        let (r, g, b) = sequentialRGB(t)
        // Contrast with black (L+0.05)/0.05 vs with white 1.05/(L+0.05): equal at L ≈ 0.179.
        return luminance(r, g, b) > 0.179 ? "#000000" : "#ffffff"
    }

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        func two(_ v: Double) -> String {
            let n = Int(min(255, max(0, v.rounded())))
            return String(digits[n / 16]) + String(digits[n % 16])
        }
        return "#" + two(r) + two(g) + two(b)
    }
}
