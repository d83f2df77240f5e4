import Foundation
import SimKernel
import Testing
@testable import RunStore

@Suite struct RoundtripTests {
    @Test func defaultPathPrefersOptionThenEnvironment() {
        #expect(RunStore.defaultPath(environment: [:]) == "wardsim.sqlite")
        #expect(RunStore.defaultPath(environment: ["WARDSIM_DB": ""]) == "wardsim.sqlite")
        #expect(RunStore.defaultPath(environment: ["WARDSIM_DB": "x/y.sqlite"]) == "x/y.sqlite")
        #expect(RunStore.path(option: "z.sqlite", environment: ["WARDSIM_DB": "x/y.sqlite"]) == "z.sqlite")
        #expect(RunStore.path(option: nil, environment: ["WARDSIM_DB": "x/y.sqlite"]) == "x/y.sqlite")
    }

    @Test func freshFileGetsSchemaVersionApplicationIDAndWAL() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/new.sqlite"
            _ = try RunStore.open(path: path)
            let db = try Database(path: path, mode: .readOnly)
            #expect(try db.scalarInt("PRAGMA user_version") == Schema.currentVersion)
            #expect(try db.scalarInt("PRAGMA application_id") == Int(Schema.applicationID))
            #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
            // Reopening an up-to-date file changes nothing and keeps data.
            let store = try RunStore.open(path: path)
            let id = try storeRun(store, sampleRun())
            let again = try RunStore.open(path: path)
            #expect(try again.run(id)?.status == .done)
        }
    }

    @Test func emptyFileIsMigratedForward() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/touched.sqlite"
            _ = FileManager.default.createFile(atPath: path, contents: Data())
            let store = try RunStore.open(path: path)
            #expect(try store.db.scalarInt("PRAGMA user_version") == Schema.currentVersion)
            #expect(try store.runs().isEmpty)
        }
    }

    @Test func runsAndKPIsRoundTrip() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/r.sqlite")
            var record = sampleRun(seed: UInt64.max - 1, replications: 3)
            record.traced = true
            let id = try store.beginRun(record)
            #expect(try store.run(id)?.status == .running)
            let batches = sampleKPIs(replications: 3)
            for batch in batches { try store.record(kpis: batch, for: id) }
            try store.finishRun(id, status: .done)

            let stored = try #require(try store.run(id))
            #expect(stored.id == id && stored.status == .done && stored.error == nil)
            #expect(stored.seed == UInt64.max - 1, "seed must survive the signed SQLite integer")
            #expect(stored.scenarioText == record.scenarioText && stored.scenarioHash == record.scenarioHash)
            #expect(stored.replications == 3 && stored.dayRange == record.dayRange && stored.traced)
            #expect(stored.programVersion == record.programVersion && stored.sweep == nil)
            let created = try #require(stored.createdAt), finished = try #require(stored.finishedAt)
            #expect(created <= finished && abs(created.timeIntervalSinceNow) < 600)

            let expected = batches.flatMap { $0 }.sorted {
                ($0.replication, $0.scope.rawValue, $0.scopeName, $0.kpi) < ($1.replication, $1.scope.rawValue, $1.scopeName, $1.kpi)
            }
            #expect(try store.kpis(run: id) == expected)
            #expect(try store.runs().map(\.id) == [id])
            #expect(try store.runs().first?.scenarioText == "", "run list leaves the scenario text out unless asked")
            #expect(try store.runs(includingScenarioText: true).first?.scenarioText == record.scenarioText)
        }
    }

    @Test func failedRunKeepsItsError() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/f.sqlite")
            let id = try store.beginRun(sampleRun())
            try store.finishRun(id, status: .failed, error: "scenario invalid")
            let run = try #require(try store.run(id))
            #expect(run.status == .failed && run.error == "scenario invalid")
            #expect(throws: RunStoreError.unknownRun(path: dir + "/f.sqlite", id: RunID(99))) {
                try store.record(kpis: [], for: RunID(99))
            }
        }
    }

    @Test func summaryMatchesStudentTAndTheView() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/s.sqlite")
            let id = try store.beginRun(sampleRun(replications: 5))
            // wait_mean_min: 10, 11, 12, 13, 14 → mean 12, sd √2.5, t(0.975, 4) = 2.7764451052;
            // half-width = 2.7764451052 · 1.5811388301 / √5 = 1.9632432...
            for batch in sampleKPIs(replications: 5) { try store.record(kpis: batch, for: id) }
            // An undefined value (NaN) in one replication is left out of that KPI's summary.
            try store.record(kpis: [KPIRow(replication: 0, scope: .total, kpi: "undefined_sometimes", value: .nan),
                                    KPIRow(replication: 1, scope: .total, kpi: "undefined_sometimes", value: 4),
                                    KPIRow(replication: 2, scope: .total, kpi: "undefined_sometimes", value: 6)], for: id)
            try store.finishRun(id, status: .done)

            let summary = try store.summary(run: id)
            let wait = try #require(summary.first { $0.scope == .total && $0.kpi == "wait_mean_min" })
            let expectedHalfWidth = 2.7764451052 * 2.5.squareRoot() / 5.0.squareRoot()
            #expect(wait.count == 5 && wait.mean == 12)
            #expect(abs(wait.standardDeviation - 2.5.squareRoot()) < 1e-12)
            #expect(abs(wait.halfWidth - expectedHalfWidth) < 1e-8,
                    "half-width \(wait.halfWidth), expected \(expectedHalfWidth)")
            #expect(wait.minimum == 10 && wait.maximum == 14)
            let sometimes = try #require(summary.first { $0.kpi == "undefined_sometimes" })
            #expect(sometimes.count == 2 && sometimes.mean == 5, "NaN must be skipped: \(sometimes)")
            let share = try #require(summary.first { $0.kpi == "share" })
            #expect(share.standardDeviation == 0 && share.halfWidth == 0)

            // The sqlite3-shell view shows the same interval.
            let query = try store.db.prepare("""
                SELECT n, mean, sd, ci_low, ci_high, scenario_name FROM run_summary
                WHERE run_id = ? AND scope = 'total' AND kpi = 'wait_mean_min'
                """)
            try query.bind(id.rawValue, at: 1)
            #expect(try query.step())
            #expect(query.int(0) == 5 && query.double(1) == 12 && query.string(5) == "baseline")
            #expect(abs(query.double(3) - (12 - expectedHalfWidth)) < 1e-8, "ci_low \(query.double(3))")
            #expect(abs(query.double(4) - (12 + expectedHalfWidth)) < 1e-8, "ci_high \(query.double(4))")
            #expect(try store.db.scalarInt("SELECT count(*) FROM run_summary WHERE run_id = ?", id.rawValue) == summary.count)
            #expect(try store.db.scalarText("SELECT status FROM run_list WHERE run_id = ?", id.rawValue) == "done")
        }
    }

    @Test func aBatchWithAnErrorIsRolledBackWhole() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/b.sqlite")
            let id = try store.beginRun(sampleRun())
            try store.record(kpis: sampleKPIs(replications: 1)[0], for: id)
            // Second batch: one new row, then a duplicate of a stored row.
            let bad = [KPIRow(replication: 1, scope: .total, kpi: "new", value: 1)] + sampleKPIs(replications: 1)[0]
            do {
                try store.record(kpis: bad, for: id)
                Issue.record("a duplicate KPI row must fail")
            } catch let RunStoreError.sqlite(_, inner) {
                #expect(inner.primaryCode == 19, "\(inner)")
            } catch {
                Issue.record("unexpected \(error)")
            }
            #expect(try store.kpis(run: id).count == 4, "the failed batch must leave nothing behind")
        }
    }

    @Test func citizensAndTimeSeriesRoundTrip() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/t.sqlite")
            let id = try store.beginRun(sampleRun(replications: 1))
            let citizens = [
                CitizenRecord(replication: 0, day: 0, citizen: 1, office: "kokurakita", visitType: "move-in",
                              channel: "walk-in", arrived: .clock(8, 31), called: .clock(8, 50), left: .clock(9, 20),
                              outcome: "served"),
                CitizenRecord(replication: 0, day: 0, citizen: 2, office: "kokurakita", visitType: "certificate",
                              channel: "booked", arrived: .clock(9, 0), called: nil, left: .clock(9, 45),
                              outcome: "reneged"),
            ]
            let series = [
                TimeSeriesPoint(replication: 0, day: 0, office: "kokurakita", section: "citizen", time: .clock(8, 30),
                                queueLength: 3, lobbyOccupancy: 12, staffBusy: 4, staffOnDuty: 5),
                TimeSeriesPoint(replication: 0, day: 0, office: "kokurakita", section: "citizen", time: .clock(8, 45),
                                queueLength: 5.5, lobbyOccupancy: .nan, staffBusy: 4, staffOnDuty: 4.5),
            ]
            try store.record(citizens: citizens, for: id)
            try store.record(timeseries: series, for: id)
            #expect(try store.citizens(run: id) == citizens)
            let back = try store.timeseries(run: id)
            #expect(back.count == 2 && back[0] == series[0])
            #expect(back[1].queueLength == 5.5 && back[1].lobbyOccupancy.isNaN && back[1].time == .clock(8, 45))
        }
    }

    @Test func sweepsResumeFromCompletedPoints() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/sw.sqlite")
            let spec = SweepRecord(specHash: "spec-1", scenarioName: "baseline", scenarioHash: "hash-baseline",
                                   specJSON: #"{"vary":{"staff":[3,4,5]}}"#, pointCount: 3, programVersion: "0.1.0")
            let sweep = try store.beginSweep(spec)
            #expect(try store.beginSweep(spec) == sweep, "the same specification is the same sweep")
            #expect(try store.completedPoints(sweep: sweep).isEmpty)

            let p3 = try storeRun(store, sampleRun(sweep: sweep, pointKey: "staff=3",
                                                    parameters: [RunParameter(name: "staff", value: "3")]))
            let killed = try store.beginRun(sampleRun(sweep: sweep, pointKey: "staff=4"))  // never finished
            let failed = try store.beginRun(sampleRun(sweep: sweep, pointKey: "staff=5"))
            try store.finishRun(failed, status: .failed, error: "boom")
            #expect(try store.completedPoints(sweep: sweep) == ["staff=3"])
            _ = killed

            let runs = try store.runs(sweep: sweep)
            #expect(runs.count == 3 && runs[0].id == p3)
            #expect(runs[0].parameters == [RunParameter(name: "staff", value: "3")] && runs[0].pointKey == "staff=3")
            #expect(try store.db.scalarInt("SELECT number FROM run_parameters WHERE run_id = ?", p3.rawValue) == 3)
            let back = try #require(try store.sweep(sweep))
            #expect(back.specHash == "spec-1" && back.specJSON == spec.specJSON && back.pointCount == 3)
            #expect(try store.sweep(specHash: "spec-1")?.id == sweep && store.sweeps().count == 1)
            #expect(throws: RunStoreError.unknownSweep(path: dir + "/sw.sqlite", id: SweepID(7))) {
                try store.beginRun(sampleRun(sweep: SweepID(7), pointKey: "x"))
            }
        }
    }
}
