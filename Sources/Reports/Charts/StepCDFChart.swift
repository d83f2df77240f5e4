/// The waiting-time distribution per scenario as empirical cumulative
/// distribution functions: for each waiting time x, the share of citizens
/// who waited at most x. Vertical reference lines mark the service targets
/// (15, 30, 60 min), where the share served within target can be read off.
///
/// ```swift
/// let chart = StepCDFChart(
///     title: "Waiting-time distribution",
///     xAxisTitle: "Waiting time (min)", yAxisTitle: "Citizens served (%)",
///     series: [.init(name: "Baseline", samples: waits)],
///     targets: [.init(value: 30, label: "30 min")])
/// ```
public struct StepCDFChart: Chart {
    public struct Series: Sendable, Hashable {
        public var name: String
        /// The ECDF's corners: at each `x`, the share (0…1) at most x, ascending in both.
        public var steps: [(x: Double, share: Double)] {
            zip(xs, shares).map { ($0, $1) }
        }
        var xs: [Double]
        var shares: [Double]

        /// From raw waiting times. Large samples are thinned to at most
        /// `maxSteps` corners, each still exactly on the ECDF, so a day of
        /// 10 000 citizens does not make a 10 000-segment path.
        /// O(n log n) for the sort.
        public init(name: String, samples: [Double], maxSteps: Int = 400) {
            self.name = name
            let sorted = samples.filter(\.isFinite).sorted()
            let n = sorted.count
            var xs: [Double] = [], shares: [Double] = []
            if n > 0 {
                let stride = max(1, n / max(1, maxSteps))
                var i = stride - 1
                while i < n {
                    // Jump to the last of equal values so the share is exact there.
                    var j = i
                    while j + 1 < n && sorted[j + 1] == sorted[i] { j += 1 }
                    xs.append(sorted[j])
                    shares.append(Double(j + 1) / Double(n))
                    i = j + stride
                }
                if xs.last != sorted[n - 1] { xs.append(sorted[n - 1]); shares.append(1) }
            }
            self.xs = xs
            self.shares = shares
        }

        /// From precomputed quantiles, e.g. what a run store keeps:
        /// `[(x: 5, share: 0.5), (x: 20, share: 0.9)]`.
        public init(name: String, quantiles: [(x: Double, share: Double)]) {
            self.name = name
            let sorted = quantiles.filter { $0.x.isFinite && $0.share.isFinite }.sorted { $0.x < $1.x }
            xs = sorted.map(\.x)
            shares = sorted.map { min(1, max(0, $0.share)) }
        }

        public static func == (a: Series, b: Series) -> Bool { a.name == b.name && a.xs == b.xs && a.shares == b.shares }
        public func hash(into h: inout Hasher) { h.combine(name); h.combine(xs); h.combine(shares) }
    }

    public var title: String
    public var xAxisTitle: String
    public var yAxisTitle: String
    public var series: [Series]
    /// Vertical lines at target waits (labels such as "30 min").
    public var targets: [ReferenceLine]
    /// Right end of the x axis; nil uses the largest waiting time shown.
    /// A long tail can be cut here: a curve that has not reached 100 % by
    /// then simply ends at the edge below the top, which is honest.
    public var xLimit: Double?
    public var height: Double

    public init(title: String, xAxisTitle: String, yAxisTitle: String, series: [Series],
                targets: [ReferenceLine] = [], xLimit: Double? = nil, height: Double = 320) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.series = series
        self.targets = targets
        self.xLimit = xLimit
        self.height = height
    }

    public func render(idPrefix: String) -> SVGFragment {
        let dataMax = series.compactMap { $0.xs.last }.max() ?? 1
        let xHigh = max(xLimit ?? dataMax, targets.map(\.value).max() ?? 0)
        let frame = CartesianFrame(
            height: height,
            legendItems: series.enumerated().map { LegendItem(symbol: .line(series: $0.offset), label: $0.element.name) },
            makeX: { n in Axis.linear(title: xAxisTitle, from: 0, to: xHigh, includeZero: true, maxTicks: n) },
            makeY: { n in Axis.percent(title: yAxisTitle, upTo: 1, maxTicks: min(n, 6)) })

        var w = SVGWriter()
        beginChart(&w, idPrefix: idPrefix, title: title, height: height, kind: "cdf")
        frame.legend.draw(&w, top: frame.legendTop, idPrefix: idPrefix)
        frame.drawAxes(&w)
        for (row, target) in targets.enumerated() { frame.drawVerticalReference(&w, target, labelRow: row % 2) }

        let limit = frame.x.upper
        for (i, s) in series.enumerated() {
            guard !s.xs.isEmpty else { continue }
            // Step path: flat at the previous share until x, then up to the new share.
            var d = "M" + svgNumber(frame.area.x(frame.x, min(0, s.xs[0]))) + " " + svgNumber(frame.area.y(frame.y, 0))
            var previous = 0.0
            for (x, share) in zip(s.xs, s.shares) {
                let cx = min(x, limit)
                d += "H" + svgNumber(frame.area.x(frame.x, cx))
                if x > limit { break }
                if share != previous { d += "V" + svgNumber(frame.area.y(frame.y, share)) }
                previous = share
            }
            if (s.xs.last ?? 0) <= limit { d += "H" + svgNumber(frame.area.right) }
            w.open("g", ["class": "series"])
            w.element("title", text: s.name)
            drawSeriesPath(&w, series: i, d: d)
            // Markers where the curve crosses the 50 % and 90 % lines: the median and P90.
            for level in [0.5, 0.9] {
                if let k = s.shares.firstIndex(where: { $0 >= level }), s.xs[k] <= limit {
                    drawMarker(&w, series: i, x: frame.area.x(frame.x, s.xs[k]), y: frame.area.y(frame.y, level))
                }
            }
            w.close()
            w.newline()
        }
        return SVGFragment(trusted: w.finish())
    }
}
