import Foundation
import RunStore
import SimKernel
import WardModel

/// Runs a parameter sweep into the run store: every point of the
/// specification (or of one shard) is the scenario with the point's
/// `key=value` settings applied as `--set` overrides, run with one plan
/// (same seed and replications everywhere, so points share common random
/// numbers) and stored as a run of the sweep as soon as it is done.
///
/// ```swift
/// let base = try ScenarioLoader.load(path: "scenarios/baseline.yaml")
/// let config = SweepRunner.Configuration(
///     scenarioPath: "scenarios/baseline.yaml", base: base,
///     spec: try SweepSpec(vary: ["offices[0].sections[0].counters=8:12:2"]),
///     plan: ExperimentPlan(replications: 10, seed: 1, days: .single(.ordinary)),
///     jobs: 2, storePath: "wardsim.sqlite")
/// let prepared = try SweepRunner.prepare(config)        // sweep id, points to run
/// let summary = try SweepRunner.run(prepared) { point in print(point.point.key, point.run) }
/// ```
///
/// **Faults.** Each point is its own run, committed batch by batch and
/// marked `done` at its end, so a killed sweep loses only the points in
/// progress. Their runs stay `running`; `completedPoints` ignores them, so
/// `resume` runs those points again, and exports read only `done` runs. They
/// are not marked `failed` on resume, because another process may be
/// running them right now (several processes may share one file).
///
/// **Parallelism.** `jobs` worker threads take points one at a time, each
/// with its own store connection (a `RunStore` is one connection and must
/// stay on its thread). A point's replications run on `jobs / workers`
/// threads, so with as many points as jobs every point is single-threaded,
/// which scales best. Results never depend on `jobs`.
public enum SweepRunner {
    public struct Configuration: Sendable {
        /// The scenario file, reloaded for each point.
        public var scenarioPath: String
        /// The `--set` overrides of the command line, applied before each
        /// point's settings.
        public var overrides: [String]
        /// The scenario with `overrides` and no point settings: its name and
        /// hash identify the sweep.
        public var base: LoadedScenario
        public var spec: SweepSpec
        /// Seed, replications and days of every point (`threads` is ignored:
        /// it follows from `jobs`).
        public var plan: ExperimentPlan
        public var shard: SweepShard
        /// Worker threads in all.
        public var jobs: Int
        /// Skip the points this shard already has a finished run of.
        public var resume: Bool
        public var storePath: String

        public init(scenarioPath: String, overrides: [String] = [], base: LoadedScenario, spec: SweepSpec,
                    plan: ExperimentPlan, shard: SweepShard = .whole, jobs: Int, resume: Bool = false,
                    storePath: String) {
            self.scenarioPath = scenarioPath; self.overrides = overrides; self.base = base; self.spec = spec
            self.plan = plan; self.shard = shard; self.jobs = max(1, jobs); self.resume = resume
            self.storePath = storePath
        }
    }

    /// A sweep ready to run: found or created in the store, points chosen.
    public struct Prepared: Sendable {
        public var configuration: Configuration
        public var sweep: SweepID
        public var record: SweepRecord
        /// The shard's points, in sweep order.
        public var shardPoints: Int
        /// Points of the shard already done (skipped under `resume`).
        public var alreadyDone: Int
        /// The points this call will run, in sweep order.
        public var points: [SweepPoint]
    }

    /// One finished point.
    public struct PointResult: Sendable {
        public var point: SweepPoint
        public var run: RunID
        /// Every KPI's mean and 95 % interval over the replications.
        public var estimates: [Estimate]
        public var citizensSimulated: Int
        public var invariantViolations: Int
    }

    /// What `run` did.
    public struct Summary: Sendable {
        public var pointsRun: Int
        public var invariantViolations: Int
    }

    // MARK: Preparing

    /// Finds or creates the sweep in the store and chooses the points to run.
    ///
    /// Throws `SweepRunError.alreadyStarted` when the shard already has
    /// finished points and `resume` is off (running them again would store
    /// them twice), and `SweepRunError.badPoint` for a point whose settings
    /// the scenario refuses — every point to run is loaded and checked here,
    /// before anything is simulated. Cost: one scenario load per point.
    public static func prepare(_ config: Configuration) throws -> Prepared {
        for p in config.spec.parameters where p.key == "simulation" || p.key.hasPrefix("simulation.") {
            throw SweepRunError.simulationKey(p.key)
        }
        let plan = config.plan
        let scenarioHash = RunRecording.scenarioHash(config.base.canonicalText)
        let identity = config.spec.identity(
            scenarioHash: scenarioHash, seed: plan.seed, replications: plan.replications,
            dayRange: RunRecording.dayRange(plan.days))
        var record = SweepRecord(
            specHash: identity.specHash, scenarioName: config.base.scenario.name, scenarioHash: scenarioHash,
            specJSON: identity.specJSON, pointCount: config.spec.points.count,
            programVersion: RunRecording.programVersion)

        let store = try RunStore.open(path: config.storePath)
        let sweep = try store.beginSweep(record)
        record.id = sweep
        let shardPoints = config.spec.points(in: config.shard)
        let done = try store.completedPoints(sweep: sweep)
        let doneHere = shardPoints.filter { done.contains($0.key) }.count
        if doneHere > 0 && !config.resume {
            throw SweepRunError.alreadyStarted(sweep: sweep, done: doneHere, of: shardPoints.count, path: store.path)
        }
        let points = shardPoints.filter { !done.contains($0.key) }
        for point in points { _ = try loadPoint(point, config) }
        return Prepared(configuration: config, sweep: sweep, record: record, shardPoints: shardPoints.count,
                        alreadyDone: doneHere, points: points)
    }

    /// The scenario and simulator of one point.
    static func loadPoint(_ point: SweepPoint, _ config: Configuration) throws -> (LoadedScenario, WardSimulator) {
        let settings = point.settings.map { "\($0.key)=\($0.value)" }
        do {
            let loaded = try ScenarioLoader.load(path: config.scenarioPath, overrides: config.overrides + settings)
            return (loaded, try WardSimulator(scenario: loaded.scenario))
        } catch {
            let first = String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw SweepRunError.badPoint(key: point.key, message: first)
        }
    }

    // MARK: Running

    /// Runs the prepared points on `jobs` threads, storing each as it
    /// finishes and handing it to `onPoint` (called on a worker thread, one
    /// call at a time) and to `progress`.
    ///
    /// On the first error no further points are started; points in progress
    /// finish and are stored, then the error is rethrown.
    public static func run(
        _ prepared: Prepared, progress: ProgressReporter? = nil,
        onPoint: @escaping @Sendable (PointResult) -> Void = { _ in }
    ) throws -> Summary {
        let config = prepared.configuration
        let points = prepared.points
        guard !points.isEmpty else { return Summary(pointsRun: 0, invariantViolations: 0) }
        let workers = min(config.jobs, points.count)
        let threadsPerPoint = max(1, config.jobs / workers)
        let plan = ExperimentPlan(replications: config.plan.replications, seed: config.plan.seed,
                                  days: config.plan.days, threads: threadsPerPoint)
        let state = SweepState()
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let store = try RunStore.open(path: config.storePath)
                    while let index = state.next(below: points.count) {
                        let point = points[index]
                        let (loaded, simulator) = try loadPoint(point, config)
                        let (run, replications) = try RunRecording.runAndRecord(
                            loaded, simulator: simulator, plan: plan, store: store, sweep: prepared.sweep,
                            pointKey: point.key,
                            parameters: point.settings.map { RunParameter(name: $0.key, value: $0.value) })
                        let result = PointResult(
                            point: point, run: run, estimates: ScenarioExperiment.estimates(replications),
                            citizensSimulated: replications.reduce(0) { $0 + $1.citizensSimulated },
                            invariantViolations: replications.reduce(0) { $0 + $1.invariantViolations })
                        state.finished(result) {
                            onPoint(result)
                            progress?.advance(note: point.key)
                        }
                    }
                } catch {
                    state.fail(error)
                }
            }
            // Scenario loading (YAML) recurses; give workers a main-thread-sized stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let error = state.error { throw error }
        return Summary(pointsRun: state.pointsRun, invariantViolations: state.violations)
    }
}

/// Shared by the sweep's workers; the lock, not the compiler, guards it.
private final class SweepState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var stopped = false
    private(set) var error: (any Error)?
    private(set) var pointsRun = 0
    private(set) var violations = 0

    /// The next point to run, or nil when all are taken or a worker failed.
    func next(below count: Int) -> Int? {
        lock.withLock {
            guard !stopped, nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    /// Counts a finished point and runs `report` under the lock, so reports
    /// never interleave.
    func finished(_ result: SweepRunner.PointResult, report: () -> Void) {
        lock.withLock {
            pointsRun += 1
            violations += result.invariantViolations
            report()
        }
    }

    func fail(_ error: any Error) {
        lock.withLock {
            if self.error == nil { self.error = error }
            stopped = true
        }
    }
}

/// Why a sweep cannot run, one line each.
public enum SweepRunError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The shard already has finished points and `--resume` was not given.
    case alreadyStarted(sweep: SweepID, done: Int, of: Int, path: String)
    /// A point's settings are refused by the scenario loader or the model.
    case badPoint(key: String, message: String)
    /// `--vary simulation.…`: seed, replications and days belong to the plan.
    case simulationKey(String)

    public var description: String {
        switch self {
        case let .alreadyStarted(sweep, done, total, path):
            return "sweep \(sweep) in \(path) already has \(done) of these \(total) points done; "
                + "add --resume to run only the rest (or use another --db)"
        case let .badPoint(key, message):
            return "sweep point \(key): \(message)"
        case let .simulationKey(key):
            return "--vary \(key): seed, replications and days are the same for every point; "
                + "use --seed, --replications and --days instead"
        }
    }
}
