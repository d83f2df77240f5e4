import Foundation
import Testing

/// `wardsim compare` and the sweep's refusals, run as a user would.
@Suite(.enabled(if: WardsimBinary.path != nil, "wardsim binary not built (run `swift build` first)"))
struct CompareCommandTests {
    @Test func comparingAScenarioWithItselfFindsNoDifference() throws {
        try withTemporaryDirectory { dir in
            let base = scenarioPath("baseline")
            let run = try wardsim(["compare", base, scenarioPath("reservations"), base, "-r", "3", "--json",
                                   "--db", "c.sqlite"], in: dir)
            #expect(run.status == 0, "\(run)")
            #expect(run.stderr.contains("stored as comparison 1 (runs 1, 2, 3) in c.sqlite"), "\(run.stderr)")
            let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(root["comparison_id"] as? Int == 1 && root["replications"] as? Int == 3)
            let scenarios = try #require(root["scenarios"] as? [[String: Any]])
            #expect(scenarios.map { $0["scenario"] as? String } == ["reservations", "baseline"])
            #expect(scenarios.map { $0["run_id"] as? Int } == [2, 3])
            let itself = try #require(scenarios[1]["kpis"] as? [[String: Any]])
            #expect(itself.count > 100)
            for kpi in itself {
                let difference = kpi["difference"] as? [String: Any]
                // A KPI seen in one replication only (a late hour) has no interval.
                let verdict = (difference?["n"] as? Int ?? 0) >= 2 ? "no detectable difference" : "undetermined"
                #expect(difference?["mean"] as? Double == 0 && kpi["verdict"] as? String == verdict, "\(kpi)")
            }
            let headline = try #require(scenarios[0]["headline"] as? [[String: Any]])
            #expect(headline.first?["kpi"] as? String == "wait_mean" && headline.first?["direction"] as? String == "lower_is_better")

            // The comparison can be found again.
            let listed = try wardsim(["comparisons", "--db", "c.sqlite"], in: dir)
            #expect(listed.status == 0 && listed.stdout.contains("reservations, baseline vs baseline"), "\(listed)")
            let listedJSON = try wardsim(["comparisons", "--db", "c.sqlite", "--json"], in: dir)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(listedJSON.stdout.utf8)) as? [[String: Any]])
            #expect(entries.count == 1 && entries[0]["base_run"] as? Int == 1 && entries[0]["other_runs"] as? [Int] == [2, 3],
                    "\(listedJSON.stdout)")

            // The table for people: one block per other scenario.
            let table = try wardsim(["compare", base, scenarioPath("reservations"), "-r", "3", "--no-store"], in: dir)
            #expect(table.status == 0 && table.stdout.contains("reservations vs baseline\nKPI "), "\(table)")
            #expect(!table.stderr.contains("stored as"), "--no-store stores nothing")
            #expect(!FileManager.default.fileExists(atPath: dir + "/wardsim.sqlite"))
        }
    }

    @Test func badInputIsOneLineAndExitStatusTwo() throws {
        try withTemporaryDirectory { dir in
            let base = scenarioPath("baseline")
            let cases: [([String], String)] = [
                (["compare", base, base, "--precision", "fast", "--no-store"], "--precision must be a positive duration"),
                (["compare", base, base, "--precision", "0.5m", "--max-replications", "1", "--no-store"], "--max-replications must be at least 2"),
                (["sweep", base, "-r", "2"], "a sweep needs at least one --vary"),
                (["sweep", base, "--vary", "simulation.seed=1,2", "-r", "2"], "--vary simulation.seed"),
                (["sweep", base, "--vary", "offices[0].lobby_seats=-1", "-r", "2"], "sweep point offices[0].lobby_seats=-1"),
                (["sweep", base, "--vary", "offices[0].lobby_seats=90", "--jobs", "0"], "--jobs must be at least 1"),
            ]
            for (arguments, message) in cases {
                let outcome = try wardsim(arguments, in: dir)
                #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(arguments): \(outcome)")
                let lines = outcome.stderr.split(separator: "\n")
                #expect(lines.count == 1 && outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
            }
        }
    }
}
