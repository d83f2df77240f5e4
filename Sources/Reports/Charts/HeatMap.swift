/// A rows × columns grid of shaded cells with a colour-scale legend: staff
/// utilisation by section (rows) and hour (columns).
///
/// Values are mapped from `valueRange` (0…1 by default) onto a light→dark
/// sequential ramp, so darker always means busier, in colour and in grey.
/// The value is printed in each cell when it fits; a nil value (section
/// closed, no staff) is a pale grey cell crossed by a diagonal stroke.
///
/// ```swift
/// let chart = HeatMap(
///     title: "Staff utilisation", rows: ["市民課", "保険年金課"],
///     columns: ["08:00", "09:00"], values: [[0.42, 0.91], [0.30, nil]],
///     legendTitle: "Utilisation (%)")
/// ```
public struct HeatMap: Chart {
    public var title: String
    /// Row names (sections), top to bottom.
    public var rows: [String]
    /// Column names (hours, e.g. "09:00"), left to right.
    public var columns: [String]
    /// `values[row][column]`; nil for "no value".
    public var values: [[Double?]]
    public var legendTitle: String
    /// Title under the columns, e.g. "Hour starting".
    public var columnAxisTitle: String?
    /// Legend entry for nil cells; no entry when nil.
    public var missingLabel: String?
    public var valueRange: ClosedRange<Double>
    /// Values are fractions shown as percentages (utilisation).
    public var percent: Bool
    public var valueDecimals: Int

    public init(title: String, rows: [String], columns: [String], values: [[Double?]], legendTitle: String,
                columnAxisTitle: String? = nil, missingLabel: String? = nil,
                valueRange: ClosedRange<Double> = 0...1, percent: Bool = true, valueDecimals: Int = 0) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.values = values
        self.legendTitle = legendTitle
        self.columnAxisTitle = columnAxisTitle
        self.missingLabel = missingLabel
        self.valueRange = valueRange
        self.percent = percent
        self.valueDecimals = valueDecimals
    }

    static let cellHeight = 24.0
    static let missingFill = "#f2f2f2"

    func format(_ v: Double) -> String {
        percent ? NumberFormat.fixed(v * 100, decimals: valueDecimals) : NumberFormat.fixed(v, decimals: valueDecimals)
    }

    func scaled(_ v: Double) -> Double {
        let span = valueRange.upperBound - valueRange.lowerBound
        return span > 0 ? (v - valueRange.lowerBound) / span : 0
    }

    /// The viewBox height this chart will take.
    public var height: Double { layout().height }

    struct Layout {
        var left: Double
        var top: Double
        var cellWidth: Double
        var rowLabels: [String]
        var labelEvery: Int
        var gridBottom: Double
        var legendTop: Double
        var height: Double
    }

    func layout() -> Layout {
        let m = ChartStyle.outerMargin
        let font = ChartStyle.tickFont
        let rowLabels = rows.map { TextMetrics.truncate($0, toWidth: ChartStyle.maxLabelWidth * 0.8, fontSize: font) }
        let widest = rowLabels.map { TextMetrics.width(of: $0, fontSize: font) }.max() ?? 0
        let left = m + widest + 8
        let cellWidth = (ChartStyle.width - left - m) / Double(max(1, columns.count))
        // Label every k-th column so labels keep 6 px apart.
        let widestColumn = columns.map { TextMetrics.width(of: $0, fontSize: font) }.max() ?? 0
        var every = 1
        while Double(every) * cellWidth < widestColumn + 6 && every < max(1, columns.count) { every += 1 }
        let top = m
        let gridBottom = top + Double(rows.count) * Self.cellHeight
        let axisTitleSpace = columnAxisTitle == nil ? 0 : ChartStyle.titleFont + 8
        let legendTop = gridBottom + font + 10 + axisTitleSpace + 10
        let height = legendTop + 12 + font + 8 + m
        return Layout(left: left, top: top, cellWidth: cellWidth, rowLabels: rowLabels, labelEvery: every,
                      gridBottom: gridBottom, legendTop: legendTop, height: height)
    }

    public func render(idPrefix: String) -> SVGFragment {
        let l = layout()
        let font = ChartStyle.tickFont
        var w = SVGWriter()
        beginChart(&w, idPrefix: idPrefix, title: title, height: l.height, kind: "heatmap")

        // Cells. Printing the value needs it to fit with a little padding.
        let sample = format(valueRange.upperBound)
        let printValues = TextMetrics.width(of: sample, fontSize: ChartStyle.valueFont) + 4 <= l.cellWidth
        w.open("g", ["class": "cells", "font-size": svgNumber(ChartStyle.valueFont), "text-anchor": "middle"])
        for (r, rowName) in rows.enumerated() {
            let y = l.top + Double(r) * Self.cellHeight
            for (c, columnName) in columns.enumerated() {
                let x = l.left + Double(c) * l.cellWidth
                let value = r < values.count && c < values[r].count ? values[r][c] : nil
                let finite = value.flatMap { $0.isFinite ? $0 : nil }
                let fill = finite.map { Palette.sequential(scaled($0)) } ?? Self.missingFill
                let shown = finite.map { format($0) + (percent ? "%" : "") } ?? NumberFormat.missing
                w.open("rect", ["x": svgNumber(x), "y": svgNumber(y), "width": svgNumber(l.cellWidth),
                                "height": svgNumber(Self.cellHeight), "fill": fill, "stroke": "#ffffff",
                                "stroke-width": "1", "class": "cell"])
                w.element("title", text: "\(rowName) · \(columnName): \(shown)")
                w.close()
                if finite == nil {
                    // A diagonal stroke marks "no value" without relying on the pale fill,
                    // which is close to the ramp's low end in greyscale.
                    drawMissingMark(&w, x: x, y: y, width: l.cellWidth, height: Self.cellHeight)
                }
                if printValues, let finite {
                    w.text(format(finite), ["x": svgNumber(x + l.cellWidth / 2), "y": svgNumber(y + Self.cellHeight / 2 + 3.5),
                                            "fill": Palette.textColor(onSequential: scaled(finite))])
                }
            }
        }
        w.close()
        w.newline()

        // Row labels, right-aligned against the grid.
        w.open("g", ["class": "row-labels", "text-anchor": "end"])
        for (r, name) in rows.enumerated() {
            let y = l.top + (Double(r) + 0.5) * Self.cellHeight + 4
            w.text(l.rowLabels[r], ["x": svgNumber(l.left - 6), "y": svgNumber(y)], full: name)
        }
        w.close()

        // Column labels under the grid, thinned if they would touch.
        w.open("g", ["class": "column-labels", "text-anchor": "middle"])
        for (c, name) in columns.enumerated() where c % l.labelEvery == 0 {
            let x = l.left + (Double(c) + 0.5) * l.cellWidth
            w.text(name, ["x": svgNumber(x), "y": svgNumber(l.gridBottom + font + 4)])
        }
        w.close()
        let gridWidth = l.cellWidth * Double(columns.count)
        if let columnAxisTitle {
            drawXTitle(&w, columnAxisTitle, centre: l.left + gridWidth / 2,
                       y: l.gridBottom + font + 8 + ChartStyle.titleFont, length: gridWidth)
        }
        w.newline()
        drawLegend(&w, layout: l)
        return SVGFragment(trusted: w.finish())
    }

    private func drawMissingMark(_ w: inout SVGWriter, x: Double, y: Double, width: Double, height: Double) {
        w.element("path", ["d": "M\(svgNumber(x + 2)) \(svgNumber(y + height - 2))L\(svgNumber(x + width - 2)) \(svgNumber(y + 2))",
                           "stroke": "#aaaaaa", "stroke-width": "1", "class": "missing"])
    }

    /// A stepped colour bar (no gradient ids needed, prints the same
    /// everywhere) with ticks at the ends and the middle, plus the
    /// "no value" swatch when asked for.
    private func drawLegend(_ w: inout SVGWriter, layout l: Layout) {
        let font = ChartStyle.legendFont
        let barWidth = 200.0, steps = 20
        let titleWidth = TextMetrics.width(of: legendTitle, fontSize: font)
        let shownTitle = TextMetrics.truncate(legendTitle, toWidth: 220, fontSize: font)
        let barLeft = l.left + min(titleWidth, 220) + 10
        let y = l.legendTop
        w.open("g", ["class": "legend", "font-size": svgNumber(font)])
        w.text(shownTitle, ["x": svgNumber(l.left), "y": svgNumber(y + 10)], full: legendTitle)
        for i in 0..<steps {
            let t = (Double(i) + 0.5) / Double(steps)
            w.element("rect", ["x": svgNumber(barLeft + Double(i) * barWidth / Double(steps)), "y": svgNumber(y),
                               "width": svgNumber(barWidth / Double(steps) + 0.3), "height": "12", "fill": Palette.sequential(t)])
        }
        w.element("rect", ["x": svgNumber(barLeft), "y": svgNumber(y), "width": svgNumber(barWidth), "height": "12",
                           "fill": "none", "stroke": "#888888", "stroke-width": "0.6"])
        let lo = valueRange.lowerBound, hi = valueRange.upperBound
        for (t, v) in [(0.0, lo), (0.5, (lo + hi) / 2), (1.0, hi)] {
            let x = barLeft + t * barWidth
            w.element("line", ["x1": svgNumber(x), "x2": svgNumber(x), "y1": svgNumber(y + 12), "y2": svgNumber(y + 15),
                               "stroke": ChartStyle.axis])
            w.text(format(v) + (percent ? "%" : ""), ["x": svgNumber(x), "y": svgNumber(y + 15 + font), "text-anchor": "middle"])
        }
        if let missingLabel {
            let x = barLeft + barWidth + 30
            w.element("rect", ["x": svgNumber(x), "y": svgNumber(y), "width": "18", "height": "12", "fill": Self.missingFill,
                               "stroke": "#bbbbbb", "stroke-width": "0.6"])
            drawMissingMark(&w, x: x, y: y, width: 18, height: 12)
            let room = ChartStyle.width - ChartStyle.outerMargin - (x + 24)
            let shown = TextMetrics.truncate(missingLabel, toWidth: room, fontSize: font)
            w.text(shown, ["x": svgNumber(x + 24), "y": svgNumber(y + 10)], full: missingLabel)
        }
        w.close()
        w.newline()
    }
}
