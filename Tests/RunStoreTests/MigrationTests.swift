import Foundation
import Testing
@testable import RunStore

/// Files written by an older wardsim are migrated forward when opened for
/// writing, keeping every stored value and what the views show.
@Suite struct MigrationTests {
    /// A version 1 file with one run: layout keys one row each.
    static func makeVersion1(_ path: String) throws {
        let db = try Database(path: path)
        try db.transaction {
            try db.execute(Schema.version1)
            try db.execute("PRAGMA application_id = \(Schema.applicationID)")
            try db.execute("PRAGMA user_version = 1")
            try db.execute("""
                INSERT INTO runs(id, run_key, status, scenario_name, scenario_hash, scenario_text, seed, replications,
                                 day_range, program_version)
                VALUES (1, '["h",1,2,"tue","0.1.0",null,null]', 'done', 'baseline', 'h', 'name: baseline', 1, 2,
                        'tue', '0.1.0');
                INSERT INTO kpi_layouts(id, keys_hash, size) VALUES (1, 'old', 4);
                INSERT INTO kpi_layout_keys(layout_id, position, scope, scope_name, kpi) VALUES
                    (1, 0, 'total', 'all', 'served'), (1, 1, 'total', 'all', 'wait_mean_min'),
                    (1, 2, 'office', '小倉北区', 'served'), (1, 3, 'total', 'all', 'balked');
                INSERT INTO kpi_values(run_id, replication, layout_id, vals) VALUES
                    (1, 0, 1, '[300,12.4,150,null]'), (1, 1, 1, '[310,0.30000000000000004,160,2]');
                INSERT INTO kpi_summaries(run_id, layout_id, level, data) VALUES
                    (1, 1, 0.95, '[[2,305,7.0710678118654755,63.53,300,310],[2,6.35,1,2,0.3,12.4],[2,155,7,63,150,160],[1,2,null,null,2,2]]');
                """)
        }
    }

    @Test func version1IsMigratedKeepingValuesAndViews() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/old.sqlite"
            try Self.makeVersion1(path)
            let before = try Database(path: path)
            let keysBefore = try Self.rows(before, "SELECT layout_id, position, scope, scope_name, kpi FROM kpi_layout_keys ORDER BY 1, 2")
            let kpisBefore = try Self.rows(before, "SELECT * FROM kpis ORDER BY run_id, replication, scope, scope_name, kpi")
            let summaryBefore = try Self.rows(before, "SELECT * FROM run_summary ORDER BY run_id, scope, scope_name, kpi")

            #expect(throws: RunStoreError.olderSchema(path: path, found: 1, expected: Schema.currentVersion)) {
                try RunStore.open(path: path, mode: .readOnly)
            }
            let store = try RunStore.open(path: path)
            #expect(try store.db.scalarInt("PRAGMA user_version") == Schema.currentVersion)
            // Three runs of scope and scope name: total, office, total.
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_layout_scopes") == 3)
            #expect(try Self.rows(store.db, "SELECT layout_id, position, scope, scope_name, kpi FROM kpi_layout_keys ORDER BY 1, 2") == keysBefore)
            #expect(try Self.rows(store.db, "SELECT * FROM kpis ORDER BY run_id, replication, scope, scope_name, kpi") == kpisBefore)
            #expect(try Self.rows(store.db, "SELECT * FROM run_summary ORDER BY run_id, scope, scope_name, kpi") == summaryBefore)
            #expect(kpisBefore.count == 8 && summaryBefore.count == 4)
            let values = try store.kpis(run: RunID(1))
            #expect(values.first { $0.kpi == "wait_mean_min" && $0.replication == 1 }?.value == 0.1 + 0.2)
            // The migrated file takes new runs of the same keys (here under the
            // migrated layout, which this connection has read and recognises).
            let run = try store.beginRun(sampleRun(replications: 1))
            try store.record(kpis: [KPIRow(replication: 0, scope: .total, kpi: "served", value: 1),
                                    KPIRow(replication: 0, scope: .total, kpi: "wait_mean_min", value: 2),
                                    KPIRow(replication: 0, scope: .office, scopeName: "小倉北区", kpi: "served", value: 3),
                                    KPIRow(replication: 0, scope: .total, kpi: "balked", value: 4)], for: run)
            try store.finishRun(run, status: .done)
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_layouts") == 1)
            #expect(try store.db.scalarInt("SELECT count(*) FROM kpi_summary WHERE run_id = ?", run.rawValue) == 4)
        }
    }

    static func rows(_ db: Database, _ sql: String) throws -> [[String]] {
        let query = try db.prepare(sql)
        var out: [[String]] = []
        while try query.step() {
            out.append((0..<query.columnCount).map { query.isNull($0) ? "NULL" : query.string($0) })
        }
        return out
    }
}
