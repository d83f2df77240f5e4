/// Anything the chart module can draw.
///
/// Every chart is a plain value (data plus labels); `render(idPrefix:)`
/// turns it into one `<svg>` element with a fixed `viewBox` 680 px wide (the
/// printable width of A4 at 96 px/in with 15 mm margins) and `width="100%"`,
/// so it scales down on narrow screens and never gets cut when printed.
///
/// `idPrefix` keeps the ids inside one chart (its `<title>`, fill patterns)
/// unique when several charts are inlined in the same HTML page; the page
/// builder passes `fig-1`, `fig-2`, ….
///
/// ```swift
/// let chart = LineChart(title: "Mean wait", xAxisTitle: "Counters",
///                       yAxisTitle: "Wait (min)", series: [...])
/// let svg = chart.render(idPrefix: "fig-3").markup
/// ```
public protocol Chart: Sendable {
    /// The chart's accessible name (`<title>` of the SVG).
    var title: String { get }
    func render(idPrefix: String) -> SVGFragment
}

extension Chart {
    /// Renders with a default id prefix; fine when the chart stands alone.
    public func render() -> SVGFragment { render(idPrefix: "chart") }
}

/// Sizes and colours shared by every chart, in SVG user units (px).
enum ChartStyle {
    static let width = 680.0
    static let tickFont = 11.0
    static let titleFont = 12.0
    static let legendFont = 11.0
    static let valueFont = 10.0
    static let fontFamily = "'Hiragino Sans', 'Noto Sans CJK JP', 'Noto Sans JP', 'Yu Gothic', 'Meiryo', 'Helvetica Neue', Arial, sans-serif"
    static let text = "#222222"
    static let axis = "#444444"
    static let grid = "#dddddd"
    static let outerMargin = 10.0
    /// Longest a legend or category label may get before it is truncated
    /// (the full name stays in a `<title>`).
    static let maxLabelWidth = 190.0
    /// Legend entries may be longer: they have a row to themselves if needed.
    static let maxLegendWidth = 300.0
}

/// The rectangle the data is drawn in.
struct PlotArea {
    var left: Double
    var top: Double
    var width: Double
    var height: Double
    var right: Double { left + width }
    var bottom: Double { top + height }

    func x(_ axis: Axis, _ value: Double) -> Double { left + axis.fraction(value) * width }
    func y(_ axis: Axis, _ value: Double) -> Double { bottom - axis.fraction(value) * height }
}

/// Opens the root `<svg>` element with its accessible title.
func beginChart(_ w: inout SVGWriter, idPrefix: String, title: String, height: Double, kind: String) {
    let id = sanitizedIdentifier(idPrefix)
    w.open("svg", [
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": "0 0 \(svgNumber(ChartStyle.width)) \(svgNumber(height))",
        "width": "100%",
        "role": "img",
        "aria-labelledby": id + "-title",
        "class": "chart chart-" + kind,
        "font-family": ChartStyle.fontFamily,
        "font-size": svgNumber(ChartStyle.tickFont),
        "fill": ChartStyle.text,
    ])
    w.element("title", ["id": id + "-title"], text: title)
    w.newline()
}

// MARK: - Legend

/// What a legend entry shows next to its label.
enum LegendSymbol {
    /// A line sample in the series' colour and dash, with its marker.
    case line(series: Int)
    /// A filled box in the series' colour and hatch (bars).
    case swatch(series: Int)
    /// A light box in the series' colour: a confidence band.
    case band(series: Int)
    /// A light grey box for "all bands".
    case neutralBand
    /// An I-shaped confidence whisker.
    case whisker
}

struct LegendItem {
    var symbol: LegendSymbol
    var label: String
}

/// Legend entries flowed left to right, wrapping to new rows: laid out once
/// so the chart knows how much height it takes before drawing the plot.
struct LegendLayout {
    struct Placed { var item: LegendItem; var shown: String; var x: Double; var row: Int }
    static let symbolWidth = 26.0
    static let rowHeight = 18.0
    var placed: [Placed] = []
    var rows = 0
    var height: Double { Double(rows) * Self.rowHeight }

    init(items: [LegendItem], left: Double, right: Double) {
        guard !items.isEmpty else { return }
        var x = left, row = 0
        for item in items {
            let shown = TextMetrics.truncate(item.label, toWidth: ChartStyle.maxLegendWidth, fontSize: ChartStyle.legendFont)
            let w = Self.symbolWidth + 5 + TextMetrics.width(of: shown, fontSize: ChartStyle.legendFont)
            if x > left && x + w > right { row += 1; x = left }
            placed.append(Placed(item: item, shown: shown, x: x, row: row))
            x += w + 18
        }
        rows = row + 1
    }

    func draw(_ w: inout SVGWriter, top: Double, idPrefix: String) {
        guard !placed.isEmpty else { return }
        w.open("g", ["class": "legend", "font-size": svgNumber(ChartStyle.legendFont)])
        for p in placed {
            let cy = top + Double(p.row) * Self.rowHeight + Self.rowHeight / 2
            switch p.item.symbol {
            case .line(let s):
                drawSeriesLine(&w, series: s, points: [(p.x, cy), (p.x + Self.symbolWidth, cy)], cls: "legend-line")
                drawMarker(&w, series: s, x: p.x + Self.symbolWidth / 2, y: cy)
            case .swatch(let s):
                drawBarRect(&w, series: s, x: p.x + 4, y: cy - 6, width: Self.symbolWidth - 8, height: 12, idPrefix: idPrefix,
                            cls: "swatch")
            case .band(let s):
                w.element("rect", ["x": svgNumber(p.x), "y": svgNumber(cy - 6), "width": svgNumber(Self.symbolWidth),
                                   "height": "12", "fill": Palette.color(s), "fill-opacity": "0.2"])
            case .whisker:
                let cx = p.x + Self.symbolWidth / 2
                w.element("path", ["d": "M\(svgNumber(cx)) \(svgNumber(cy - 6))V\(svgNumber(cy + 6))M\(svgNumber(cx - 3)) \(svgNumber(cy - 6))h6M\(svgNumber(cx - 3)) \(svgNumber(cy + 6))h6",
                                   "stroke": "#222222", "stroke-width": "1.2", "fill": "none"])
            case .neutralBand:
                w.element("rect", ["x": svgNumber(p.x), "y": svgNumber(cy - 6), "width": svgNumber(Self.symbolWidth),
                                   "height": "12", "fill": "#777777", "fill-opacity": "0.25"])
            }
            w.text(p.shown, ["x": svgNumber(p.x + Self.symbolWidth + 5), "y": svgNumber(cy + 4)], full: p.item.label)
        }
        w.close()
        w.newline()
    }
}

// MARK: - Series drawing

/// A polyline in the series' colour and dash pattern.
func drawSeriesLine(_ w: inout SVGWriter, series: Int, points: [(Double, Double)], cls: String = "series-line") {
    guard points.count > 1 else { return }
    var d = ""
    for (i, p) in points.enumerated() {
        d += (i == 0 ? "M" : "L") + svgNumber(p.0) + " " + svgNumber(p.1)
    }
    drawSeriesPath(&w, series: series, d: d, cls: cls)
}

func drawSeriesPath(_ w: inout SVGWriter, series: Int, d: String, cls: String = "series-line") {
    let dash = Palette.dash(series)
    if dash.isEmpty {
        w.element("path", ["d": d, "fill": "none", "stroke": Palette.color(series), "stroke-width": "2",
                           "stroke-linejoin": "round", "class": cls])
    } else {
        w.element("path", ["d": d, "fill": "none", "stroke": Palette.color(series), "stroke-width": "2",
                           "stroke-linejoin": "round", "stroke-dasharray": dash, "class": cls])
    }
}

/// The series' marker centred on (x, y); shape varies by series so lines
/// stay apart in greyscale.
func drawMarker(_ w: inout SVGWriter, series: Int, x: Double, y: Double) {
    let r = 3.6
    let color = Palette.color(series)
    let common: SVGWriter.Attributes
    switch Palette.marker(series) {
    case .circle:
        w.element("circle", ["cx": svgNumber(x), "cy": svgNumber(y), "r": svgNumber(r), "fill": color,
                             "stroke": "#ffffff", "stroke-width": "0.8"])
        return
    case .square:
        w.element("rect", ["x": svgNumber(x - r), "y": svgNumber(y - r), "width": svgNumber(2 * r),
                           "height": svgNumber(2 * r), "fill": color, "stroke": "#ffffff", "stroke-width": "0.8"])
        return
    case .triangle:
        common = ["d": "M\(svgNumber(x)) \(svgNumber(y - r * 1.2))L\(svgNumber(x + r * 1.1)) \(svgNumber(y + r * 0.8))L\(svgNumber(x - r * 1.1)) \(svgNumber(y + r * 0.8))Z",
                  "fill": color, "stroke": "#ffffff", "stroke-width": "0.8"]
    case .triangleDown:
        common = ["d": "M\(svgNumber(x)) \(svgNumber(y + r * 1.2))L\(svgNumber(x + r * 1.1)) \(svgNumber(y - r * 0.8))L\(svgNumber(x - r * 1.1)) \(svgNumber(y - r * 0.8))Z",
                  "fill": color, "stroke": "#ffffff", "stroke-width": "0.8"]
    case .diamond:
        common = ["d": "M\(svgNumber(x)) \(svgNumber(y - r * 1.3))L\(svgNumber(x + r * 1.1)) \(svgNumber(y))L\(svgNumber(x)) \(svgNumber(y + r * 1.3))L\(svgNumber(x - r * 1.1)) \(svgNumber(y))Z",
                  "fill": color, "stroke": "#ffffff", "stroke-width": "0.8"]
    case .plus:
        common = ["d": "M\(svgNumber(x - r * 1.2)) \(svgNumber(y))H\(svgNumber(x + r * 1.2))M\(svgNumber(x)) \(svgNumber(y - r * 1.2))V\(svgNumber(y + r * 1.2))",
                  "fill": "none", "stroke": color, "stroke-width": "2.4"]
    case .cross:
        common = ["d": "M\(svgNumber(x - r)) \(svgNumber(y - r))L\(svgNumber(x + r)) \(svgNumber(y + r))M\(svgNumber(x - r)) \(svgNumber(y + r))L\(svgNumber(x + r)) \(svgNumber(y - r))",
                  "fill": "none", "stroke": color, "stroke-width": "2"]
    }
    w.element("path", common)
}

// MARK: - Bars and hatching

/// Hatch patterns for bar series, defined once per chart under `idPrefix`.
func drawHatchDefinitions(_ w: inout SVGWriter, idPrefix: String, seriesCount: Int) {
    let id = sanitizedIdentifier(idPrefix)
    w.open("defs")
    for s in 0..<seriesCount {
        let hatch = Palette.hatch(s)
        if hatch == .none { continue }
        w.open("pattern", ["id": "\(id)-hatch-\(s)", "patternUnits": "userSpaceOnUse", "width": "6", "height": "6"])
        let line: SVGWriter.Attributes = ["stroke": "#ffffff", "stroke-width": "1.3", "stroke-opacity": "0.85"]
        func stroke(_ d: String) -> SVGWriter.Attributes { SVGWriter.Attributes([("d", d)] + line.pairs) }
        switch hatch {
        case .none: break
        case .diagonal:
            w.element("path", stroke("M-1 7L7 -1M-1 1L1 -1M5 7L7 5"))
        case .antidiagonal:
            w.element("path", stroke("M-1 -1L7 7M5 -1L7 1M-1 5L1 7"))
        case .crosshatch:
            w.element("path", stroke("M-1 7L7 -1M-1 -1L7 7"))
        case .horizontal:
            w.element("path", stroke("M0 3H6"))
        case .vertical:
            w.element("path", stroke("M3 0V6"))
        case .dots:
            w.element("circle", ["cx": "3", "cy": "3", "r": "1.2", "fill": "#ffffff", "fill-opacity": "0.9"])
        }
        w.close()
    }
    w.close()
    w.newline()
}

/// A bar in the series' colour with its hatch on top.
func drawBarRect(_ w: inout SVGWriter, series: Int, x: Double, y: Double, width: Double, height: Double,
                 idPrefix: String, title: String? = nil, cls: String = "bar") {
    let geometry: SVGWriter.Attributes = ["x": svgNumber(x), "y": svgNumber(y), "width": svgNumber(max(0, width)),
                                          "height": svgNumber(max(0, height))]
    let bar = geometry.appending("fill", Palette.color(series)).appending("class", cls)
    if let title {
        w.open("rect", bar)
        w.element("title", text: title)
        w.close()
    } else {
        w.element("rect", bar)
    }
    if Palette.hatch(series) != .none {
        w.element("rect", geometry.appending("fill", "url(#\(sanitizedIdentifier(idPrefix))-hatch-\(series))"))
    }
}
