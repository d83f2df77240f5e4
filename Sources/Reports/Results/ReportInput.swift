import RunStore

/// One finished run as a report sees it: its record, what its scenario says
/// and its KPI values per replication.
public struct ReportRun: Sendable {
    public var record: RunRecord
    public var facts: ScenarioFacts
    public var values: KPIValues

    public init(record: RunRecord, rows: [KPIRow], facts: ScenarioFacts? = nil) {
        self.record = record
        self.facts = facts ?? ScenarioFacts(json: record.scenarioText, dayRange: record.dayRange)
        self.values = KPIValues(rows: rows)
    }

    public var name: String { record.scenarioName }
    public var id: RunID? { record.id }

    /// Whether replication *i* of this run and of `other` used the same
    /// random numbers: same seed and same day range (replication *r* always
    /// draws from the streams of (seed, r)) and replication indices in common.
    public func pairs(with other: ReportRun) -> Bool {
        record.seed == other.record.seed && record.dayRange == other.record.dayRange
            && !commonReplications(with: other).isEmpty
    }

    /// Replication indices both runs have (pairs are formed on these).
    public func commonReplications(with other: ReportRun) -> [Int] {
        let mine = Set(values.replications)
        return other.values.replications.filter { mine.contains($0) }
    }
}

/// Everything a comparison report is made from: the runs, the baseline
/// first, as plain values. Assembled from a run store by
/// `ReportInput.load(runs:from:)` (or built by hand in tests).
///
/// ```swift
/// let input = try ReportInput.load(runs: [RunID(1), RunID(2)], from: store)
/// let doc = ComparisonReport(input: input, language: .ja).document()
/// ```
public struct ReportInput: Sendable {
    /// The runs compared; `runs[0]` is the baseline the others are compared with.
    public var runs: [ReportRun]
    /// A title from the user or the stored comparison; nil: the default title.
    public var title: String?
    /// The stored comparison these runs come from, if any.
    public var comparisonID: Int64?
    /// A remark stored with the comparison (shown as a note).
    public var note: String?
    /// When the report is made, already formatted ("2026-04-01").
    public var generated: String
    /// The version of the program writing the report.
    public var programVersion: String
    /// Working days of the fiscal year, by which an ordinary-day figure is
    /// made annual (the CLI counts them in the baseline scenario's calendar).
    public var workingDaysPerYear: Double

    public init(runs: [ReportRun], title: String? = nil, comparisonID: Int64? = nil, note: String? = nil,
                generated: String, programVersion: String, workingDaysPerYear: Double = AnnualBasis.typicalWorkingDays) {
        precondition(!runs.isEmpty, "a report needs at least one run")
        self.runs = runs
        self.title = title
        self.comparisonID = comparisonID
        self.note = note
        self.generated = generated
        self.programVersion = programVersion
        self.workingDaysPerYear = workingDaysPerYear
    }

    public var baseline: ReportRun { runs[0] }
}

/// Why a report cannot be made from what the store holds.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    case noRuns
    /// A run that is still running or has failed: its KPIs are incomplete.
    case unfinished(run: RunID, status: RunStatus)
    /// A run with no stored KPI rows.
    case empty(run: RunID)
    /// A sweep with no finished point.
    case emptySweep(sweep: SweepID)

    public var description: String {
        switch self {
        case .noRuns: "no runs to report on"
        case let .unfinished(run, status):
            "run \(run) is \(status.rawValue), not done; report on finished runs only (see `wardsim runs`)"
        case let .empty(run): "run \(run) has no KPI values"
        case let .emptySweep(sweep): "sweep \(sweep) has no finished point yet"
        }
    }
}

extension ReportInput {
    /// Reads the runs (the first is the baseline) and their KPI rows.
    /// Throws `RunStoreError.unknownRun` for an id not in the file and
    /// `ReportError` for a run that is not finished or has no values.
    public static func load(runs ids: [RunID], from store: RunStore, title: String? = nil, comparisonID: Int64? = nil,
                            note: String? = nil, generated: String, programVersion: String,
                            workingDaysPerYear: Double = AnnualBasis.typicalWorkingDays) throws -> ReportInput {
        guard !ids.isEmpty else { throw ReportError.noRuns }
        var runs: [ReportRun] = []
        for id in ids {
            runs.append(try loadRun(id, from: store))
        }
        return ReportInput(runs: runs, title: title, comparisonID: comparisonID, note: note, generated: generated,
                           programVersion: programVersion, workingDaysPerYear: workingDaysPerYear)
    }

    /// One finished run with its rows.
    public static func loadRun(_ id: RunID, from store: RunStore) throws -> ReportRun {
        guard let record = try store.run(id) else { throw RunStoreError.unknownRun(path: store.path, id: id) }
        guard record.status == .done else { throw ReportError.unfinished(run: id, status: record.status) }
        let rows = try store.kpis(run: id)
        guard !rows.isEmpty else { throw ReportError.empty(run: id) }
        return ReportRun(record: record, rows: rows)
    }
}

/// Everything a sweep report is made from: the sweep, its parameter names
/// (in `--vary` order) and one finished run per point.
public struct SweepInput: Sendable {
    public var sweep: SweepRecord
    public var parameterNames: [String]
    /// One run per point (the latest finished one), in sweep order.
    public var points: [ReportRun]
    /// Points of the sweep with no finished run yet.
    public var missingPoints: Int
    public var generated: String
    public var programVersion: String

    public init(sweep: SweepRecord, parameterNames: [String], points: [ReportRun], missingPoints: Int,
                generated: String, programVersion: String) {
        self.sweep = sweep
        self.parameterNames = parameterNames
        self.points = points
        self.missingPoints = missingPoints
        self.generated = generated
        self.programVersion = programVersion
    }

    /// Reads a sweep and the KPI rows of each finished point.
    public static func load(sweep id: SweepID, from store: RunStore, generated: String,
                            programVersion: String) throws -> SweepInput {
        let results = try store.sweepResults(id)
        guard !results.points.isEmpty else { throw ReportError.emptySweep(sweep: id) }
        var points: [ReportRun] = []
        for point in results.points {
            let runID = point.run.id!
            // The sweep listing leaves the scenario text out; the first point's is
            // read for the facts (every point shares the sweep's scenario apart
            // from the varied values).
            let record = points.isEmpty ? (try store.run(runID) ?? point.run) : point.run
            var run = ReportRun(record: record, rows: try store.kpis(run: runID),
                                facts: points.first?.facts)
            run.record.parameters = point.run.parameters
            points.append(run)
        }
        return SweepInput(sweep: results.sweep, parameterNames: results.parameterNames, points: points,
                          missingPoints: results.missingPoints, generated: generated, programVersion: programVersion)
    }
}
