import Foundation
import SimKernel

/// The id of a run in one store file (`runs.id`). Ids are local to a file:
/// merging gives copied runs new ids.
public struct RunID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: RunID, b: RunID) -> Bool { a.rawValue < b.rawValue }
}

/// The id of a sweep in one store file (`sweeps.id`).
public struct SweepID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: SweepID, b: SweepID) -> Bool { a.rawValue < b.rawValue }
}

/// Where a run stands: `running` until `finishRun`; a killed process leaves
/// its run `running` for good.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
    case running, done, failed
}

/// One parameter value of a sweep point (`staff.citizen=4`). The text is
/// kept exactly as given.
public struct RunParameter: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) { self.name = name; self.value = value }
    /// The value as a number, if it reads as one (`"4"`, `"0.3"`).
    public var number: Double? { Double(value) }
}

/// Everything that identifies a run and lets it be reproduced.
///
/// ```swift
/// let id = try store.beginRun(RunRecord(
///     scenarioName: "baseline", scenarioText: yaml, scenarioHash: sha,
///     seed: 42, replications: 30, dayRange: "tue", programVersion: "0.1.0"))
/// ```
///
/// The fields after `parameters` are filled in by the store and ignored by
/// `beginRun`.
public struct RunRecord: Sendable, Hashable {
    public var scenarioName: String
    /// The fully resolved scenario (after `extends:` and `--set`), so the run
    /// can be repeated from the store alone.
    public var scenarioText: String
    /// A hash of `scenarioText` chosen by the caller (e.g. SHA-256 hex).
    public var scenarioHash: String
    public var seed: UInt64
    public var replications: Int
    /// The simulated days as the scenario states them (free text, e.g.
    /// "2025-04-01..2025-04-07" or "tue").
    public var dayRange: String
    public var programVersion: String
    /// Per-citizen records and time series were requested (`--trace`).
    public var traced: Bool
    /// The sweep this run is a point of, with the point's key
    /// (`"staff.citizen=4;reservation.share=0.3"`, see `SweepPoint.key`); both nil or both set.
    public var sweep: SweepID?
    public var pointKey: String?
    /// The point's parameter values, in the order of the sweep's `--vary`.
    public var parameters: [RunParameter]

    // Filled in by the store.
    public var id: RunID?
    public var status: RunStatus
    public var createdAt: Date?
    public var finishedAt: Date?
    public var error: String?

    public init(
        scenarioName: String, scenarioText: String, scenarioHash: String,
        seed: UInt64, replications: Int, dayRange: String, programVersion: String,
        traced: Bool = false, sweep: SweepID? = nil, pointKey: String? = nil,
        parameters: [RunParameter] = []
    ) {
        self.scenarioName = scenarioName; self.scenarioText = scenarioText
        self.scenarioHash = scenarioHash; self.seed = seed; self.replications = replications
        self.dayRange = dayRange; self.programVersion = programVersion; self.traced = traced
        self.sweep = sweep; self.pointKey = pointKey; self.parameters = parameters
        self.id = nil; self.status = .running; self.createdAt = nil; self.finishedAt = nil; self.error = nil
    }
}

/// What a KPI is about: the whole simulation (`total`), one office, section,
/// procedure or channel. Open-ended: the model may add scopes (e.g.
/// "section_hour") without a schema change.
public struct KPIScope: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: KPIScope, b: KPIScope) -> Bool { a.rawValue < b.rawValue }

    public static let total: KPIScope = "total"
    public static let office: KPIScope = "office"
    public static let section: KPIScope = "section"
    public static let procedure: KPIScope = "procedure"
    public static let channel: KPIScope = "channel"
}

/// One KPI value of one replication.
///
/// ```swift
/// KPIRow(replication: 0, scope: .section, scopeName: "citizen", kpi: "wait_mean_min", value: 12.4)
/// KPIRow(replication: 0, scope: .total, kpi: "abandoned_share", value: 0.02)   // scopeName "all"
/// ```
/// NaN means undefined and is stored as NULL.
public struct KPIRow: Sendable, Hashable {
    public var replication: Int
    public var scope: KPIScope
    /// The office, section, procedure or channel; "all" for `.total`.
    public var scopeName: String
    public var kpi: String
    public var value: Double

    public init(replication: Int, scope: KPIScope, scopeName: String = "all", kpi: String, value: Double) {
        self.replication = replication; self.scope = scope; self.scopeName = scopeName
        self.kpi = kpi; self.value = value
    }
}

/// Mean, standard deviation and Student-t confidence interval of one KPI
/// across a run's replications (NaN values, i.e. undefined, left out).
public struct KPISummary: Sendable, Hashable {
    public var scope: KPIScope
    public var scopeName: String
    public var kpi: String
    /// Replications with a defined value.
    public var count: Int
    public var mean: Double
    public var standardDeviation: Double
    /// Half-width of the interval; infinite for fewer than two values.
    public var halfWidth: Double
    public var level: Double
    public var minimum: Double
    public var maximum: Double

    public var low: Double { mean - halfWidth }
    public var high: Double { mean + halfWidth }
    public var interval: ConfidenceInterval {
        ConfidenceInterval(mean: mean, halfWidth: halfWidth, count: count, level: level)
    }
}

/// One citizen's passage through the office, or a demand that did not come
/// (stored with `--trace`).
///
/// ```swift
/// CitizenRecord(replication: 0, day: 0, citizen: 17, office: "八幡西区", visitType: "move_in",
///               channel: "walk_in", arrived: .clock(9, 2), called: .clock(9, 20), left: .clock(9, 41),
///               outcome: "served")
/// ```
public struct CitizenRecord: Sendable, Hashable {
    public var replication: Int
    /// The simulated day: 0 for a single day, days since the start of the
    /// fiscal year in a year run.
    public var day: Int
    /// The citizen's number within the office's day (the model's demand number).
    public var citizen: Int
    public var office: String
    /// The visit type: the bundle of procedures the citizen came for.
    public var visitType: String
    /// "walk_in", "booked", "ai_assistant"; for a deflected demand the remote
    /// channel it went to ("online", …).
    public var channel: String
    /// Times since the start of the simulated day.
    public var arrived: SimTime
    /// When first called to a counter; nil if never called (balked, reneged).
    public var called: SimTime?
    public var left: SimTime
    /// "served", "reneged", "balked", "deflected", "no_show", … as the model names it.
    public var outcome: String

    public init(
        replication: Int, day: Int, citizen: Int, office: String, visitType: String, channel: String,
        arrived: SimTime, called: SimTime?, left: SimTime, outcome: String
    ) {
        self.replication = replication; self.day = day; self.citizen = citizen; self.office = office
        self.visitType = visitType; self.channel = channel; self.arrived = arrived; self.called = called
        self.left = left; self.outcome = outcome
    }
}

/// One point of the per-15-minute time series (stored with `--trace`): the
/// mean levels over the interval starting at `time`.
/// NaN stands for "not applicable" (e.g. lobby occupancy on a section row:
/// the lobby is the office's) and is stored as NULL.
public struct TimeSeriesPoint: Sendable, Hashable {
    public var replication: Int
    public var day: Int
    public var office: String
    /// The section id, or a name the writer chooses for the whole office ("all").
    public var section: String
    /// Start of the interval, since the start of the simulated day.
    public var time: SimTime
    public var queueLength: Double
    public var lobbyOccupancy: Double
    public var staffBusy: Double
    public var staffOnDuty: Double

    public init(
        replication: Int, day: Int, office: String, section: String, time: SimTime,
        queueLength: Double, lobbyOccupancy: Double, staffBusy: Double, staffOnDuty: Double
    ) {
        self.replication = replication; self.day = day; self.office = office; self.section = section
        self.time = time; self.queueLength = queueLength; self.lobbyOccupancy = lobbyOccupancy
        self.staffBusy = staffBusy; self.staffOnDuty = staffOnDuty
    }
}

/// A parameter sweep: one scenario, a grid of points, one run per point.
///
/// `specHash` identifies the sweep: it must cover everything that decides
/// the points and their results (scenario hash, `--vary` grid, seed,
/// replications) and nothing about how the work is split (`--jobs`,
/// `--shard`), so that shards and resumed sweeps find the same sweep.
public struct SweepRecord: Sendable, Hashable {
    public var specHash: String
    public var scenarioName: String
    public var scenarioHash: String
    /// The sweep's specification as JSON (grid, seed, replications, …).
    public var specJSON: String
    public var pointCount: Int
    public var programVersion: String

    // Filled in by the store.
    public var id: SweepID?
    public var createdAt: Date?

    public init(
        specHash: String, scenarioName: String, scenarioHash: String, specJSON: String,
        pointCount: Int, programVersion: String
    ) {
        self.specHash = specHash; self.scenarioName = scenarioName; self.scenarioHash = scenarioHash
        self.specJSON = specJSON; self.pointCount = pointCount; self.programVersion = programVersion
        self.id = nil; self.createdAt = nil
    }
}

/// What `merge(from:)` did.
public struct MergeReport: Sendable, Hashable {
    /// Finished runs copied into this store.
    public var runsAdded: Int
    /// Finished runs already present here (same `run_key`), not copied.
    public var runsSkipped: Int
    /// Unfinished (running or failed) runs of the other file, not copied.
    public var runsUnfinished: Int
    public var sweepsAdded: Int
    /// Comparisons copied (each only once all its runs are here; one whose
    /// runs were not all finished in the other file is left out).
    public var comparisonsAdded: Int = 0
}

/// The id of a comparison in one store file (`comparisons.id`).
public struct ComparisonID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: ComparisonID, b: ComparisonID) -> Bool { a.rawValue < b.rawValue }
}

/// A comparison: a base run and the runs compared against it, made on the
/// same random streams (same seed and replication indices), so each KPI of
/// an other run can be read as a paired difference against the base.
///
/// ```swift
/// let record = try store.comparison(id)!
/// record.baseRun      // RunID(1)
/// record.otherRuns    // [RunID(2), RunID(3)], in command-line order
/// ```
public struct ComparisonRecord: Sendable, Hashable {
    public var id: ComparisonID
    /// Free text naming the comparison ("" if none was given).
    public var label: String
    public var baseRun: RunID
    /// In the order given on the command line; never empty.
    public var otherRuns: [RunID]
    /// A remark for the reader, e.g. that sequential stopping reached its
    /// replication cap before the precision target.
    public var note: String?
    public var createdAt: Date?

    /// Base first, then the others.
    public var allRuns: [RunID] { [baseRun] + otherRuns }

    public init(
        id: ComparisonID, label: String, baseRun: RunID, otherRuns: [RunID], note: String? = nil,
        createdAt: Date? = nil
    ) {
        self.id = id; self.label = label; self.baseRun = baseRun; self.otherRuns = otherRuns
        self.note = note; self.createdAt = createdAt
    }
}
