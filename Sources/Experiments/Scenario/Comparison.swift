import Foundation
import RunStore
import SimKernel
import WardModel

/// How `wardsim compare` runs its scenarios.
///
/// Every scenario is run with `experiment` (the base scenario's seed, days
/// and replication count unless the command line says otherwise), so
/// replication `r` of each one draws from the streams of (seed, r): common
/// random numbers, which is what makes the paired differences sharp.
public struct ComparisonPlan: Sendable, Hashable {
    /// Seed, days, threads and the initial number of replications.
    public var experiment: ExperimentPlan
    /// Sequential stopping: the target 95 % half-width, in minutes, of
    /// `precisionKey` for every scenario and every paired difference; nil to
    /// run `experiment.replications` and stop.
    public var precision: Double?
    /// Sequential stopping never goes beyond this many replications.
    public var maximumReplications: Int

    public static let defaultMaximumReplications = 1_000
    /// The KPI sequential stopping watches: the city's mean wait.
    public static let precisionKey = MeasureKey(scope: "city", scopeName: "city", kpi: "wait_mean")

    public init(experiment: ExperimentPlan, precision: Double? = nil,
                maximumReplications: Int = defaultMaximumReplications) {
        precondition(precision.map { $0 > 0 } ?? true, "the precision target must be positive")
        self.experiment = experiment
        self.precision = precision
        self.maximumReplications = max(maximumReplications, experiment.replications)
    }
}

/// One scenario of a comparison with its replications and estimates.
public struct ComparedScenario: Sendable {
    public var loaded: LoadedScenario
    /// In replication order, `0..<count`.
    public var replications: [ReplicationKPIs]
    /// Mean and 95 % interval of every KPI.
    public var estimates: [Estimate]
    public var name: String { loaded.scenario.name }

    /// The estimate of one KPI, or nil. O(KPIs).
    public func estimate(_ key: MeasureKey) -> Estimate? { estimates.first { $0.key == key } }
}

/// One KPI of one other scenario against the base.
public struct KPIDifference: Sendable, Hashable {
    public var key: MeasureKey
    public var base: ConfidenceInterval?
    public var other: ConfidenceInterval?
    /// Paired `other − base`, replication by replication.
    public var difference: ConfidenceInterval
    public var direction: KPIDirection
    public var verdict: Verdict
}

/// What sequential stopping did.
public struct PrecisionOutcome: Sendable, Hashable {
    /// Target half-width (minutes).
    public var target: Double
    /// The widest 95 % half-width of the watched KPI (over the scenarios and
    /// the paired differences) at the end.
    public var achieved: Double
    /// True when the replication cap stopped it before the target was met.
    public var capped: Bool
}

/// The result of `ScenarioComparison.run`.
public struct ScenarioComparisonResult: Sendable {
    public var base: ComparedScenario
    public var others: [ComparedScenario]
    /// `differences[i]`: every KPI of `others[i]` against the base.
    public var differences: [[KPIDifference]]
    /// The plan as finally run (`replications` is the final count).
    public var plan: ExperimentPlan
    public var precision: PrecisionOutcome?
    /// Breaches of the model's invariants over all runs (0 unless the model is wrong).
    public var invariantViolations: Int

    /// One line for the reader about sequential stopping, or nil.
    public var note: String? {
        guard let p = precision else { return nil }
        let achieved = String(format: "%.3g", p.achieved), target = String(format: "%.3g", p.target)
        if p.capped {
            return "precision target not reached: the 95 % half-width of the city's mean wait is \(achieved) min "
                + "after \(plan.replications) replications (the cap), above the target \(target) min"
        }
        return "sequential stopping: 95 % half-width of the city's mean wait \(achieved) min ≤ \(target) min "
            + "after \(plan.replications) replications"
    }

    /// The differences of the other scenario named `name`.
    public func differences(of name: String) -> [KPIDifference]? {
        others.firstIndex { $0.name == name }.map { differences[$0] }
    }
}

public enum ComparisonError: Error, CustomStringConvertible, Equatable {
    /// The watched KPI is missing from a scenario's results.
    case noPrecisionKPI(scenario: String)

    public var description: String {
        switch self {
        case let .noPrecisionKPI(scenario):
            return "--precision watches the city's mean wait, but scenario \(scenario) reports none"
        }
    }
}

/// Runs a base scenario and others on common random numbers and compares
/// every KPI of each other against the base with a paired 95 % interval.
///
/// ```swift
/// let base = try ScenarioLoader.load(path: "scenarios/baseline.yaml")
/// let other = try ScenarioLoader.load(path: "scenarios/reservations.yaml")
/// let plan = ComparisonPlan(experiment: ExperimentPlan(replications: 20, seed: 1, days: .single(.ordinary)))
/// let result = try ScenarioComparison.run(base: base, others: [other], plan: plan)
/// result.differences[0].first { $0.key.kpi == "wait_mean" }?.verdict   // .better
/// ```
///
/// **Sequential stopping** (`plan.precision`): after the initial
/// replications, batches are added until the 95 % half-width of the city's
/// mean wait is at most the target for every scenario and every paired
/// difference, or `maximumReplications` is reached. Each round projects the
/// count needed from the widest half-width (half-widths shrink like 1/√n),
/// at most doubling per round so an early, noisy estimate cannot overshoot
/// far. Stopping on an estimated width biases the interval's coverage
/// slightly downwards; with the dozens of replications this usually takes,
/// the effect is small.
///
/// `round(from, to)` is called before each round (the first from 0 to the
/// initial count), `progress(k)` after each batch of `k` replications of
/// one scenario.
///
/// Cost: (1 + others) × replications model replications; memory holds every
/// replication's KPI rows.
public enum ScenarioComparison {
    public static func run(
        base: LoadedScenario, others: [LoadedScenario], plan: ComparisonPlan,
        round: ((_ from: Int, _ to: Int) -> Void)? = nil, progress: ((Int) -> Void)? = nil
    ) throws -> ScenarioComparisonResult {
        let scenarios = [base] + others
        let simulators = try scenarios.map { try WardSimulator(scenario: $0.scenario) }
        var replications = [[ReplicationKPIs]](repeating: [], count: scenarios.count)
        var count = plan.experiment.replications
        var outcome: PrecisionOutcome? = nil
        while true {
            round?(replications[0].count, count)
            for (i, simulator) in simulators.enumerated() where replications[i].count < count {
                var step = plan.experiment
                step.replications = count - replications[i].count
                replications[i] += ScenarioExperiment.run(simulator, plan: step, startingAt: replications[i].count) {
                    progress?($0.count)
                }
            }
            guard let target = plan.precision else { break }
            let widest = try widestHalfWidth(replications, names: scenarios.map(\.scenario.name))
            if widest <= target || count >= plan.maximumReplications {
                outcome = PrecisionOutcome(target: target, achieved: widest, capped: widest > target)
                break
            }
            count = nextCount(current: count, halfWidth: widest, target: target,
                              minimumStep: max(4, 2 * plan.experiment.threads), cap: plan.maximumReplications)
        }

        var final = plan.experiment
        final.replications = count
        let compared = zip(scenarios, replications).map { loaded, reps in
            ComparedScenario(loaded: loaded, replications: reps, estimates: ScenarioExperiment.estimates(reps))
        }
        let differences = compared.dropFirst().map { other in
            kpiDifferences(base: compared[0], other: other)
        }
        return ScenarioComparisonResult(
            base: compared[0], others: Array(compared.dropFirst()), differences: differences, plan: final,
            precision: outcome,
            invariantViolations: replications.joined().reduce(0) { $0 + $1.invariantViolations })
    }

    /// Every KPI's paired difference `other − base` with its direction and verdict.
    public static func kpiDifferences(base: ComparedScenario, other: ComparedScenario, level: Double = 0.95)
        -> [KPIDifference]
    {
        let baseEstimates = Dictionary(base.estimates.map { ($0.key, $0.interval) }, uniquingKeysWith: { a, _ in a })
        let otherEstimates = Dictionary(other.estimates.map { ($0.key, $0.interval) }, uniquingKeysWith: { a, _ in a })
        return ScenarioExperiment.differences(base: base.replications, other: other.replications, level: level).map {
            let direction = KPIDirection.of($0.key.kpi)
            return KPIDifference(
                key: $0.key, base: baseEstimates[$0.key], other: otherEstimates[$0.key], difference: $0.interval,
                direction: direction, verdict: Verdict(difference: $0.interval, direction: direction))
        }
    }

    /// The widest 95 % half-width of the watched KPI over the scenarios and
    /// the paired differences against the first.
    static func widestHalfWidth(_ replications: [[ReplicationKPIs]], names: [String]) throws -> Double {
        let key = ComparisonPlan.precisionKey
        var values: [[Double]] = []
        for (reps, name) in zip(replications, names) {
            let column = reps.map { $0.value(.city, key.scopeName, key.kpi) }
            guard column.contains(where: { $0 != nil }) else { throw ComparisonError.noPrecisionKPI(scenario: name) }
            values.append(column.map { $0 ?? .nan })
        }
        var widest = 0.0
        for column in values { widest = max(widest, halfWidth(column)) }
        for column in values.dropFirst() {
            widest = max(widest, halfWidth(zip(values[0], column).map { $1 - $0 }))
        }
        return widest
    }

    /// Half-width of the 95 % interval of the defined values (infinite for
    /// fewer than two).
    private static func halfWidth(_ values: [Double]) -> Double {
        var tally = Tally()
        for v in values where !v.isNaN { tally.add(v) }
        guard tally.count >= 2 else { return .infinity }
        return tally.confidenceInterval(level: 0.95).halfWidth
    }

    /// The replication count of the next round: the projection
    /// `n · (h / target)²`, at least `minimumStep` more, at most double,
    /// never above `cap`.
    static func nextCount(current n: Int, halfWidth h: Double, target: Double, minimumStep: Int, cap: Int) -> Int {
        let ratio = h / target
        let projected = ratio.isFinite ? (Double(n) * ratio * ratio).rounded(.up) : .infinity
        let bounded = min(Double(2 * n), max(Double(n + max(1, minimumStep)), projected))
        return min(cap, Int(bounded))
    }
}

// MARK: Recording

extension ScenarioComparison {
    /// Stores every scenario of `result` as a run (its per-replication KPIs
    /// in batches of `batchSize` replications, one transaction each) and
    /// then the comparison, labelled `label` and carrying the result's note.
    /// A run whose writing fails is marked `failed`.
    ///
    /// Returns the comparison id and the run ids, base first.
    public static func record(_ result: ScenarioComparisonResult, in store: RunStore, label: String,
                              batchSize: Int = 32) throws -> (ComparisonID, [RunID]) {
        var runs: [RunID] = []
        for scenario in [result.base] + result.others {
            let id = try store.beginRun(RunRecording.record(for: scenario.loaded, plan: result.plan))
            do {
                var start = 0
                while start < scenario.replications.count {
                    let end = min(start + max(1, batchSize), scenario.replications.count)
                    try store.record(kpis: RunRecording.rows(Array(scenario.replications[start..<end])), for: id)
                    start = end
                }
                try store.finishRun(id, status: .done)
            } catch {
                try? store.finishRun(id, status: .failed, error: String(describing: error))
                throw error
            }
            runs.append(id)
        }
        let comparison = try store.beginComparison(
            base: runs[0], others: Array(runs.dropFirst()), label: label, note: result.note)
        return (comparison, runs)
    }

    /// The default label: `"reservations, no-writing vs baseline"`.
    public static func defaultLabel(base: String, others: [String]) -> String {
        others.joined(separator: ", ") + " vs " + base
    }
}
