import ArgumentParser
import Experiments
import Foundation
import RunStore
import SimKernel

/// `wardsim sweep SCENARIO --vary key=a,b,c --vary key=lo:hi:step`: run every
/// point of a parameter grid (or a Latin-hypercube sample) into the run
/// store, one run per point; one line per point on stdout.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of parameter values, one stored run per point.",
        discussion: """
            Each point is the scenario with the point's key=value settings applied like --set, run with \
            the same seed and replications as every other point. Points run in parallel (--jobs) and \
            each is committed to the run store when done, so a killed sweep loses only the points in \
            progress: run the same command again with --resume to finish it. --shard i/n runs every n-th \
            point from the i-th, for n machines or array jobs writing one shared file or n files merged \
            later with `wardsim merge`. Progress goes to stderr; stdout has one line per finished point \
            (JSON Lines with --json), in the order they finish. Get the whole sweep afterwards with \
            `wardsim export --sweep ID`.
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: ArgumentHelp(
        "A key and its values: key=a,b,c or key=low:high:step (numbers, percentages or durations). Repeat for more keys; the full grid is run.",
        valueName: "key=values"))
    var vary: [String] = []

    @Option(help: ArgumentHelp("Run N Latin-hypercube samples of the range keys instead of the full grid.", valueName: "N"))
    var lhs: Int?

    @Option(help: ArgumentHelp("Run only shard i of n (every n-th point from the i-th).", valueName: "i/n"))
    var shard: String?

    @Option(help: "Points run at once (default: every core).")
    var jobs: Int?

    @Flag(help: "Skip the points already done in the run store (after a kill, or to finish a shard).")
    var resume = false

    @Flag(help: "Print one JSON object per point (JSON Lines) instead of text lines.")
    var json = false

    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingFailures {
            if let jobs, jobs < 1 { throw CommandFailure(.badInput, "--jobs must be at least 1, got \(jobs)") }
            if scenarioOptions.threads != nil {
                throw CommandFailure(.badInput, "a sweep parallelises over points: use --jobs instead of --threads")
            }
            let base = try scenarioOptions.load(scenario)
            let plan = try scenarioOptions.plan(for: base.scenario)
            let spec = try SweepSpec(vary: vary, latinHypercube: lhs, seed: plan.seed)
            let shard = try shard.map { try SweepShard(parsing: $0) } ?? .whole
            // Create or open the file here, so its errors read like every other command's.
            _ = try store.open(.readWrite)
            let config = SweepRunner.Configuration(
                scenarioPath: scenario, overrides: scenarioOptions.overrides, base: base, spec: spec, plan: plan,
                shard: shard, jobs: jobs ?? ParallelReplications.defaultThreads, resume: resume,
                storePath: store.path)

            let prepared: SweepRunner.Prepared
            do { prepared = try SweepRunner.prepare(config) } catch let error as SweepRunError {
                throw CommandFailure(.badInput, error.description)
            }
            writeError(Self.plan(prepared))
            let progress = ProgressReporter(total: prepared.points.count, label: "sweep \(prepared.sweep)")
            let json = self.json
            let summary: SweepRunner.Summary
            do {
                let sweep = prepared.sweep
                summary = try SweepRunner.run(prepared, progress: progress) { point in
                    writeOutput((json ? SweepLine.json(point, sweep: sweep) : SweepLine.text(point)) + "\n")
                }
            } catch let error as SweepRunError {
                throw CommandFailure(.badInput, error.description)
            }
            progress.finish()
            if summary.invariantViolations > 0 {
                writeError("wardsim: warning: \(summary.invariantViolations) model invariant violations (a bug: please report it with the scenario)")
            }
            writeError("sweep \(prepared.sweep) in \(store.path): \(prepared.alreadyDone + summary.pointsRun) of "
                + "\(prepared.shardPoints) points done\(shard == .whole ? "" : " in shard \(shard)"); "
                + "export with: wardsim export --sweep \(prepared.sweep)")
        }
    }

    /// `sweep 3: 12 points, 4 already done, running 8 (2 jobs, 10 replications each)`.
    static func plan(_ p: SweepRunner.Prepared) -> String {
        let c = p.configuration
        var text = "sweep \(p.sweep): \(p.record.pointCount) points"
        if c.shard != .whole { text += ", \(p.shardPoints) in shard \(c.shard)" }
        if p.alreadyDone > 0 { text += ", \(p.alreadyDone) already done" }
        text += "; running \(p.points.count) (\(min(c.jobs, max(1, p.points.count))) at once, "
            + "\(c.plan.replications) replications each, seed \(c.plan.seed), days \(RunRecording.dayRange(c.plan.days)))"
        return text
    }
}

/// One finished sweep point as printed on stdout.
enum SweepLine {
    /// Headline KPIs (city): output key and model KPI.
    static let headline: [(key: String, kpi: String, label: String)] = [
        ("wait_mean_min", "wait_mean", "wait"),
        ("wait_p90_min", "wait_p90", "P90"),
        ("served_within_30", "served_within_30", "within 30 min"),
        ("time_in_office_mean_min", "time_in_office_mean", "in office"),
        ("reneged", "reneged", "reneged"),
        ("balked", "balked", "balked"),
        ("utilisation_counter", "utilisation_counter", "counter utilisation"),
        ("overtime_min", "staff_overtime_minutes", "overtime"),
    ]

    private static func city(_ point: SweepRunner.PointResult) -> [String: Estimate] {
        var table: [String: Estimate] = [:]
        for e in point.estimates where e.key.scope == "city" { table[e.key.kpi] = e }
        return table
    }

    /// `staff=4;share=0.2  run 12  wait 6.1 [2.7, 9.5]  P90 18.0 [7.9, 28.1]  …`
    static func text(_ point: SweepRunner.PointResult) -> String {
        let table = city(point)
        var parts = [point.point.key, "run \(point.run)"]
        for (_, kpi, label) in headline {
            guard let e = table[kpi] else { continue }
            parts.append("\(label) " + RunSummary.format(e, percent: kpi == "served_within_30" || kpi.hasPrefix("utilisation")))
        }
        return parts.joined(separator: "  ")
    }

    /// `{"sweep":1,"point":"…","index":0,"run":12,"parameters":{…},"kpis":{"wait_mean_min":{"mean":…,"ci_low":…,"ci_high":…},…}}`
    static func json(_ point: SweepRunner.PointResult, sweep: SweepID) -> String {
        let table = city(point)
        var kpis: [String: Any] = [:]
        for (key, kpi, _) in headline {
            guard let e = table[kpi] else { continue }
            kpis[key] = ["mean": finite(e.mean), "ci_low": finite(e.low), "ci_high": finite(e.high)]
        }
        let root: [String: Any] = [
            "sweep": sweep.rawValue, "point": point.point.key, "index": point.point.index, "run": point.run.rawValue,
            "parameters": Dictionary(point.point.settings.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
            "kpis": kpis,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private static func finite(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
}
