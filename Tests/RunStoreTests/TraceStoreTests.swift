import Foundation
import SimKernel
import Testing
@testable import RunStore

@Suite("Trace rows: citizens and time series")
struct TraceStoreTests {
    static let offices = ["八幡西区", "小倉北区, \"north\""]   // a name CSV must quote

    /// `count` citizen records of one replication, cycling through names.
    static func citizens(replication: Int, count: Int, offset: Int = 0) -> [CitizenRecord] {
        (0..<count).map { k in
            let i = k + offset
            return CitizenRecord(
                replication: replication, day: i / 500, citizen: i % 500, office: offices[i % 2],
                visitType: ["certificate", "move_in", "move_in_family"][i % 3], channel: ["walk_in", "booked"][i / 7 % 2],
                arrived: .milliseconds(Int64(i) * 1_000), called: i % 5 == 0 ? nil : .milliseconds(Int64(i) * 1_000 + 90_000),
                left: .milliseconds(Int64(i) * 1_000 + 600_000), outcome: i % 5 == 0 ? "reneged" : "served")
        }
    }

    static func series(replication: Int, count: Int) -> [TimeSeriesPoint] {
        (0..<count).map { (k: Int) -> TimeSeriesPoint in
            let section = k % 3 == 0 ? "all" : "shimin"
            let lobby: Double = k % 3 == 0 ? Double(k) : .nan
            let start = SimTime.milliseconds(Int64(k / 2) * 900_000)
            return TimeSeriesPoint(replication: replication, day: 0, office: offices[k % 2], section: section, time: start,
                                   queueLength: Double(k) / 4, lobbyOccupancy: lobby, staffBusy: 2.5, staffOnDuty: 3)
        }
    }

    /// Equality with NaN meaning "the same missing value".
    static func same(_ a: [TimeSeriesPoint], _ b: [TimeSeriesPoint]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            var x = x, y = y
            if x.lobbyOccupancy.isNaN && y.lobbyOccupancy.isNaN { x.lobbyOccupancy = 0; y.lobbyOccupancy = 0 }
            return x == y
        }
    }

    @Test("Batches of two runs written in turn read back per run, in order; names are stored once")
    func interleavedRuns() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/t.sqlite")
            let a = try store.beginRun(sampleRun(seed: 1, replications: 2))
            let b = try store.beginRun(sampleRun(seed: 2, replications: 2))
            let a0 = Self.citizens(replication: 0, count: 700), b0 = Self.citizens(replication: 0, count: 300, offset: 5)
            let a1 = Self.citizens(replication: 1, count: 1_200, offset: 11)
            try store.record(citizens: a0, for: a)
            try store.record(citizens: b0, for: b)
            try store.record(citizens: a1, for: a)
            try store.record(citizens: [], for: b)   // nothing: no batch either
            #expect(try store.citizens(run: a) == a0 + a1)
            #expect(try store.citizens(run: b) == b0)
            #expect(try store.db.scalarInt("SELECT count(*) FROM trace_batches") == 3)
            // 2 offices + 3 visit types + 2 channels + 2 outcomes.
            #expect(try store.db.scalarInt("SELECT count(*) FROM trace_names") == 9)
            let sa = Self.series(replication: 0, count: 90), sb = Self.series(replication: 1, count: 40)
            try store.record(timeseries: sa, for: a)
            try store.record(timeseries: sb, for: b)
            #expect(Self.same(try store.timeseries(run: a), sa))
            #expect(Self.same(try store.timeseries(run: b), sb))
            #expect(try store.db.scalarInt("SELECT count(*) FROM trace_names") == 11, "the sections 'all' and 'shimin' are new")
        }
    }

    @Test("Reading a run's rows searches rowid ranges, never scans the trace tables")
    func queryPlanUsesRanges() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/t.sqlite")
            for sql in [
                "SELECT c.* FROM trace_batches AS b JOIN citizens AS c ON c.rowid BETWEEN b.first_row AND b.last_row WHERE b.run_id = 1 AND b.kind = 'citizens' ORDER BY b.first_row, c.rowid",
                "SELECT * FROM citizen_list WHERE run_id = 1",
                "SELECT * FROM timeseries_list WHERE run_id = 1",
            ] {
                let plan = try store.db.prepare("EXPLAIN QUERY PLAN " + sql)
                var lines: [String] = []
                while try plan.step() { lines.append(plan.string(3)) }
                #expect(!lines.contains { $0.hasPrefix("SCAN c") || $0.hasPrefix("SCAN t") || $0.contains("TEMP B-TREE") },
                        "\(sql): \(lines)")
                #expect(lines.contains { $0.contains("INTEGER PRIMARY KEY (rowid>? AND rowid<?)") }, "\(sql): \(lines)")
            }
        }
    }

    @Test("One traced batch is one transaction: a bad KPI row leaves no citizens, series or names behind")
    func batchIsAtomic() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/t.sqlite")
            let run = try store.beginRun(sampleRun(replications: 2))
            let kpis = sampleKPIs(replications: 2)
            try store.record(kpis: kpis[0], citizens: Self.citizens(replication: 0, count: 50),
                             timeseries: Self.series(replication: 0, count: 8), for: run)
            let names = try store.db.scalarInt("SELECT count(*) FROM trace_names")
            #expect(throws: RunStoreError.self) {
                try store.record(kpis: kpis[1] + kpis[1], citizens: [CitizenRecord(
                    replication: 1, day: 0, citizen: 0, office: "新しい区", visitType: "x", channel: "walk_in",
                    arrived: .zero, called: nil, left: .zero, outcome: "balked")],
                    timeseries: Self.series(replication: 1, count: 8), for: run)
            }
            #expect(try store.citizens(run: run).count == 50)
            #expect(try store.timeseries(run: run).count == 8)
            #expect(try store.db.scalarInt("SELECT count(*) FROM trace_names") == names)
            #expect(try store.db.scalarInt("SELECT count(*) FROM trace_batches") == 2)
            // The next batch gets names and rowids right after the rollback.
            let next = Self.citizens(replication: 1, count: 20, offset: 3)
            try store.record(kpis: kpis[1], citizens: next, timeseries: [], for: run)
            #expect(try store.citizens(run: run) == Self.citizens(replication: 0, count: 50) + next)
            #expect(throws: RunStoreError.unknownRun(path: dir + "/t.sqlite", id: RunID(99))) {
                try store.record(citizens: next, for: RunID(99))
            }
        }
    }

    @Test("The views show trace rows with their names")
    func views() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/t.sqlite")
            let run = try store.beginRun(sampleRun(replications: 1))
            try store.record(citizens: Self.citizens(replication: 0, count: 10), for: run)
            try store.record(timeseries: Self.series(replication: 0, count: 6), for: run)
            let q = try store.db.prepare(
                "SELECT office, visit_type, channel, outcome, called_ms FROM citizen_list WHERE run_id = ? ORDER BY citizen")
            try q.bind(run.rawValue, at: 1)
            var rows: [String] = []
            while try q.step() { rows.append("\(q.string(0))|\(q.string(1))|\(q.string(2))|\(q.string(3))|\(q.optionalInt(4).map(String.init) ?? "-")") }
            #expect(rows.count == 10)
            #expect(rows.first == "八幡西区|certificate|walk_in|reneged|-")
            #expect(rows[1] == "小倉北区, \"north\"|move_in|walk_in|served|91000")
            #expect(try store.db.scalarText("SELECT section FROM timeseries_list WHERE run_id = 1 AND t_ms = 0 AND office = '八幡西区'") == "all")
        }
    }

    @Test("Merging copies trace rows with names mapped to the target file's ids")
    func mergeMapsNames() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/a.sqlite", target = dir + "/b.sqlite"
            let citizens = Self.citizens(replication: 0, count: 400) + Self.citizens(replication: 1, count: 300, offset: 9)
            let series = Self.series(replication: 0, count: 30)
            do {
                let store = try RunStore.open(path: source)
                let run = try store.beginRun(sampleRun(seed: 5, replications: 2))
                try store.record(citizens: Array(citizens[..<400]), for: run)
                try store.record(citizens: Array(citizens[400...]), for: run)
                try store.record(timeseries: series, for: run)
                try store.record(kpis: sampleKPIs(replications: 2).flatMap { $0 }, for: run)
                try store.finishRun(run, status: .done)
            }
            let store = try RunStore.open(path: target)
            // The target already has other names, so ids differ between the files.
            let other = try store.beginRun(sampleRun(seed: 6, replications: 1))
            let otherRows = [CitizenRecord(replication: 0, day: 0, citizen: 0, office: "門司区", visitType: "koseki",
                                           channel: "ai_assistant", arrived: .zero, called: .zero, left: .minutes(1),
                                           outcome: "served")]
            try store.record(citizens: otherRows, for: other)
            #expect(try store.merge(from: source).runsAdded == 1)
            let merged = try #require(try store.runs().first { $0.seed == 5 }?.id)
            #expect(try store.citizens(run: merged) == citizens)
            #expect(Self.same(try store.timeseries(run: merged), series))
            #expect(try store.citizens(run: other) == otherRows)
            // 4 names here, 11 there, "served" in both.
            #expect(try store.db.scalarInt("SELECT count(*) FROM trace_names") == 4 + 11 - 1,
                    "names shared by both files are stored once")
        }
    }

    @Test("CSV export of citizens and time series, streamed in chunks")
    func csvExport() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/t.sqlite")
            let run = try store.beginRun(sampleRun(replications: 1))
            let citizens = Self.citizens(replication: 0, count: 3_000)
            try store.record(citizens: citizens, for: run)
            try store.record(timeseries: Self.series(replication: 0, count: 4), for: run)
            var chunks: [String] = []
            try TraceExport.citizensCSV(store, run: run) { chunks.append($0) }
            #expect(chunks.count > 2, "3 000 rows should come in several chunks, got \(chunks.count)")
            let lines = chunks.joined().split(separator: "\r\n", omittingEmptySubsequences: false)
            #expect(lines.count == 3_000 + 2)   // header, rows, "" after the last CRLF
            #expect(lines[0] == "run,replication,day,citizen,office,visit_type,channel,arrived_ms,called_ms,left_ms,outcome")
            #expect(lines[1] == "\(run),0,0,0,八幡西区,certificate,walk_in,0,,600000,reneged")
            #expect(lines[2] == "\(run),0,0,1,\"小倉北区, \"\"north\"\"\",move_in,walk_in,1000,91000,601000,served")
            var series = ""
            try TraceExport.timeSeriesCSV(store, run: run) { series += $0 }
            let office2 = "\"小倉北区, \"\"north\"\"\""
            let expected = [
                "run,replication,day,office,section,t_ms,queue_length,lobby_occupancy,staff_busy,staff_on_duty",
                "\(run),0,0,八幡西区,all,0,0.0,0.0,2.5,3.0",
                "\(run),0,0,\(office2),shimin,0,0.25,,2.5,3.0",
                "\(run),0,0,八幡西区,shimin,900000,0.5,,2.5,3.0",
                "\(run),0,0,\(office2),all,900000,0.75,3.0,2.5,3.0",
            ]
            #expect(series == expected.map { $0 + "\r\n" }.joined())
        }
    }
}
