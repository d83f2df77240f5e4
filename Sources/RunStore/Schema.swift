/// The run store's SQL schema and its forward migrations.
///
/// The schema version lives in `PRAGMA user_version`; `PRAGMA application_id`
/// marks the file as wardsim's ("WDSM"), so a foreign SQLite file is
/// recognised before anything is written to it. Migration `n` takes a file
/// from version `n − 1` to `n`; all pending migrations run in the same
/// transaction as the version bump, so a file is never left half-migrated.
///
/// To change the schema: append a `Migration` (never edit a released one),
/// and keep `RunStore`'s queries in step with the newest version.
///
/// ```swift
/// Schema.currentVersion          // 2
/// try Schema.migrate(db, from: 0) // inside a transaction
/// ```
enum Schema {
    /// `PRAGMA application_id` of every wardsim run store: "WDSM" in ASCII.
    static let applicationID: Int32 = 0x5744_534D

    struct Migration: Sendable {
        let version: Int
        let sql: String
        /// Data moved by code between `sql` and `finally` (nil: none).
        var move: (@Sendable (Database) throws -> Void)? = nil
        var finally: String = ""
    }

    /// All migrations, oldest first; versions are 1, 2, 3, … without gaps.
    static let migrations: [Migration] = [
        Migration(version: 1, sql: version1),
        Migration(version: 2, sql: version2, move: groupLayoutKeys, finally: version2Views),
    ]

    /// The newest schema version this program knows.
    static var currentVersion: Int { migrations.count }

    /// Applies the migrations after `version` and records the new version and
    /// application id. Call inside a write transaction.
    static func migrate(_ db: Database, from version: Int) throws {
        precondition(db.isInTransaction, "migrations must run inside a transaction")
        for migration in migrations where migration.version > version {
            try db.execute(migration.sql)
            try migration.move?(db)
            if !migration.finally.isEmpty { try db.execute(migration.finally) }
        }
        // PRAGMA values cannot be bound parameters; both are integers we own.
        try db.execute("PRAGMA application_id = \(applicationID)")
        try db.execute("PRAGMA user_version = \(currentVersion)")
    }

    /// Version 1.
    ///
    /// Notes on the choices:
    /// - Timestamps are ISO-8601 UTC text with milliseconds, filled in by
    ///   SQLite (`strftime`), so the shell shows them readably and `julianday()`
    ///   does arithmetic on them.
    /// - `seed` is the 64-bit seed's bit pattern as a signed integer (SQLite
    ///   integers are signed); seeds below 2^63 read as themselves.
    /// - `run_key` identifies a run's *content* across files (see
    ///   `RunRecord.key`); it is indexed, not unique, because one file may hold
    ///   a rerun of a killed or failed run.
    /// - KPI values are numbers; NULL means undefined (e.g. a mean waiting
    ///   time on a day nobody was served), which Swift sees as NaN.
    /// - Per-replication KPI values are packed, one row per replication
    ///   (`kpi_values`, see `KPIPacking`): a row per value cost several times
    ///   the simulation itself. The views `kpis` and `kpi_summary` show them
    ///   as one row per value, using SQLite's built-in JSON functions
    ///   (`json_each`, in every SQLite since 3.38 and in the common builds
    ///   before).
    /// - `scope` is open text rather than a CHECK list ('total', 'office',
    ///   'section', 'procedure', 'channel' today) so the model can add scopes
    ///   without a schema migration.
    /// - `kpi_summaries` holds mean, sd and the Student-t interval per KPI,
    ///   written when a run finishes. It is stored rather than computed by a
    ///   view because a t quantile cannot be computed in SQL, and `sqrt` is missing from
    ///   SQLite builds without SQLITE_ENABLE_MATH_FUNCTIONS (macOS's shell,
    ///   for one), where a view using it would fail to query.
    /// - `comparisons` name their runs by id, so merging maps them to the
    ///   copied (or already present) runs of the destination file.
    /// - Trace rows (`citizens`, `timeseries`) trade the usual keys for
    ///   append speed and size: see the comment above them. With integer
    ///   name ids and no index a citizen row takes about 35 bytes and goes
    ///   in several times faster than with text columns, a foreign key and a
    ///   (run, replication, day) index.
    static let version1 = """
        CREATE TABLE meta(
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO meta(key, value) VALUES
            ('application', 'wardsim run store'),
            ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

        CREATE TABLE sweeps(
            id              INTEGER PRIMARY KEY,
            spec_hash       TEXT NOT NULL UNIQUE,
            scenario_name   TEXT NOT NULL,
            scenario_hash   TEXT NOT NULL,
            spec_json       TEXT NOT NULL,
            point_count     INTEGER NOT NULL CHECK (point_count >= 0),
            program_version TEXT NOT NULL,
            created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );

        CREATE TABLE runs(
            id              INTEGER PRIMARY KEY,
            run_key         TEXT NOT NULL,
            status          TEXT NOT NULL DEFAULT 'running'
                            CHECK (status IN ('running', 'done', 'failed')),
            scenario_name   TEXT NOT NULL,
            scenario_hash   TEXT NOT NULL,
            scenario_text   TEXT NOT NULL,
            seed            INTEGER NOT NULL,
            replications    INTEGER NOT NULL CHECK (replications > 0),
            day_range       TEXT NOT NULL,
            program_version TEXT NOT NULL,
            traced          INTEGER NOT NULL DEFAULT 0 CHECK (traced IN (0, 1)),
            sweep_id        INTEGER REFERENCES sweeps(id),
            point_key       TEXT,
            created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            finished_at     TEXT,
            error           TEXT,
            CHECK ((sweep_id IS NULL) = (point_key IS NULL))
        );
        CREATE INDEX runs_by_key ON runs(run_key);
        CREATE INDEX runs_by_sweep_point ON runs(sweep_id, point_key) WHERE sweep_id IS NOT NULL;

        -- A sweep point's parameter values, in the order given; `number` is the
        -- value as a number when it is one (for KPI-versus-parameter charts).
        CREATE TABLE run_parameters(
            run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name     TEXT NOT NULL,
            value    TEXT NOT NULL,
            number   REAL,
            PRIMARY KEY (run_id, name)
        ) WITHOUT ROWID;

        -- KPI values are packed, one row per replication (see KPIPacking): a
        -- layout lists the KPIs (scope, scope name, KPI) in packed order and is
        -- shared by every run reporting the same KPIs in the same order.
        CREATE TABLE kpi_layouts(
            id        INTEGER PRIMARY KEY,
            keys_hash TEXT NOT NULL UNIQUE,
            size      INTEGER NOT NULL CHECK (size >= 0)
        );
        CREATE TABLE kpi_layout_keys(
            layout_id  INTEGER NOT NULL REFERENCES kpi_layouts(id),
            position   INTEGER NOT NULL CHECK (position >= 0),
            scope      TEXT NOT NULL,
            scope_name TEXT NOT NULL,
            kpi        TEXT NOT NULL,
            PRIMARY KEY (layout_id, position)
        ) WITHOUT ROWID;

        -- One replication's values as a JSON array: element i is the value of
        -- the layout's KPI at position i, null when undefined.
        CREATE TABLE kpi_values(
            run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            replication INTEGER NOT NULL CHECK (replication >= 0),
            layout_id   INTEGER NOT NULL REFERENCES kpi_layouts(id),
            vals        TEXT NOT NULL,
            -- A rowid table: rows of several kilobytes are what it is made for
            -- (WITHOUT ROWID suits small rows).
            UNIQUE (run_id, replication, layout_id)
        );

        -- A finished run's summary, packed the same way: element i is
        -- [n, mean, sd, half_width, minimum, maximum] of the KPI at position i.
        CREATE TABLE kpi_summaries(
            run_id    INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            layout_id INTEGER NOT NULL REFERENCES kpi_layouts(id),
            level     REAL NOT NULL,
            data      TEXT NOT NULL
        );

        -- One row per run, replication and KPI.
        CREATE VIEW kpis AS
        SELECT v.run_id AS run_id, v.replication AS replication, k.scope AS scope, k.scope_name AS scope_name,
               k.kpi AS kpi, x.value AS value
        FROM kpi_values AS v, json_each(v.vals) AS x
        JOIN kpi_layout_keys AS k ON k.layout_id = v.layout_id AND k.position = x.key;

        -- One row per finished run and KPI: count of defined values, mean, sd,
        -- half-width of the Student-t interval at `level` (0.95), min, max.
        CREATE VIEW kpi_summary AS
        SELECT s.run_id AS run_id, k.scope AS scope, k.scope_name AS scope_name, k.kpi AS kpi,
               json_extract(x.value, '$[0]') AS n, json_extract(x.value, '$[1]') AS mean,
               json_extract(x.value, '$[2]') AS sd, json_extract(x.value, '$[3]') AS half_width,
               s.level AS level, json_extract(x.value, '$[4]') AS minimum, json_extract(x.value, '$[5]') AS maximum
        FROM kpi_summaries AS s, json_each(s.data) AS x
        JOIN kpi_layout_keys AS k ON k.layout_id = s.layout_id AND k.position = x.key;

        -- Trace rows (`--trace`): millions per run, so they are built for
        -- bulk appends. Plain rowid tables without secondary indexes or foreign
        -- keys (each would cost a B-tree search per row); a run's rows are
        -- found through `trace_batches`, which holds the rowid range of every
        -- batch written; repeated names are stored once, in `trace_names`.
        -- The views `citizen_list` and `timeseries_list` show them readably.
        CREATE TABLE trace_names(
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );

        CREATE TABLE trace_batches(
            run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            kind      TEXT NOT NULL CHECK (kind IN ('citizens', 'timeseries')),
            first_row INTEGER NOT NULL,
            last_row  INTEGER NOT NULL CHECK (last_row >= first_row),
            PRIMARY KEY (run_id, kind, first_row)
        ) WITHOUT ROWID;

        -- office, visit_type, channel, outcome: trace_names ids.
        CREATE TABLE citizens(
            run_id      INTEGER NOT NULL,
            replication INTEGER NOT NULL,
            day         INTEGER NOT NULL,
            citizen     INTEGER NOT NULL,
            office      INTEGER NOT NULL,
            visit_type  INTEGER NOT NULL,
            channel     INTEGER NOT NULL,
            arrived_ms  INTEGER NOT NULL,
            called_ms   INTEGER,
            left_ms     INTEGER NOT NULL,
            outcome     INTEGER NOT NULL
        );

        -- office, section: trace_names ids. Levels are means over the
        -- interval starting at t_ms; NULL means not applicable.
        CREATE TABLE timeseries(
            run_id          INTEGER NOT NULL,
            replication     INTEGER NOT NULL,
            day             INTEGER NOT NULL,
            office          INTEGER NOT NULL,
            section         INTEGER NOT NULL,
            t_ms            INTEGER NOT NULL,
            queue_length    REAL,
            lobby_occupancy REAL,
            staff_busy      REAL,
            staff_on_duty   REAL
        );

        CREATE VIEW citizen_list AS
        SELECT b.run_id, c.replication, c.day, c.citizen, o.name AS office, v.name AS visit_type,
               h.name AS channel, c.arrived_ms, c.called_ms, c.left_ms, x.name AS outcome
        FROM trace_batches AS b
        JOIN citizens AS c ON c.rowid BETWEEN b.first_row AND b.last_row
        JOIN trace_names AS o ON o.id = c.office
        JOIN trace_names AS v ON v.id = c.visit_type
        JOIN trace_names AS h ON h.id = c.channel
        JOIN trace_names AS x ON x.id = c.outcome
        WHERE b.kind = 'citizens';

        CREATE VIEW timeseries_list AS
        SELECT b.run_id, t.replication, t.day, o.name AS office, s.name AS section, t.t_ms,
               t.queue_length, t.lobby_occupancy, t.staff_busy, t.staff_on_duty
        FROM trace_batches AS b
        JOIN timeseries AS t ON t.rowid BETWEEN b.first_row AND b.last_row
        JOIN trace_names AS o ON o.id = t.office
        JOIN trace_names AS s ON s.id = t.section
        WHERE b.kind = 'timeseries';

        -- A comparison (`wardsim compare BASE OTHER…`): runs made on the same
        -- random streams, each OTHER read as a paired difference against BASE.
        -- `note` says e.g. that sequential stopping hit its replication cap.
        CREATE TABLE comparisons(
            id          INTEGER PRIMARY KEY,
            label       TEXT NOT NULL DEFAULT '',
            base_run_id INTEGER NOT NULL REFERENCES runs(id),
            note        TEXT,
            created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );

        -- The OTHER runs of a comparison in command-line order, from position 1
        -- (position 0 is the base run, kept in `comparisons.base_run_id`).
        CREATE TABLE comparison_runs(
            comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
            position      INTEGER NOT NULL CHECK (position >= 1),
            run_id        INTEGER NOT NULL REFERENCES runs(id),
            PRIMARY KEY (comparison_id, position)
        ) WITHOUT ROWID;

        -- Every run of every comparison, base first (position 0).
        CREATE VIEW comparison_list AS
        SELECT c.id AS comparison_id, c.label, 0 AS position, 'base' AS role, c.base_run_id AS run_id,
               r.scenario_name, c.created_at
        FROM comparisons AS c JOIN runs AS r ON r.id = c.base_run_id
        UNION ALL
        SELECT c.id, c.label, cr.position, 'other', cr.run_id, r.scenario_name, c.created_at
        FROM comparisons AS c JOIN comparison_runs AS cr ON cr.comparison_id = c.id
                              JOIN runs AS r ON r.id = cr.run_id;

        -- One row per run, newest last, with its wall-clock duration.
        CREATE VIEW run_list AS
        SELECT id AS run_id, status, scenario_name, seed, replications, day_range,
               sweep_id, point_key, created_at, finished_at,
               round((julianday(finished_at) - julianday(created_at)) * 86400.0, 1) AS seconds,
               error
        FROM runs;

        """ + runSummaryView

    /// `run_summary`, made by version 1 and made again by version 2 (a view
    /// over `kpi_summary`, which version 2 replaces).
    static let runSummaryView = """

        -- One row per finished run and KPI: mean over replications, sd and the
        -- two-sided Student-t interval at `kpi_summary.level` (0.95).
        CREATE VIEW run_summary AS
        SELECT s.run_id, r.scenario_name, s.scope, s.scope_name, s.kpi, s.n, s.mean, s.sd,
               s.mean - s.half_width AS ci_low, s.mean + s.half_width AS ci_high
        FROM kpi_summary AS s JOIN runs AS r ON r.id = s.run_id;
        """

    /// Version 2: a layout's keys are stored per run of positions sharing a
    /// scope and scope name (`kpi_layout_scopes`, the KPI names of a run as
    /// a JSON array), about 30 rows for the baseline's 600 KPIs instead of
    /// 600: writing them was the largest part of storing the first run in a
    /// new file. `kpi_layout_keys` becomes a view with the same columns, and
    /// `kpis` and `kpi_summary` find a position's run with one index seek.
    static let version2 = """
        CREATE TABLE kpi_layout_scopes(
            layout_id      INTEGER NOT NULL REFERENCES kpi_layouts(id),
            first_position INTEGER NOT NULL CHECK (first_position >= 0),
            scope          TEXT NOT NULL,
            scope_name     TEXT NOT NULL,
            -- The KPI names at first_position, first_position + 1, …
            kpis           TEXT NOT NULL,
            PRIMARY KEY (layout_id, first_position)
        ) WITHOUT ROWID;
        """

    /// Copies version 1's `kpi_layout_keys` rows into `kpi_layout_scopes`,
    /// one row per run of consecutive positions with equal scope and scope
    /// name. O(keys).
    @Sendable static func groupLayoutKeys(_ db: Database) throws {
        let read = try db.prepare(
            "SELECT layout_id, position, scope, scope_name, kpi FROM kpi_layout_keys ORDER BY layout_id, position")
        let insert = try db.prepare("""
            INSERT INTO kpi_layout_scopes(layout_id, first_position, scope, scope_name, kpis) VALUES (?, ?, ?, ?, ?)
            """)
        var current: (layout: Int64, first: Int, next: Int, scope: String, name: String, kpis: [String])?
        func flush() throws {
            guard let run = current else { return }
            var text = NumberText()
            text.append(byte: UInt8(ascii: "["))
            for (i, kpi) in run.kpis.enumerated() {
                if i > 0 { text.append(byte: UInt8(ascii: ",")) }
                var kpi = kpi
                kpi.withUTF8 { text.appendQuoted($0) }
            }
            text.append(byte: UInt8(ascii: "]"))
            try insert.bind([run.layout, run.first, run.scope, run.name, text.string])
            try insert.run()
            current = nil
        }
        while try read.step() {
            let layout = read.int64(0), position = read.int(1)
            let scope = read.string(2), name = read.string(3), kpi = read.string(4)
            if let run = current, run.layout == layout, run.next == position,
               sameBytes(run.scope, scope), sameBytes(run.name, name) {
                current!.kpis.append(kpi)
                current!.next += 1
            } else {
                try flush()
                current = (layout, position, position + 1, scope, name, [kpi])
            }
        }
        try flush()
    }

    static let version2Views = """
        DROP VIEW run_summary;
        DROP VIEW kpi_summary;
        DROP VIEW kpis;
        DROP TABLE kpi_layout_keys;

        -- One row per layout position, as version 1 stored them.
        CREATE VIEW kpi_layout_keys AS
        SELECT g.layout_id AS layout_id, g.first_position + k.key AS position, g.scope AS scope,
               g.scope_name AS scope_name, k.value AS kpi
        FROM kpi_layout_scopes AS g, json_each(g.kpis) AS k;

        -- One row per run, replication and KPI. A position's scope run is the
        -- one with the greatest first_position not after it: one index seek.
        -- (CROSS JOIN keeps that order: value, then its run; about 1.5 µs a
        -- value, where version 1's view took some 25.)
        CREATE VIEW kpis AS
        SELECT v.run_id AS run_id, v.replication AS replication, g.scope AS scope, g.scope_name AS scope_name,
               g.kpis ->> (x.key - g.first_position) AS kpi, x.value AS value
        FROM kpi_values AS v CROSS JOIN json_each(v.vals) AS x
        CROSS JOIN kpi_layout_scopes AS g ON g.layout_id = v.layout_id AND g.first_position =
            (SELECT max(f.first_position) FROM kpi_layout_scopes AS f
             WHERE f.layout_id = v.layout_id AND f.first_position <= x.key);

        -- One row per finished run and KPI: count of defined values, mean, sd,
        -- half-width of the Student-t interval at `level` (0.95), min, max.
        CREATE VIEW kpi_summary AS
        SELECT s.run_id AS run_id, g.scope AS scope, g.scope_name AS scope_name,
               g.kpis ->> (x.key - g.first_position) AS kpi,
               json_extract(x.value, '$[0]') AS n, json_extract(x.value, '$[1]') AS mean,
               json_extract(x.value, '$[2]') AS sd, json_extract(x.value, '$[3]') AS half_width,
               s.level AS level, json_extract(x.value, '$[4]') AS minimum, json_extract(x.value, '$[5]') AS maximum
        FROM kpi_summaries AS s CROSS JOIN json_each(s.data) AS x
        CROSS JOIN kpi_layout_scopes AS g ON g.layout_id = s.layout_id AND g.first_position =
            (SELECT max(f.first_position) FROM kpi_layout_scopes AS f
             WHERE f.layout_id = s.layout_id AND f.first_position <= x.key);

        """ + runSummaryView
}
