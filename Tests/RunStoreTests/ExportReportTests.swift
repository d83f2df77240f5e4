import Foundation
import Testing
@testable import RunStore

/// Runs, run detail and exports built from a real store.
@Suite struct ExportReportTests {
    let utc = TimeZone(identifier: "UTC")!

    @Test func runListingTableAndJSON() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/s.sqlite")
            try storeRun(store, sampleRun(seed: 42, replications: 3, scenario: "市民課-reform"))
            let sweep = try store.beginSweep(SweepRecord(
                specHash: "h1", scenarioName: "baseline", scenarioHash: "hash-baseline", specJSON: "{}",
                pointCount: 2, programVersion: "0.1.0-test"))
            _ = try store.beginRun(sampleRun(seed: 7, replications: 2, sweep: sweep, pointKey: "staff=3"))
            let runs = try store.runs()

            let lines = RunListing.table(runs, timeZone: utc).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 4 && lines[3] == "")
            #expect(lines[0] == "id  created           scenario       status   reps  seed  sweep  point")
            #expect(lines[1].hasPrefix(" 1  20") && lines[1].hasSuffix("  市民課-reform  done        3    42"))
            #expect(lines[2].hasSuffix("  baseline       running     2     7      1  staff=3"))

            let json = try #require(try JSONSerialization.jsonObject(with: Data(RunListing.json(runs).utf8)) as? [[String: Any]])
            #expect(json.count == 2)
            #expect(json[0]["id"] as? Int == 1 && json[0]["status"] as? String == "done")
            #expect(json[0]["scenario"] as? String == "市民課-reform" && json[0]["seed"] as? Int == 42)
            #expect(json[0]["sweep"] is NSNull && json[0]["scenario_text"] == nil)
            #expect(json[1]["sweep"] as? Int == 1 && json[1]["point"] as? String == "staff=3")
            // Stored with milliseconds; Date arithmetic may differ below that.
            let created = try #require((json[0]["created"] as? String).flatMap(parseTimestamp))
            let stored = try #require(runs[0].createdAt)
            #expect(abs(created.timeIntervalSince(stored)) < 0.0005, "\(json[0]["created"] ?? "") vs \(stored.timeIntervalSince1970)")
        }
    }

    @Test func runDetailShowsMetadataAndIntervals() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/s.sqlite")
            let id = try storeRun(store, sampleRun(seed: 42, replications: 5))
            let record = try #require(try store.run(id))
            let text = RunDetail.table(run: record, summaries: try store.summary(run: id), timeZone: utc)
            // wait_mean_min (total) is 10, 11, 12, 13, 14: mean 12, sd √2.5,
            // t(0.975, 4) = 2.776445 → half-width 1.9632, shown to 1 decimal.
            #expect(text.contains("\nrun           1 (done)\n") || text.hasPrefix("run           1 (done)\n"))
            #expect(text.contains("\nscenario      baseline (hash hash-baseline)\n"))
            #expect(text.contains("\nseed          42\n"))
            #expect(text.contains("\nreplications  5\n"))
            #expect(text.contains("\ndays          2025-04-01..2025-04-01\n"))
            #expect(text.contains("""

                scope      name     kpi            n    mean  95% CI
                channel    walk-in  share          5  0.5000  [0.5000, 0.5000]
                procedure  move-in  served         5   102.0  [100.0, 104.0]
                section    citizen  wait_mean_min  5    22.0  [20.0, 24.0]
                total      all      wait_mean_min  5    12.0  [10.0, 14.0]

                """), "\(text)")

            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(RunDetail.json(run: record, summaries: try store.summary(run: id)).utf8))
                    as? [String: Any])
            let run = try #require(json["run"] as? [String: Any])
            #expect(run["scenario_text"] as? String == "version: 1\nname: baseline\n")
            let kpis = try #require(json["kpis"] as? [[String: Any]])
            let total = try #require(kpis.first { $0["scope"] as? String == "total" })
            let half = try #require(total["half_width"] as? Double)
            #expect(abs(half - 2.776445105 * 2.5.squareRoot() / 5.0.squareRoot()) < 1e-6, "half-width \(half)")
            #expect(total["mean"] as? Double == 12 && total["n"] as? Int == 5)
        }
    }

    @Test func singleReplicationHasNoInterval() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/s.sqlite")
            let id = try storeRun(store, sampleRun(replications: 1))
            let text = RunDetail.summaryTable(try store.summary(run: id))
            #expect(text.contains("total      all      wait_mean_min  1   10.00  –\n"), "\(text)")
            let record = try #require(try store.run(id))
            let json = RunDetail.json(run: record, summaries: try store.summary(run: id))
            #expect(json.contains("\"sd\": null") && json.contains("\"half_width\": null"))
        }
    }

    @Test func runCSVHoldsEveryStoredValue() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/s.sqlite")
            let id = try store.beginRun(sampleRun(replications: 2))
            var rows = sampleKPIs(replications: 2).flatMap { $0 }
            rows.append(KPIRow(replication: 0, scope: .section, scopeName: "say \"hi\", then", kpi: "p90", value: .nan))
            rows.append(KPIRow(replication: 1, scope: .section, scopeName: "say \"hi\", then", kpi: "p90", value: 0.1 + 0.2))
            try store.record(kpis: rows, for: id)
            try store.finishRun(id, status: .done)
            let stored = try store.kpis(run: id)

            let record = try #require(try store.run(id))
            let csv = parseCSV(KPIExport.csv(run: record, rows: stored))
            #expect(csv.first == KPIExport.runColumns)
            #expect(csv.count == stored.count + 1)
            for (fields, row) in zip(csv.dropFirst(), stored) {
                #expect(fields[0] == "1" && fields[1] == String(row.replication) && fields[2] == row.scope.rawValue)
                #expect(fields[3] == row.scopeName && fields[4] == row.kpi)
                if row.value.isNaN { #expect(fields[5] == "") } else { #expect(Double(fields[5]) == row.value) }
            }

            let jsonText = KPIExport.json(run: record, rows: stored)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(jsonText.utf8)) as? [String: Any])
            let jsonRows = try #require(json["rows"] as? [[String: Any]])
            #expect(jsonRows.count == stored.count)
            #expect(jsonRows.contains { $0["scope_name"] as? String == "say \"hi\", then" && $0["value"] is NSNull })
            // Shortest round-trip form, so no digit is lost.
            #expect(jsonText.contains("\"value\": 0.30000000000000004}"))
        }
    }

    /// Three points: one run twice (the later run is exported), one still
    /// running (missing), and a parameter named like a fixed column.
    @Test func sweepExportHasParameterColumnsAndOneSummaryPerPointAndKPI() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/s.sqlite")
            let sweep = try store.beginSweep(SweepRecord(
                specHash: "h1", scenarioName: "baseline", scenarioHash: "hash-baseline",
                specJSON: "{\"format\":1,\"vary\":[]}", pointCount: 4, programVersion: "0.1.0-test"))
            func point(_ staff: Int, _ kpi: String) -> RunRecord {
                sampleRun(replications: 3, sweep: sweep, pointKey: "staff=\(staff);kpi=\(kpi)",
                          parameters: [RunParameter(name: "staff", value: "\(staff)"), RunParameter(name: "kpi", value: kpi)])
            }
            try storeRun(store, point(3, "a"), base: 10)
            try storeRun(store, point(4, "a"), base: 20)
            let rerun = try storeRun(store, point(3, "a"), base: 30)
            _ = try store.beginRun(point(5, "a"))  // still running
            try storeRun(store, sampleRun(seed: 9))  // not in the sweep

            let results = try store.sweepResults(sweep)
            #expect(results.points.map { $0.run.pointKey } == ["staff=3;kpi=a", "staff=4;kpi=a"])
            #expect(results.points[0].run.id == rerun)
            #expect(results.missingPoints == 2)
            #expect(results.parameterNames == ["staff", "kpi"])

            let csv = parseCSV(KPIExport.sweepCSV(results))
            #expect(csv[0] == ["sweep", "run", "point", "staff", "param.kpi"] + KPIExport.summaryColumns)
            #expect(csv.count == 1 + 2 * 4)
            let total = try #require(csv.first { $0[2] == "staff=3;kpi=a" && $0[5] == "total" })
            // Rerun's total wait_mean_min: 30, 31, 32.
            #expect(total[1] == rerun.description && total[3] == "3" && total[4] == "a" && total[8] == "3")
            #expect(Double(total[9]) == 31, "mean column: \(total)")

            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(KPIExport.sweepJSON(results).utf8)) as? [String: Any])
            #expect(json["missing_points"] as? Int == 2)
            let spec = try #require((json["sweep"] as? [String: Any])?["spec"] as? [String: Any])
            #expect(spec["format"] as? Int == 1)
            let points = try #require(json["points"] as? [[String: Any]])
            #expect(points.count == 2)
            #expect((points[1]["parameters"] as? [String: String]) == ["staff": "4", "kpi": "a"])
            #expect((points[1]["kpis"] as? [[String: Any]])?.count == 4)

            #expect(throws: RunStoreError.unknownSweep(path: dir + "/s.sqlite", id: SweepID(9))) {
                try store.sweepResults(SweepID(9))
            }
        }
    }
}
