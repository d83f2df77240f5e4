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
/// **Faults.** Each point is its own run, stored once simulated (begun,
/// its KPIs in one transaction, marked `done`), so a killed sweep loses
/// only the points not yet stored. A kill in the middle of storing leaves
/// that run `running`; `completedPoints` ignores it, so `resume` runs the
/// point again, and exports read only `done` runs. Such runs are not marked
/// `failed` on resume, because another process may be writing them right
/// now (several processes may share one file).
///
/// **Parallelism.** `jobs` worker threads simulate points, taking the next
/// one as they finish, and pack each point's values and estimates; one
/// thread writes the store (see `run`), so it does only SQLite's part. A
/// point's replications run on `jobs / workers` threads, so with as many
/// points as jobs every point is single-threaded, which scales best. The
/// points `prepare` loads to check them are kept for `run` (up to
/// `LoadedPoints.keptLimit`), and so is its store connection.
/// Results never depend on `jobs`.
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
        /// The connection `prepare` opened, handed on to `run` (closing and
        /// reopening the file would checkpoint and sync it once more).
        var connection: StoreHandoff? = nil
        /// The points `prepare` loaded to check them, kept for `run`.
        var loaded: LoadedPoints? = nil
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
    /// before anything is simulated. Cost: one scenario load per point, on
    /// `jobs` threads; the loaded points are kept for `run` (sweeps of at
    /// most `LoadedPoints.keptLimit` points).
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
        let loaded = points.count <= LoadedPoints.keptLimit ? LoadedPoints() : nil
        try checkPoints(points, config, keeping: loaded)
        return Prepared(configuration: config, sweep: sweep, record: record, shardPoints: shardPoints.count,
                        alreadyDone: doneHere, points: points, connection: StoreHandoff(store), loaded: loaded)
    }

    /// Loads every point once to find bad settings before anything runs, on
    /// `jobs` threads; the first bad point in sweep order is reported.
    /// The loaded points go into `keeping` when given, for `run`.
    static func checkPoints(_ points: [SweepPoint], _ config: Configuration, keeping: LoadedPoints? = nil) throws {
        let workers = min(config.jobs, points.count)
        guard workers > 1 else {
            for point in points { keeping?.put(point.key, try loadPoint(point, config)) }
            return
        }
        let failures = FirstFailure()
        onThreads(workers) { worker in
            for i in stride(from: worker, to: points.count, by: workers) {
                do { keeping?.put(points[i].key, try loadPoint(points[i], config)) } catch {
                    failures.record(index: i, error)
                    return
                }
            }
        }
        if let error = failures.first { throw error }
    }

    /// Runs `body(0..<count)` on `count` threads with main-thread-sized
    /// stacks (scenario loading recurses) and waits for all of them.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for worker in 0..<count {
            group.enter()
            let thread = Thread {
                body(worker)
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
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

    /// Runs the prepared points, storing each as it finishes and handing it
    /// to `onPoint` and `progress` (both called from one thread, in the
    /// order the points are stored).
    ///
    /// With one job, each point is loaded, simulated and stored in turn on
    /// the calling thread. With more, `jobs` worker threads load and
    /// simulate points (taking the next one as they finish), and the calling
    /// thread alone writes the store: SQLite takes one writer at a time, and
    /// one connection that never waits for a lock keeps every worker busy.
    /// At most one finished point per worker waits to be written.
    ///
    /// On the first error no further points are started; points already
    /// waiting to be written are still stored, then the error is rethrown.
    public static func run(
        _ prepared: Prepared, progress: ProgressReporter? = nil,
        onPoint: @escaping @Sendable (PointResult) -> Void = { _ in }
    ) throws -> Summary {
        let config = prepared.configuration
        let points = prepared.points
        guard !points.isEmpty else { return Summary(pointsRun: 0, invariantViolations: 0) }
        let workers = min(config.jobs, points.count)
        let plan = ExperimentPlan(replications: config.plan.replications, seed: config.plan.seed,
                                  days: config.plan.days, threads: max(1, config.jobs / workers))
        let store = try prepared.connection?.take() ?? RunStore.open(path: config.storePath)
        var summary = Summary(pointsRun: 0, invariantViolations: 0)
        func write(_ work: SimulatedPoint) throws {
            let result = try storePoint(work, in: store)
            summary.pointsRun += 1
            summary.invariantViolations += result.invariantViolations
            onPoint(result)
            progress?.advance(note: result.point.key)
        }

        if workers == 1 {
            for point in points {
                try write(try simulate(point, config, plan: plan, sweep: prepared.sweep, loaded: prepared.loaded))
            }
            return summary
        }

        let queue = PointQueue(capacity: workers, producers: workers)
        for _ in 0..<workers {
            let thread = Thread {
                defer { queue.producerFinished() }
                while let index = queue.nextIndex(below: points.count) {
                    do {
                        guard queue.put(try simulate(points[index], config, plan: plan, sweep: prepared.sweep,
                                                     loaded: prepared.loaded)) else {
                            return
                        }
                    } catch {
                        queue.fail(error)
                        return
                    }
                }
            }
            // Scenario loading (YAML) recurses; give workers a main-thread-sized stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
        while let work = queue.take() {
            do { try write(work) } catch {
                queue.fail(error)
                queue.drain()  // let the workers finish and leave
                break
            }
        }
        if let error = queue.error { throw error }
        return summary
    }

    /// A point loaded, simulated and summarised, not yet stored: everything
    /// but the store's own work is done on the worker, so the one writer
    /// thread does little more than SQLite's part.
    struct SimulatedPoint: Sendable {
        var point: SweepPoint
        var record: RunRecord
        /// The replications' values by KPI list (one group for a sweep point).
        var values: [(keys: KPIKeyList, values: [ReplicationValues])]
        var estimates: [Estimate]
        var citizensSimulated: Int
        var invariantViolations: Int
    }

    static func simulate(_ point: SweepPoint, _ config: Configuration, plan: ExperimentPlan, sweep: SweepID,
                         loaded kept: LoadedPoints? = nil) throws -> SimulatedPoint
    {
        let (loaded, simulator) = try kept?.take(point.key) ?? loadPoint(point, config)
        let replications = ScenarioExperiment.run(simulator, plan: plan) { _ in }
        var packer = KPIValuePacker()
        return SimulatedPoint(
            point: point,
            record: RunRecording.record(
                for: loaded, plan: plan, sweep: sweep, pointKey: point.key,
                parameters: point.settings.map { RunParameter(name: $0.key, value: $0.value) }),
            values: packer.pack(replications), estimates: ScenarioExperiment.estimates(replications),
            citizensSimulated: replications.reduce(0) { $0 + $1.citizensSimulated },
            invariantViolations: replications.reduce(0) { $0 + $1.invariantViolations })
    }

    /// Stores one point as a finished run of the sweep: begin, its KPI
    /// values (one transaction), done. A failure marks the run `failed` and
    /// rethrows.
    static func storePoint(_ work: SimulatedPoint, in store: RunStore) throws -> PointResult {
        let run = try store.beginRun(work.record)
        do {
            if !work.values.isEmpty { try store.record(valueGroups: work.values, for: run) }
            try store.finishRun(run, status: .done)
        } catch {
            try? store.finishRun(run, status: .failed, error: String(describing: error))
            throw error
        }
        return PointResult(point: work.point, run: run, estimates: work.estimates,
                           citizensSimulated: work.citizensSimulated, invariantViolations: work.invariantViolations)
    }
}

/// The scenario and simulator of each point, loaded once by `prepare`'s
/// check and taken by `run` (a point taken is loaded again if run twice).
/// Kept only for sweeps of at most `keptLimit` points: each holds its
/// resolved scenario and compiled model (tens of kilobytes). The lock, not
/// the compiler, guards the table.
final class LoadedPoints: @unchecked Sendable {
    static let keptLimit = 256
    private let lock = NSLock()
    private var points: [String: (LoadedScenario, WardSimulator)] = [:]

    func put(_ key: String, _ point: (LoadedScenario, WardSimulator)) { lock.withLock { points[key] = point } }

    func take(_ key: String) -> (LoadedScenario, WardSimulator)? {
        lock.withLock { points.removeValue(forKey: key) }
    }
}

/// A store connection passed from `prepare` to `run`, taken at most once
/// (a second `run` of the same `Prepared` opens its own). The connection is
/// used by one thread at a time: `prepare` has finished with it before
/// `run` takes it, and the lock orders the two; that, not the compiler,
/// makes the unchecked `Sendable` safe.
final class StoreHandoff: @unchecked Sendable {
    private let lock = NSLock()
    private var store: RunStore?
    init(_ store: RunStore) { self.store = store }
    func take() -> RunStore? {
        lock.withLock {
            defer { store = nil }
            return store
        }
    }
}

/// The failure with the lowest point index among several threads'.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var best: (index: Int, error: any Error)?
    func record(index: Int, _ error: any Error) {
        lock.withLock { if best.map({ index < $0.index }) ?? true { best = (index, error) } }
    }
    var first: (any Error)? { lock.withLock { best?.error } }
}

/// Hands points to the workers and simulated points to the writer: a
/// bounded queue (at most `capacity` simulated points wait, so memory stays
/// small however fast the workers are). The condition's lock, not the
/// compiler, guards the state.
private final class PointQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var producers: Int
    private var nextPoint = 0
    private var waiting: [SweepRunner.SimulatedPoint] = []
    private var failed = false
    private(set) var error: (any Error)?

    init(capacity: Int, producers: Int) { self.capacity = max(1, capacity); self.producers = producers }

    /// The next point index for a worker, or nil when all are taken or the sweep failed.
    func nextIndex(below count: Int) -> Int? {
        condition.withLock {
            guard !failed, nextPoint < count else { return nil }
            defer { nextPoint += 1 }
            return nextPoint
        }
    }

    /// Queues a simulated point, waiting while the queue is full. False if
    /// the sweep failed (the point is dropped).
    func put(_ work: SweepRunner.SimulatedPoint) -> Bool {
        condition.withLock {
            while waiting.count >= capacity && !failed { condition.wait() }
            guard !failed else { return false }
            waiting.append(work)
            condition.broadcast()
            return true
        }
    }

    /// The next simulated point for the writer; nil once every worker has
    /// finished and nothing is left.
    func take() -> SweepRunner.SimulatedPoint? {
        condition.withLock {
            while waiting.isEmpty && producers > 0 { condition.wait() }
            guard !waiting.isEmpty else { return nil }
            condition.broadcast()
            return waiting.removeFirst()
        }
    }

    func producerFinished() {
        condition.withLock {
            producers -= 1
            condition.broadcast()
        }
    }

    func fail(_ error: any Error) {
        condition.withLock {
            if self.error == nil { self.error = error }
            failed = true
            condition.broadcast()
        }
    }

    /// Waits for every worker to finish (after a failure), dropping their points.
    func drain() {
        condition.withLock {
            while producers > 0 {
                waiting.removeAll()
                condition.wait()
            }
            waiting.removeAll()
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
