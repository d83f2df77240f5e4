import ArgumentParser
import Experiments
import Foundation
import RunStore
import SimKernel
import WardModel

/// `wardsim compare BASE OTHER…`: every scenario on the same random
/// streams; per KPI the paired difference against BASE with a 95 % interval
/// and a verdict.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare scenarios with a base on common random numbers: paired differences and verdicts.",
        discussion: """
            Every scenario runs with BASE's seed, days and replications (or those given here), so \
            replication i of each draws the same random numbers and differences are paired. --set \
            applies to every scenario. A verdict is "better" or "worse" when the 95 % interval of the \
            difference excludes 0 (which way is better depends on the KPI; neutral ones such as \
            utilisation say "higher" or "lower"), else "no detectable difference". \
            --precision 0.5m adds replications until the 95 % half-width of the city's mean wait, \
            of each scenario and of each difference, is at most 0.5 minutes (sequential stopping, \
            at most --max-replications). The runs and the comparison are kept in the run store \
            (see --db) unless --no-store is given; the comparison id goes to stderr.
            """)

    @Argument(help: "The base scenario file (YAML).")
    var base: String

    @Argument(help: "The scenarios to compare with the base.")
    var others: [String]

    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp(
        "Add replications until the 95 % half-width of the city's mean wait is at most this (e.g. 0.5m, 30s; a bare number is minutes).",
        valueName: "duration"))
    var precision: String?

    @Option(help: "The most replications --precision may run.")
    var maxReplications = ComparisonPlan.defaultMaximumReplications

    @Option(help: "A name for the comparison in the run store (default: \"OTHER, … vs BASE\").")
    var label: String?

    @Flag(help: "Do not keep the runs and the comparison in the run store.")
    var noStore = false

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: ArgumentHelp(
        "Also write the comparison's report to this file: HTML, or Markdown / CSV by the extension .md / .csv (see `wardsim report`).",
        valueName: "file"))
    var report: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp("The report's language: ja (default) or en.", valueName: "language"))
    var reportLanguage = "ja"

    func validate() throws {
        guard !others.isEmpty else { throw ValidationError("give at least one scenario to compare with the base") }
    }

    func run() throws {
        try reportingFailures {
            let target = try precision.map(Self.parsePrecision)
            if report != nil && noStore { throw CommandFailure(.badInput, "--report needs the run store; drop --no-store") }
            let reportOptions = try report.map { try ReportOutputOptions.options(file: $0, language: reportLanguage) }
            guard maxReplications >= 2 else {
                throw CommandFailure(.badInput, "--max-replications must be at least 2, got \(maxReplications)")
            }
            let baseScenario = try scenarioOptions.load(base)
            let otherScenarios = try others.map { try scenarioOptions.load($0) }
            for loaded in [baseScenario] + otherScenarios { _ = try scenarioOptions.simulator(for: loaded) }
            let experiment = try scenarioOptions.plan(for: baseScenario.scenario)
            let plan = ComparisonPlan(experiment: experiment, precision: target, maximumReplications: maxReplications)
            // Open the store before simulating, so a bad --db fails at once.
            let db = noStore ? nil : try store.open(.readWrite)

            // One progress report per round of sequential stopping.
            let scenarioCount = 1 + otherScenarios.count
            var progress: ProgressReporter? = nil
            let result: ScenarioComparisonResult
            do {
                result = try ScenarioComparison.run(
                    base: baseScenario, others: otherScenarios, plan: plan,
                    round: { from, to in
                        progress?.finish()
                        let label = from == 0 ? "compare" : "compare: replications \(from + 1)–\(to)"
                        progress = ProgressReporter(total: scenarioCount * (to - from), label: label)
                    },
                    progress: { progress?.advance(by: $0) })
            } catch let error as ComparisonError {
                throw CommandFailure(.badInput, error.description)
            }
            progress?.finish()
            if result.invariantViolations > 0 {
                writeError("wardsim: warning: \(result.invariantViolations) model invariant violations (a bug: please report it with the scenarios)")
            }
            if let note = result.note, result.precision?.capped == true { writeError("wardsim: note: " + note) }

            var comparisonID: ComparisonID? = nil
            var runIDs: [RunID] = []
            if let db {
                let name = label ?? ScenarioComparison.defaultLabel(
                    base: result.base.name, others: result.others.map(\.name))
                (comparisonID, runIDs) = try ScenarioComparison.record(result, in: db, label: name)
                if let reportOptions, let comparisonID { try reportOptions.writeStoredComparison(comparisonID, store: db) }
            }

            let summary = ComparisonSummary(result: result, comparisonID: comparisonID, runIDs: runIDs)
            writeOutput(json ? summary.json() + "\n" : summary.table())
            if let comparisonID {
                let runs = runIDs.map(\.description).joined(separator: ", ")
                writeError("stored as comparison \(comparisonID) (runs \(runs)) in \(store.path)")
            }
        }
    }

    /// `0.5m`, `30s`, `1m30s` or a bare number of minutes, in minutes.
    static func parsePrecision(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let minutes: Double?
        if let number = Double(trimmed) {
            minutes = number
        } else if let time = SimTime(duration: Substring(trimmed)) {
            minutes = time.minutes
        } else {
            minutes = nil
        }
        guard let minutes, minutes.isFinite, minutes > 0 else {
            throw CommandFailure(.badInput, "--precision must be a positive duration such as 0.5m or 30s, got \"\(text)\"")
        }
        return minutes
    }
}
