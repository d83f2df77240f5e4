/// A report as plain data: what the HTML and Markdown writers render.
///
/// Every text field is plain text (never markup); the writers escape it.
///
/// ```swift
/// var doc = ReportDocument(language: .en, title: "Move-in season, 2025",
///                          generated: "2025-03-31", programVersion: "0.3.0")
/// doc.sections.append(ReportSection(title: "Headline results", blocks: [
///     .paragraph("Three scenarios, 40 replications each."),
///     .table(headline),
///     .figure(Figure(caption: "Waiting-time distribution", chart: cdf)),
/// ]))
/// let html = HTMLReport.render(doc)
/// ```
public struct ReportDocument: Sendable {
    public var language: Language
    public var title: String
    public var subtitle: String?
    /// When the report was made, already formatted (e.g. "2025-03-31").
    public var generated: String
    public var programVersion: String
    public var sections: [ReportSection]
    /// Numbered notes at the end of the page.
    public var footnotes: [String]

    public init(language: Language, title: String, subtitle: String? = nil, generated: String,
                programVersion: String, sections: [ReportSection] = [], footnotes: [String] = []) {
        self.language = language
        self.title = title
        self.subtitle = subtitle
        self.generated = generated
        self.programVersion = programVersion
        self.sections = sections
        self.footnotes = footnotes
    }

    /// The localization for this document's language.
    public var localization: Localization { Localization(language) }
}

public struct ReportSection: Sendable {
    public var title: String
    public var blocks: [ReportBlock]
    public init(title: String, blocks: [ReportBlock] = []) {
        self.title = title
        self.blocks = blocks
    }
}

public enum ReportBlock: Sendable {
    case paragraph(String)
    /// A bulleted list (e.g. verdicts against the baseline).
    case bullets([String])
    case table(ReportTable)
    case figure(Figure)
}

/// A chart with its caption. Figures are numbered in page order.
public struct Figure: Sendable {
    public var caption: String
    public var chart: any Chart
    /// Base name of the `.svg` file the Markdown report links to; derived
    /// from the figure number when nil.
    public var fileName: String?

    public init(caption: String, chart: any Chart, fileName: String? = nil) {
        self.caption = caption
        self.chart = chart
        self.fileName = fileName
    }
}

/// A table of plain cells; numbers are formatted by the writer with fixed
/// decimals, so columns line up.
///
/// ```swift
/// let t = ReportTable(
///     caption: "Headline indicators",
///     columns: [.init("Scenario"), .init("Mean wait (min)", numeric: true), .init("95 % CI", numeric: true)],
///     rows: [[.text("Baseline"), .number(18.4, decimals: 1), .interval(16.9, 19.9, decimals: 1)]])
/// ```
public struct ReportTable: Sendable {
    public struct Column: Sendable, Hashable {
        public var header: String
        /// Right-aligned with tabular figures.
        public var numeric: Bool
        /// The header never wraps (short headers such as "95 % CI", which
        /// would otherwise break mid-word in Japanese).
        public var keepTogether: Bool
        public init(_ header: String, numeric: Bool = false, keepTogether: Bool = false) {
            self.header = header
            self.numeric = numeric
            self.keepTogether = keepTogether
        }

        /// A numeric column holding confidence intervals, headed e.g. "95 % CI".
        public static func interval(_ header: String) -> Column { Column(header, numeric: true, keepTogether: true) }
    }

    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double, decimals: Int)
        /// A fraction shown as a percentage.
        case percent(Double, decimals: Int)
        /// A confidence interval "low–high" (a separate column from its mean).
        case interval(Double, Double, decimals: Int)
        /// A mean with its confidence interval in one cell: the mean, and
        /// beneath it (HTML) or after it in brackets (Markdown) the interval.
        /// CSV writes three fields: mean, low, high.
        case estimate(Double, low: Double, high: Double, decimals: Int)
        case empty

        /// The interval of an estimate.
        public static func ci(_ e: Estimate, decimals: Int) -> Cell { .interval(e.low, e.high, decimals: decimals) }
        /// The mean of an estimate.
        public static func mean(_ e: Estimate, decimals: Int) -> Cell { .number(e.mean, decimals: decimals) }
        /// Mean and interval of an estimate in one cell, times `scale`
        /// (100 to show a fraction as a percentage).
        public static func estimate(_ e: Estimate, decimals: Int, scale: Double = 1) -> Cell {
            .estimate(e.mean * scale, low: e.low * scale, high: e.high * scale, decimals: decimals)
        }

        /// The interval part of an `.estimate` cell as shown ("10.1–14.5"); nil for other cells.
        public func intervalDisplay(_ l: Localization) -> String? {
            guard case let .estimate(_, low, high, d) = self, low.isFinite, high.isFinite else { return nil }
            return l.range(low, high, decimals: d)
        }

        /// The text shown in HTML and Markdown.
        public func display(_ l: Localization) -> String {
            switch self {
            case .text(let s): s
            case .number(let x, let d): NumberFormat.display(x, decimals: d)
            case .percent(let x, let d): NumberFormat.percent(x, decimals: d)
            case .interval(let lo, let hi, let d): l.range(lo, hi, decimals: d)
            case .estimate(let x, _, _, let d): NumberFormat.display(x, decimals: d)
            case .empty: ""
            }
        }
    }

    public var caption: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// A note printed under the table.
    public var note: String?

    public init(caption: String, columns: [Column], rows: [[Cell]], note: String? = nil) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.note = note
    }
}
