import ArgumentParser
import Experiments
import Foundation
import Validation

/// `wardsim validate`: runs the queueing-theory validation suite (the same
/// cases as the test target) and prints, per measure, the exact value, the
/// simulated value, its intervals and the verdict.
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
            M/M/c+M (Erlang A), two-class non-preemptive priority (Cobham) and a \
            time-varying day, each as independent replications. A measure is covered \
            when the 99 % Student-t interval across replications contains the exact \
            value; the table also shows the 95 % interval. In --json output, ci_low and \
            ci_high are the 99 % interval behind `covered`. Exits non-zero if any \
            measure is not covered.
            """)

    @Flag(help: "Print the results as a JSON array of objects with keys case, measure, exact, simulated, ci_low, ci_high, covered.")
    var json = false

    @Option(help: "Random seed (the published verdicts use the default).")
    var seed: UInt64 = ValidationSuite.defaultSeed

    @Option(help: "Worker threads for the replications (default: all cores).")
    var threads: Int = ParallelReplications.defaultThreads

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let started = Date()
        let outcomes = ValidationSuite.runAll(seed: seed, threads: threads) { name in
            Self.log("validate: \(name)")
        }
        Self.log(String(format: "validate: %d measures in %.1f s", outcomes.count, Date().timeIntervalSince(started)))
        if json {
            try printJSON(outcomes)
        } else {
            printTable(outcomes)
        }
        let failed = outcomes.filter { !$0.covered }.count
        if failed > 0 {
            Self.log("validate: \(failed) of \(outcomes.count) measures NOT covered")
            throw ExitCode.failure
        }
    }

    /// One JSON object per measure; the interval is the 99 % one behind `covered`.
    struct Row: Encodable {
        var `case`: String
        var measure: String
        var exact: Double
        var simulated: Double
        var ci_low: Double
        var ci_high: Double
        var covered: Bool
    }

    func printJSON(_ outcomes: [ValidationOutcome]) throws {
        let rows = outcomes.map {
            Row(case: $0.caseName, measure: $0.measure, exact: $0.exact, simulated: $0.simulated,
                ci_low: $0.interval99.low, ci_high: $0.interval99.high, covered: $0.covered)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(rows)
        print(String(decoding: data, as: UTF8.self))
    }

    func printTable(_ outcomes: [ValidationOutcome]) {
        let header = ["case", "measure", "exact", "simulated", "95 % CI", "99 % CI", "verdict"]
        let rows = outcomes.map { o -> [String] in
            let verdict = o.coveredAt95 ? "covered" : o.covered ? "covered (99 % only)" : "NOT COVERED"
            return [o.caseName, o.measure, Self.number(o.exact), Self.number(o.simulated),
                    "[\(Self.number(o.interval95.low)), \(Self.number(o.interval95.high))]",
                    "[\(Self.number(o.interval99.low)), \(Self.number(o.interval99.high))]", verdict]
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i >= 2 && i <= 3 ? pad + cell : cell + pad   // numbers right-aligned
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { print(line(row)) }
        let covered = outcomes.filter(\.covered).count
        print("\(covered) of \(outcomes.count) measures covered by their 99 % interval; "
              + "\(outcomes.filter(\.coveredAt95).count) by their 95 % interval.")
    }

    /// Five significant digits, as a plain decimal where that is readable.
    static func number(_ x: Double) -> String {
        String(format: "%.5g", x)
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
