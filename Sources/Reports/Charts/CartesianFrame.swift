/// The layout shared by x–y charts: legend on top, y axis on the left with a
/// rotated title, x axis below. It picks tick counts so that no two tick
/// labels overlap and sizes the margins from the widest label.
///
/// Complexity: a few axis rebuilds (≤ 10) per chart; negligible.
struct CartesianFrame {
    var height: Double
    var legend: LegendLayout
    var legendTop: Double
    var area: PlotArea
    var x: Axis
    var y: Axis

    /// - Parameters:
    ///   - makeX: builds the x axis for a maximum tick count.
    ///   - makeY: builds the y axis for a maximum tick count.
    init(height: Double, legendItems: [LegendItem], makeX: (Int) -> Axis, makeY: (Int) -> Axis) {
        let m = ChartStyle.outerMargin
        self.height = height
        legend = LegendLayout(items: legendItems, left: m + 4, right: ChartStyle.width - m)
        legendTop = m - 4
        let top = legendTop + legend.height + (legend.rows > 0 ? 12 : 6)
        let bottom = ChartStyle.tickFont + 8 + ChartStyle.titleFont + 14
        let plotHeight = height - top - bottom
        y = Axis.fitting(length: plotHeight, fontSize: ChartStyle.tickFont, horizontal: false, start: 7, makeY)
        let widestY = y.ticks.map { TextMetrics.width(of: $0.label, fontSize: ChartStyle.tickFont) }.max() ?? 0
        let left = m + ChartStyle.titleFont + 10 + widestY + 6
        // Leave room for half of the last x label to the right of the plot.
        let provisionalX = makeX(10)
        let lastHalf = (provisionalX.ticks.last.map { TextMetrics.width(of: $0.label, fontSize: ChartStyle.tickFont) } ?? 0) / 2
        let right = max(m + 6, lastHalf + 4)
        let plotWidth = ChartStyle.width - left - right
        x = Axis.fitting(length: plotWidth, fontSize: ChartStyle.tickFont, horizontal: true, start: 10, makeX)
        area = PlotArea(left: left, top: top, width: plotWidth, height: plotHeight)
    }

    /// Grid lines, then axis lines, ticks, tick labels and both axis titles.
    func drawAxes(_ w: inout SVGWriter, verticalGrid: Bool = true) {
        drawGrid(&w, verticalGrid: verticalGrid)
        drawYAxis(&w)
        drawXAxis(&w)
    }

    func drawGrid(_ w: inout SVGWriter, verticalGrid: Bool) {
        w.open("g", ["class": "grid", "stroke": ChartStyle.grid, "stroke-width": "1"])
        for t in y.ticks {
            let py = area.y(y, t.value)
            w.element("line", ["x1": svgNumber(area.left), "x2": svgNumber(area.right), "y1": svgNumber(py), "y2": svgNumber(py)])
        }
        if verticalGrid {
            for t in x.ticks {
                let px = area.x(x, t.value)
                w.element("line", ["x1": svgNumber(px), "x2": svgNumber(px), "y1": svgNumber(area.top), "y2": svgNumber(area.bottom),
                                   "stroke-dasharray": "2 3"])
            }
        }
        w.close()
        w.newline()
    }

    func drawYAxis(_ w: inout SVGWriter) {
        w.open("g", ["class": "axis axis-y"])
        w.element("line", ["x1": svgNumber(area.left), "x2": svgNumber(area.left), "y1": svgNumber(area.top),
                           "y2": svgNumber(area.bottom), "stroke": ChartStyle.axis])
        for t in y.ticks {
            let py = area.y(y, t.value)
            w.element("line", ["x1": svgNumber(area.left - 4), "x2": svgNumber(area.left), "y1": svgNumber(py), "y2": svgNumber(py),
                               "stroke": ChartStyle.axis])
            w.text(t.label, ["x": svgNumber(area.left - 7), "y": svgNumber(py + 4), "text-anchor": "end"])
        }
        drawYTitle(&w, y.title, x: ChartStyle.outerMargin + ChartStyle.titleFont, centre: area.top + area.height / 2, length: area.height)
        w.close()
        w.newline()
    }

    func drawXAxis(_ w: inout SVGWriter) {
        w.open("g", ["class": "axis axis-x"])
        w.element("line", ["x1": svgNumber(area.left), "x2": svgNumber(area.right), "y1": svgNumber(area.bottom),
                           "y2": svgNumber(area.bottom), "stroke": ChartStyle.axis])
        for t in x.ticks {
            let px = area.x(x, t.value)
            w.element("line", ["x1": svgNumber(px), "x2": svgNumber(px), "y1": svgNumber(area.bottom), "y2": svgNumber(area.bottom + 4),
                               "stroke": ChartStyle.axis])
            w.text(t.label, ["x": svgNumber(px), "y": svgNumber(area.bottom + 6 + ChartStyle.tickFont), "text-anchor": "middle"])
        }
        let titleY = area.bottom + ChartStyle.tickFont + 10 + ChartStyle.titleFont
        drawXTitle(&w, x.title, centre: area.left + area.width / 2, y: titleY, length: area.width)
        w.close()
        w.newline()
    }
}

/// A horizontal axis title, truncated to the axis length.
func drawXTitle(_ w: inout SVGWriter, _ title: String, centre: Double, y: Double, length: Double) {
    let shown = TextMetrics.truncate(title, toWidth: length, fontSize: ChartStyle.titleFont)
    w.text(shown, ["x": svgNumber(centre), "y": svgNumber(y), "text-anchor": "middle",
                   "font-size": svgNumber(ChartStyle.titleFont), "class": "axis-title"], full: title)
}

/// A vertical (rotated) axis title, truncated to the axis length.
func drawYTitle(_ w: inout SVGWriter, _ title: String, x: Double, centre: Double, length: Double) {
    let shown = TextMetrics.truncate(title, toWidth: length, fontSize: ChartStyle.titleFont)
    w.text(shown, ["x": svgNumber(x), "y": svgNumber(centre), "text-anchor": "middle",
                   "font-size": svgNumber(ChartStyle.titleFont), "class": "axis-title",
                   "transform": "rotate(-90 \(svgNumber(x)) \(svgNumber(centre)))"], full: title)
}

/// A labelled horizontal or vertical line across the plot (a lobby's seat
/// count, a 30-minute waiting target).
public struct ReferenceLine: Sendable, Hashable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

extension CartesianFrame {
    func drawHorizontalReference(_ w: inout SVGWriter, _ line: ReferenceLine) {
        guard line.value >= y.lower, line.value <= y.upper else { return }
        let py = area.y(y, line.value)
        w.open("g", ["class": "reference"])
        w.element("line", ["x1": svgNumber(area.left), "x2": svgNumber(area.right), "y1": svgNumber(py), "y2": svgNumber(py),
                           "stroke": "#555555", "stroke-width": "1.2", "stroke-dasharray": "5 2 1 2"])
        let shown = TextMetrics.truncate(line.label, toWidth: area.width / 2, fontSize: ChartStyle.valueFont)
        w.text(shown, ["x": svgNumber(area.right - 3), "y": svgNumber(py - 4), "text-anchor": "end",
                       "font-size": svgNumber(ChartStyle.valueFont), "fill": "#333333", "stroke": "#ffffff", "stroke-width": "3", "paint-order": "stroke"], full: line.label)
        w.close()
    }

    func drawVerticalReference(_ w: inout SVGWriter, _ line: ReferenceLine, labelRow: Int) {
        guard line.value >= x.lower, line.value <= x.upper else { return }
        let px = area.x(x, line.value)
        w.open("g", ["class": "reference"])
        w.element("line", ["x1": svgNumber(px), "x2": svgNumber(px), "y1": svgNumber(area.top), "y2": svgNumber(area.bottom),
                           "stroke": "#555555", "stroke-width": "1.2", "stroke-dasharray": "5 2 1 2"])
        // Near the bottom: rising curves (distribution functions) leave it empty at the targets.
        let ly = area.bottom - 6 - Double(labelRow) * (ChartStyle.valueFont + 3)
        w.text(line.label, ["x": svgNumber(px + 3), "y": svgNumber(ly), "font-size": svgNumber(ChartStyle.valueFont),
                            "fill": "#333333", "stroke": "#ffffff", "stroke-width": "3", "paint-order": "stroke"])
        w.close()
    }
}
