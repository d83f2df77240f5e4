/// Lines of (x, y) points, each optionally with a confidence band
/// (low…high per x): KPI against a swept parameter, or a quantity by time of
/// day.
///
/// ```swift
/// let chart = LineChart(
///     title: "Mean wait by number of counters",
///     xAxisTitle: "Counters", yAxisTitle: "Mean wait (min)",
///     series: [.init(name: "Walk-in", points: [
///         .init(x: 4, y: 31.2, low: 28.0, high: 34.5),
///         .init(x: 5, y: 18.9, low: 17.1, high: 20.6)])],
///     bandLabel: "Shaded: 95 % CI")
/// ```
///
/// Series are told apart by colour (Okabe–Ito), dash pattern and marker
/// shape, so the chart still reads in greyscale.
public struct LineChart: Chart {
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
        /// Lower and upper ends of the band at this x (both or neither).
        public var low: Double?
        public var high: Double?
        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
        }
    }

    public struct Series: Sendable, Hashable {
        public var name: String
        public var points: [Point]
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
        var hasBand: Bool { points.contains { $0.low != nil && $0.high != nil } }
    }

    public enum XScale: Sendable, Hashable {
        case linear
        /// x is hours since midnight; ticks read `09:00`.
        case clock
        /// x takes whole values (e.g. counters open): ticks at whole numbers only.
        case integer
    }

    public enum YScale: Sendable, Hashable {
        case linear
        /// y is a fraction 0…1, ticks read `25%`.
        case percent
    }

    public var title: String
    public var xAxisTitle: String
    public var yAxisTitle: String
    public var series: [Series]
    public var xScale: XScale
    public var yScale: YScale
    /// Legend entry explaining the shaded bands; no entry when nil.
    public var bandLabel: String?
    /// Horizontal lines across the plot (e.g. the lobby's seat count).
    public var referenceLines: [ReferenceLine]
    /// Start the y axis at zero (counts, waits); false for differences.
    public var yIncludesZero: Bool
    /// Height of the viewBox in px (the width is always 680).
    public var height: Double

    public init(title: String, xAxisTitle: String, yAxisTitle: String, series: [Series],
                xScale: XScale = .linear, yScale: YScale = .linear, bandLabel: String? = nil,
                referenceLines: [ReferenceLine] = [], yIncludesZero: Bool = true, height: Double = 320) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.series = series
        self.xScale = xScale
        self.yScale = yScale
        self.bandLabel = bandLabel
        self.referenceLines = referenceLines
        self.yIncludesZero = yIncludesZero
        self.height = height
    }

    /// A quantity by time of day (queue length, lobby occupancy): x in hours
    /// since midnight, axis labelled `08:00`, `10:00` ….
    public static func timeOfDay(title: String, xAxisTitle: String, yAxisTitle: String, series: [Series],
                                 bandLabel: String? = nil, referenceLines: [ReferenceLine] = [],
                                 height: Double = 300) -> LineChart {
        LineChart(title: title, xAxisTitle: xAxisTitle, yAxisTitle: yAxisTitle, series: series, xScale: .clock,
                  bandLabel: bandLabel, referenceLines: referenceLines, height: height)
    }

    public func render(idPrefix: String) -> SVGFragment {
        let points = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xs = points.map(\.x)
        var ys = points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] }.filter(\.isFinite)
        ys += referenceLines.map(\.value)
        let xLow = xs.min() ?? 0, xHigh = xs.max() ?? 1
        let yLow = ys.min() ?? 0
        // A little headroom so a reference line at the maximum keeps its label inside the plot.
        let yHigh = (ys.max() ?? 1) + (referenceLines.isEmpty ? 0 : 0.06 * abs((ys.max() ?? 1) - min(0, yLow)))

        var legend = series.enumerated().map { LegendItem(symbol: .line(series: $0.offset), label: $0.element.name) }
        if let bandLabel, series.contains(where: \.hasBand) { legend.append(LegendItem(symbol: .neutralBand, label: bandLabel)) }

        let frame = CartesianFrame(
            height: height, legendItems: series.count > 1 || bandLabel != nil ? legend : [],
            makeX: { n in
                switch xScale {
                case .linear: Axis.linear(title: xAxisTitle, from: xLow, to: xHigh, includeZero: false, maxTicks: n)
                case .clock: Axis.clock(title: xAxisTitle, from: xLow, to: xHigh, maxTicks: n)
                case .integer: Axis.integer(title: xAxisTitle, from: xLow, to: xHigh, maxTicks: n)
                }
            },
            makeY: { n in
                switch yScale {
                case .linear: Axis.linear(title: yAxisTitle, from: yLow, to: yHigh, includeZero: yIncludesZero, maxTicks: n)
                case .percent: Axis.percent(title: yAxisTitle, upTo: yHigh, maxTicks: n)
                }
            })

        var w = SVGWriter()
        beginChart(&w, idPrefix: idPrefix, title: title, height: height, kind: "line")
        frame.legend.draw(&w, top: frame.legendTop, idPrefix: idPrefix)
        frame.drawAxes(&w)

        // Bands first, so every line lies on top of every band.
        for (i, s) in series.enumerated() where s.hasBand { drawBand(&w, series: i, points: s.points, frame: frame) }
        for line in referenceLines { frame.drawHorizontalReference(&w, line) }
        for (i, s) in series.enumerated() {
            let sorted = s.points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { $0.x < $1.x }
            w.open("g", ["class": "series"])
            w.element("title", text: s.name)
            drawSeriesLine(&w, series: i, points: sorted.map { (frame.area.x(frame.x, $0.x), frame.area.y(frame.y, $0.y)) })
            // At most ~12 markers per line, staggered between series so they do not sit on each other.
            let stride = max(1, (sorted.count + 11) / 12)
            let offset = series.count > 1 ? (i * stride) / series.count : 0
            for (k, p) in sorted.enumerated() where (k - offset) % stride == 0 || sorted.count == 1 {
                drawMarker(&w, series: i, x: frame.area.x(frame.x, p.x), y: frame.area.y(frame.y, p.y))
            }
            w.close()
            w.newline()
        }
        return SVGFragment(trusted: w.finish())
    }

    /// The band of one series, as one closed path per run of points that
    /// have both ends (a gap in the data leaves a gap in the band).
    private func drawBand(_ w: inout SVGWriter, series index: Int, points: [Point], frame: CartesianFrame) {
        let sorted = points.sorted { $0.x < $1.x }
        var runs: [[Point]] = [[]]
        for p in sorted {
            if let lo = p.low, let hi = p.high, lo.isFinite, hi.isFinite { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        for run in runs where run.count > 1 {
            var d = ""
            for (k, p) in run.enumerated() {
                d += (k == 0 ? "M" : "L") + svgNumber(frame.area.x(frame.x, p.x)) + " " + svgNumber(frame.area.y(frame.y, p.high!))
            }
            for p in run.reversed() {
                d += "L" + svgNumber(frame.area.x(frame.x, p.x)) + " " + svgNumber(frame.area.y(frame.y, p.low!))
            }
            d += "Z"
            w.element("path", ["d": d, "fill": Palette.color(index), "fill-opacity": "0.18",
                               "stroke": Palette.color(index), "stroke-opacity": "0.45", "stroke-width": "0.8",
                               "class": "band"])
        }
    }
}
