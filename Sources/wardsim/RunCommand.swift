import ArgumentParser
import Experiments
import Foundation
import RunStore
import SimKernel
import WardModel

/// `wardsim run SCENARIO`: simulate a scenario's replications in parallel,
/// store them, and print the KPIs with 95 % intervals.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and print its KPIs with 95 % confidence intervals.",
        discussion: """
            Replications run in parallel on every core; results do not depend on the number of \
            threads. The run is kept in the run store (see --db) unless --no-store is given.
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not keep the run in the run store.")
    var noStore = false

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(help: ArgumentHelp(
        "Also store a record per citizen and the 15-minute queue, lobby and staff levels (see `wardsim export --citizens`).",
        discussion: "Large: about 35 bytes per citizen in the store, and a fiscal-year run holds every day's."))
    var trace = false

    func run() throws {
        try reportingFailures {
            if trace && noStore { throw CommandFailure(.badInput, "--trace stores its records in the run store: drop --no-store") }
            let loaded = try scenarioOptions.load(scenario)
            let simulator = try scenarioOptions.simulator(for: loaded)
            var plan = try scenarioOptions.plan(for: loaded.scenario)
            // Traces wait in memory until their batch is stored: keep batches small.
            if trace { plan.batchSize = plan.threads }
            let progress = ProgressReporter(total: plan.replications, label: loaded.scenario.name)
            let started = ContinuousClock.now
            var runID: RunID? = nil
            let replications: [ReplicationKPIs]
            if noStore {
                replications = ScenarioExperiment.run(simulator, plan: plan) { progress.advance(by: $0.count) }
            } else {
                let db = try store.open(.readWrite)
                (runID, replications) = try RunRecording.runAndRecord(
                    loaded, simulator: simulator, plan: plan, store: db, trace: trace,
                    progress: { progress.advance(by: $0) })
            }
            progress.finish()
            let elapsed = (ContinuousClock.now - started)
            let estimates = ScenarioExperiment.estimates(replications)
            let violations = replications.reduce(0) { $0 + $1.invariantViolations }
            if violations > 0 {
                writeError("wardsim: warning: \(violations) model invariant violations (a bug: please report it with the scenario)")
            }
            let summary = RunSummary(scenario: loaded.scenario.name, replications: plan.replications, seed: plan.seed,
                                     days: RunRecording.dayRange(plan.days), runID: runID, estimates: estimates,
                                     citizens: replications.reduce(0) { $0 + $1.citizensSimulated },
                                     seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            if json {
                print(summary.json())
            } else {
                print(summary.table())
                if let runID { writeError("stored as run \(runID) in \(store.path)") }
            }
        }
    }
}

/// Options shared by every command that loads and simulates a scenario.
struct ScenarioOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Replications (default: the scenario's).")
    var replications: Int?

    @Option(help: "Random seed (default: the scenario's).")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario value, e.g. offices[0].lobby_seats=80.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Days to simulate: ordinary, monday, after_holiday, peak, or year (every working day of the fiscal year).", valueName: "days"))
    var days: String?

    @Option(help: "Worker threads (default: every core). Results do not depend on it.")
    var threads: Int?

    func load(_ path: String) throws -> LoadedScenario {
        let loaded = try ScenarioLoader.load(path: path, overrides: overrides)
        for warning in loaded.warnings { writeError("wardsim: warning: \(warning)") }
        return loaded
    }

    func simulator(for loaded: LoadedScenario) throws -> WardSimulator {
        do { return try WardSimulator(scenario: loaded.scenario) } catch {
            throw CommandFailure(.badInput, "\(loaded.files.last ?? loaded.scenario.name): \(error)")
        }
    }

    func daySelection(default fallback: DaySelection) throws -> DaySelection {
        guard let days else { return fallback }
        if days == "year" { return .fiscalYear }
        guard let type = DayType(rawValue: days) else {
            let names = DayType.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure(.badInput, "--days must be one of \(names), year; got \"\(days)\"")
        }
        return .single(type)
    }

    func plan(for scenario: WardScenario) throws -> ExperimentPlan {
        let reps = replications ?? scenario.simulation.replications
        guard reps >= 2 else { throw CommandFailure(.badInput, "--replications must be at least 2 for an interval, got \(reps)") }
        if let threads, threads < 1 { throw CommandFailure(.badInput, "--threads must be at least 1, got \(threads)") }
        return ExperimentPlan(replications: reps, seed: seed ?? scenario.simulation.seed,
                              days: try daySelection(default: scenario.simulation.days),
                              threads: threads ?? ParallelReplications.defaultThreads)
    }
}
