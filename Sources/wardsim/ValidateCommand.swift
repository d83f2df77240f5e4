import ArgumentParser
import Experiments
import Foundation
import Validation

/// `wardsim validate`: runs the queueing-theory validation suite (the same
/// cases and run lengths as the test target) and prints, per measure, the
/// exact value, the simulated value, its intervals and the verdict.
///
/// ```
/// wardsim validate            # table on stdout, progress on stderr
/// wardsim validate --json     # [{"case": …, "measure": …, "exact": …, …}, …]
/// ```
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the simulation kernel against exact queueing-theory results.",
        discussion: """
            Simulates M/M/1, M/M/c (Erlang C), M/D/1 and M/G/1 (Pollaczek–Khinchine), \
            M/M/c+M (Erlang A), the Erlang loss system, two-class non-preemptive priority \
            (Cobham) and a time-varying day, each as independent replications. A measure \
            is covered when the 99 % Student-t interval across replications contains the \
            exact value; the table also shows the 95 % interval. In --json output, ci_low \
            and ci_high are the 99 % interval behind `covered`. Exits non-zero if any \
            measure is not covered.
            """)

    @Flag(help: "Print the results as a JSON array of objects with keys case, measure, exact, simulated, ci_low, ci_high, covered.")
    var json = false

    @Option(help: "Random seed (the published verdicts use the default).")
    var seed: UInt64 = ValidationSuite.defaultSeed

    @Option(help: "Worker threads for the replications (default: every core). Results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let started = Date()
        let outcomes = ValidationSuite.runAll(seed: seed, threads: threads ?? ParallelReplications.defaultThreads) { name in
            Self.log("validate: \(name)")
        }
        Self.log(String(format: "validate: %d measures in %.1f s", outcomes.count, Date().timeIntervalSince(started)))
        print(json ? try ValidationReport.json(outcomes) : ValidationReport.table(outcomes))
        let failed = outcomes.filter { !$0.covered }.count
        if failed > 0 {
            Self.log("validate: \(failed) of \(outcomes.count) measures NOT covered")
            throw ExitCode.failure
        }
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
