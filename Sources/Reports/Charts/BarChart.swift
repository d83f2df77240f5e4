/// Grouped vertical bars: one group per category (a channel), one bar per
/// series (a scenario), with optional confidence whiskers.
///
/// ```swift
/// let chart = BarChart(
///     title: "Visits by channel", yAxisTitle: "Visits per day",
///     categories: ["Walk-in", "Booked", "Online"],
///     series: [.init(name: "Baseline", values: [820, 0, 40]),
///              .init(name: "Reservations", values: [610, 190, 40])])
/// ```
///
/// Bars are told apart by colour and by a hatch pattern (solid, diagonal,
/// dots …) so a greyscale print still separates scenarios. Category names
/// that do not fit under their group are rotated, then truncated with the
/// full name kept in a `<title>`.
public struct BarChart: Chart {
    public struct Series: Sendable, Hashable {
        public var name: String
        /// One value per category (NaN leaves a gap).
        public var values: [Double]
        /// Confidence interval ends per category, drawn as whiskers.
        public var low: [Double]?
        public var high: [Double]?
        public init(name: String, values: [Double], low: [Double]? = nil, high: [Double]? = nil) {
            self.name = name
            self.values = values
            self.low = low
            self.high = high
        }
    }

    public var title: String
    public var yAxisTitle: String
    public var categories: [String]
    public var series: [Series]
    public var yScale: LineChart.YScale
    /// Print each bar's value above it when there is room.
    public var showValues: Bool
    /// Decimals of the printed values.
    public var valueDecimals: Int
    /// Legend entry explaining the whiskers; no entry when nil.
    public var whiskerLabel: String?
    public var height: Double

    public init(title: String, yAxisTitle: String, categories: [String], series: [Series],
                yScale: LineChart.YScale = .linear, showValues: Bool = true, valueDecimals: Int = 0,
                whiskerLabel: String? = nil, height: Double = 320) {
        self.title = title
        self.yAxisTitle = yAxisTitle
        self.categories = categories
        self.series = series
        self.yScale = yScale
        self.showValues = showValues
        self.valueDecimals = valueDecimals
        self.whiskerLabel = whiskerLabel
        self.height = height
    }

    /// How category labels sit under the groups.
    struct CategoryLabels {
        var rotated: Bool
        var shown: [String]
        var height: Double
    }

    /// Horizontal if every name fits its group; otherwise rotated 35° and
    /// truncated to `ChartStyle.maxLabelWidth * 0.7`.
    static func layoutCategoryLabels(_ names: [String], groupWidth: Double) -> CategoryLabels {
        let font = ChartStyle.tickFont
        if names.allSatisfy({ TextMetrics.width(of: $0, fontSize: font) <= groupWidth - 6 }) {
            return CategoryLabels(rotated: false, shown: names, height: font + 8)
        }
        let maxWidth = ChartStyle.maxLabelWidth * 0.7
        let shown = names.map { TextMetrics.truncate($0, toWidth: maxWidth, fontSize: font) }
        let widest = shown.map { TextMetrics.width(of: $0, fontSize: font) }.max() ?? 0
        // sin 35° ≈ 0.574, cos 35° ≈ 0.819
        return CategoryLabels(rotated: true, shown: shown, height: widest * 0.574 + font * 0.819 + 10)
    }

    public func render(idPrefix: String) -> SVGFragment {
        let m = ChartStyle.outerMargin
        var values: [Double] = []
        for s in series {
            values += s.values
            values += s.low ?? []
            values += s.high ?? []
        }
        values = values.filter(\.isFinite)
        let yLow = min(0, values.min() ?? 0), yHigh = max(values.max() ?? 1, 0)

        var legendItems = series.enumerated().map { LegendItem(symbol: .swatch(series: $0.offset), label: $0.element.name) }
        if let whiskerLabel, series.contains(where: { $0.low != nil && $0.high != nil }) {
            legendItems.append(LegendItem(symbol: .whisker, label: whiskerLabel))
        }
        let legend = LegendLayout(items: legendItems, left: m + 4, right: ChartStyle.width - m)
        let top = m - 4 + legend.height + 12 + (showValues ? ChartStyle.valueFont : 0)

        // The y axis decides the left margin; the group width decides the label height,
        // which decides the plot height and so the y axis: settle with a provisional pass.
        func yAxis(plotHeight: Double) -> Axis {
            Axis.fitting(length: plotHeight, fontSize: ChartStyle.tickFont, horizontal: false, start: 7) { n in
                switch yScale {
                case .linear: Axis.linear(title: yAxisTitle, from: yLow, to: yHigh, includeZero: true, maxTicks: n)
                case .percent: Axis.percent(title: yAxisTitle, upTo: yHigh, maxTicks: n)
                }
            }
        }
        var y = yAxis(plotHeight: height - top - 60)
        let widestY = y.ticks.map { TextMetrics.width(of: $0.label, fontSize: ChartStyle.tickFont) }.max() ?? 0
        let left = m + ChartStyle.titleFont + 10 + widestY + 6
        let plotWidth = ChartStyle.width - left - m - 6
        let groupWidth = plotWidth / Double(max(1, categories.count))
        let labels = Self.layoutCategoryLabels(categories, groupWidth: groupWidth)
        let plotHeight = height - top - labels.height - 6
        y = yAxis(plotHeight: plotHeight)
        let area = PlotArea(left: left, top: top, width: plotWidth, height: plotHeight)

        var w = SVGWriter()
        beginChart(&w, idPrefix: idPrefix, title: title, height: height, kind: "bar")
        drawHatchDefinitions(&w, idPrefix: idPrefix, seriesCount: series.count)
        legend.draw(&w, top: m - 4, idPrefix: idPrefix)

        // Horizontal grid and the y axis, reusing the Cartesian frame's drawing.
        let xDummy = Axis(title: "", format: .number, lower: 0, upper: 1, ticks: [])
        let frame = CartesianFrame(prebuilt: area, x: xDummy, y: y, height: height)
        frame.drawGrid(&w, verticalGrid: false)
        frame.drawYAxis(&w)

        let inner = groupWidth * 0.8
        let barWidth = inner / Double(max(1, series.count))
        let valueFits = showValues && barWidth >= 14
        let zeroY = area.y(y, 0)
        for (c, name) in categories.enumerated() {
            let groupLeft = left + Double(c) * groupWidth + (groupWidth - inner) / 2
            w.open("g", ["class": "group"])
            for (s, ser) in series.enumerated() where c < ser.values.count && ser.values[c].isFinite {
                let v = ser.values[c]
                let x = groupLeft + Double(s) * barWidth
                let py = area.y(y, v)
                let valueText = yScale == .percent ? NumberFormat.percent(v, decimals: valueDecimals)
                    : NumberFormat.fixed(v, decimals: valueDecimals, grouping: true)
                drawBarRect(&w, series: s, x: x + 1, y: min(py, zeroY), width: barWidth - 2, height: abs(zeroY - py),
                            idPrefix: idPrefix, title: "\(ser.name) · \(name): \(valueText)")
                var labelTop = min(py, zeroY)
                if let lo = ser.low, let hi = ser.high, c < lo.count, c < hi.count, lo[c].isFinite, hi[c].isFinite {
                    let cx = x + barWidth / 2
                    let y1 = area.y(y, lo[c]), y2 = area.y(y, hi[c])
                    let d = "M\(svgNumber(cx)) \(svgNumber(y1))V\(svgNumber(y2))M\(svgNumber(cx - 3)) \(svgNumber(y1))h6M\(svgNumber(cx - 3)) \(svgNumber(y2))h6"
                    // A white halo under the whisker keeps it visible on dark bars and in greyscale.
                    w.element("path", ["d": d, "stroke": "#ffffff", "stroke-width": "3", "fill": "none"])
                    w.element("path", ["d": d, "stroke": "#222222", "stroke-width": "1.2", "fill": "none", "class": "whisker"])
                    labelTop = min(labelTop, y2)
                }
                if valueFits, TextMetrics.width(of: valueText, fontSize: ChartStyle.valueFont) <= barWidth + 4 {
                    w.text(valueText, ["x": svgNumber(x + barWidth / 2), "y": svgNumber(labelTop - 3), "text-anchor": "middle",
                                       "font-size": svgNumber(ChartStyle.valueFont)])
                }
            }
            // Category label under the group.
            let cx = left + (Double(c) + 0.5) * groupWidth
            let ly = area.bottom + 6 + ChartStyle.tickFont
            if labels.rotated {
                w.text(labels.shown[c], ["x": svgNumber(cx), "y": svgNumber(ly), "text-anchor": "end",
                                         "transform": "rotate(-35 \(svgNumber(cx)) \(svgNumber(ly)))"], full: name)
            } else {
                w.text(labels.shown[c], ["x": svgNumber(cx), "y": svgNumber(ly), "text-anchor": "middle"], full: name)
            }
            w.close()
            w.newline()
        }
        // Axis line last so it covers the bars' bottom edges.
        w.element("line", ["x1": svgNumber(area.left), "x2": svgNumber(area.right), "y1": svgNumber(zeroY), "y2": svgNumber(zeroY),
                           "stroke": ChartStyle.axis])
        return SVGFragment(trusted: w.finish())
    }
}

extension CartesianFrame {
    /// A frame whose geometry the caller already worked out (bar charts).
    init(prebuilt area: PlotArea, x: Axis, y: Axis, height: Double) {
        self.height = height
        self.legend = LegendLayout(items: [], left: 0, right: 0)
        self.legendTop = 0
        self.area = area
        self.x = x
        self.y = y
    }
}
