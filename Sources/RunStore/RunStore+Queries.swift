import Foundation
import SimKernel

/// Reading runs back as value types.
extension RunStore {
    /// All runs, oldest first; only those of `sweep` if given. The scenario
    /// text is left empty unless asked for (a sweep's runs would otherwise
    /// carry one full copy of the scenario each).
    public func runs(sweep: SweepID? = nil, includingScenarioText: Bool = false) throws(RunStoreError) -> [RunRecord] {
        try guarded {
            let filter = sweep == nil ? "" : "WHERE sweep_id = ?"
            let query = try db.prepare(Self.runColumns(text: includingScenarioText) + " FROM runs \(filter) ORDER BY id")
            if let sweep { try query.bind(sweep.rawValue, at: 1) }
            var records: [RunRecord] = []
            while try query.step() { records.append(Self.runRecord(query)) }
            let parameters = try runParameters(sweep: sweep)
            for i in records.indices { records[i].parameters = parameters[records[i].id!] ?? [] }
            return records
        }
    }

    /// One run with its scenario text, or nil if there is none with this id.
    public func run(_ id: RunID) throws(RunStoreError) -> RunRecord? {
        try guarded {
            let query = try db.prepare(Self.runColumns(text: true) + " FROM runs WHERE id = ?")
            try query.bind(id.rawValue, at: 1)
            guard try query.step() else { return nil }
            var record = Self.runRecord(query)
            let parameters = try db.prepare(
                "SELECT name, value FROM run_parameters WHERE run_id = ? ORDER BY position")
            try parameters.bind(id.rawValue, at: 1)
            while try parameters.step() {
                record.parameters.append(RunParameter(name: parameters.string(0), value: parameters.string(1)))
            }
            return record
        }
    }

    /// Every KPI value of a run, by replication, scope, scope name and KPI.
    public func kpis(run: RunID) throws(RunStoreError) -> [KPIRow] {
        try guarded {
            try requireRun(run)
            var rows: [KPIRow] = []
            var sorted: [Int64: [Int]] = [:]  // sorted positions by layout
            for (replication, stored) in try packedValues(of: run) {
                func row(_ key: LayoutKey, _ value: Double) -> KPIRow {
                    KPIRow(replication: replication, scope: KPIScope(rawValue: key.scope), scopeName: key.name,
                           kpi: key.kpi, value: value)
                }
                if stored.count == 1 {
                    let (layout, values) = stored[0]
                    if sorted[layout.id] == nil { sorted[layout.id] = layout.sortedPositions() }
                    rows += sorted[layout.id]!.map { row(layout.keys[$0], values[$0]) }
                } else {  // stored in several batches with different KPIs
                    var pairs: [(LayoutKey, Double)] = []
                    for (layout, values) in stored { pairs += zip(layout.keys, values) }
                    rows += pairs.sorted { $0.0 < $1.0 }.map(row)
                }
            }
            return rows
        }
    }

    /// A run's packed values by replication (in order), each with its
    /// layouts (usually one). O(values).
    func packedValues(of run: RunID) throws -> [(Int, [(KPILayout, [Double])])] {
        let query = try statement(
            "SELECT replication, layout_id, vals FROM kpi_values WHERE run_id = ? ORDER BY replication, layout_id")
        try query.bind(run.rawValue, at: 1)
        defer { query.reset() }
        var result: [(Int, [(KPILayout, [Double])])] = []
        var rows: [(replication: Int, layout: Int64, text: String)] = []
        while try query.step() { rows.append((query.int(0), query.int64(1), query.string(2))) }
        for row in rows {
            let layout = try layout(id: row.layout)
            let values = try decodeValues(row.text, layout: layout, run: run)
            if result.last?.0 == row.replication {
                result[result.count - 1].1.append((layout, values))
            } else {
                result.append((row.replication, [(layout, values)]))
            }
        }
        return result
    }

    /// Mean, sd and Student-t interval of each KPI of a run across its
    /// replications, computed from the stored values (so it works for a run
    /// still in progress, too). Sorted by scope, scope name and KPI.
    public func summary(run: RunID, level: Double = 0.95) throws(RunStoreError) -> [KPISummary] {
        try guarded {
            try requireRun(run)
            return try summaries(of: run, level: level)
        }
    }

    /// Each KPI's values are tallied in replication order. A run stored
    /// under one layout (the usual case) is tallied by position, without
    /// looking keys up; otherwise by key. O(values) plus O(k log k) to sort
    /// the k KPIs.
    func summaries(of run: RunID, level: Double) throws -> [KPISummary] {
        let replications = try packedValues(of: run)
        var builder = KPISummaryBuilder(level: level)
        func summary(_ key: LayoutKey, _ tally: Tally) -> KPISummary {
            builder.make(scope: KPIScope(rawValue: key.scope), name: key.name, kpi: key.kpi, tally)
        }
        let layoutIDs = Set(replications.flatMap { $0.1.map(\.0.id) })
        if layoutIDs.count == 1, let layout = replications.first?.1.first?.0 {
            var tallies = [Tally](repeating: Tally(), count: layout.keys.count)
            for (_, stored) in replications {
                for (i, value) in stored[0].1.enumerated() where !value.isNaN { tallies[i].add(value) }
            }
            return layout.sortedPositions().map { summary(layout.keys[$0], tallies[$0]) }
        }
        var tallies: [LayoutKey: Tally] = [:]
        for (_, stored) in replications {
            for (layout, values) in stored {
                for (key, value) in zip(layout.keys, values) {
                    if tallies[key] == nil { tallies[key] = Tally() }
                    if !value.isNaN { tallies[key]!.add(value) }
                }
            }
        }
        return tallies.keys.sorted().map { summary($0, tallies[$0]!) }
    }

    // MARK: Row mapping

    static func runColumns(text: Bool) -> String {
        """
        SELECT id, status, scenario_name, scenario_hash, \(text ? "scenario_text" : "''"), seed, replications,
               day_range, program_version, traced, sweep_id, point_key, created_at, finished_at, error
        """
    }

    static func runRecord(_ q: Statement) -> RunRecord {
        var record = RunRecord(
            scenarioName: q.string(2), scenarioText: q.string(4), scenarioHash: q.string(3),
            seed: UInt64(bitPattern: q.int64(5)), replications: q.int(6), dayRange: q.string(7),
            programVersion: q.string(8), traced: q.int(9) != 0,
            sweep: q.isNull(10) ? nil : SweepID(q.int64(10)), pointKey: q.optionalString(11))
        record.id = RunID(q.int64(0))
        record.status = RunStatus(rawValue: q.string(1)) ?? .failed
        record.createdAt = q.optionalString(12).flatMap(parseTimestamp)
        record.finishedAt = q.optionalString(13).flatMap(parseTimestamp)
        record.error = q.optionalString(14)
        return record
    }

    /// Parameters of all runs (of one sweep), keyed by run.
    private func runParameters(sweep: SweepID?) throws -> [RunID: [RunParameter]] {
        let filter = sweep == nil ? "" : "WHERE run_id IN (SELECT id FROM runs WHERE sweep_id = ?)"
        let query = try db.prepare("SELECT run_id, name, value FROM run_parameters \(filter) ORDER BY run_id, position")
        if let sweep { try query.bind(sweep.rawValue, at: 1) }
        var result: [RunID: [RunParameter]] = [:]
        while try query.step() {
            result[RunID(query.int64(0)), default: []].append(RunParameter(name: query.string(1), value: query.string(2)))
        }
        return result
    }
}

/// Parses the store's timestamps (`2025-06-01T09:30:12.345Z`, written by
/// SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ')`).
func parseTimestamp(_ text: String) -> Date? {
    try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
}

/// Turns tallies into summaries, caching the t quantile per sample size (all
/// KPIs of a run usually share one, and each quantile costs a bisection).
struct KPISummaryBuilder {
    let level: Double
    private var quantiles: [Int: Double] = [:]
    private var last = (n: 0, t: Double.nan)

    init(level: Double) {
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        self.level = level
    }

    mutating func make(scope: KPIScope, name: String, kpi: String, _ tally: Tally) -> KPISummary {
        let f = figures(tally)
        return KPISummary(
            scope: scope, scopeName: name, kpi: kpi, count: f.count, mean: f.mean,
            standardDeviation: f.standardDeviation, halfWidth: f.halfWidth, level: level,
            minimum: f.minimum, maximum: f.maximum)
    }

    /// The figures of one KPI's tally (undefined ones NaN). O(1) but for
    /// the first t quantile of each sample size.
    mutating func figures(_ tally: Tally) -> SummaryFigures {
        let n = tally.count
        let halfWidth: Double
        if n > 1 {
            let t: Double
            if n == last.n {  // nearly every KPI of a run has the same count
                t = last.t
            } else if let cached = quantiles[n] {
                t = cached
            } else {
                t = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(n - 1))
                quantiles[n] = t
            }
            last = (n, t)
            halfWidth = t * tally.standardDeviation / Double(n).squareRoot()
        } else {
            halfWidth = n == 1 ? .infinity : .nan
        }
        return SummaryFigures(
            count: n, mean: n > 0 ? tally.mean : .nan, standardDeviation: n > 1 ? tally.standardDeviation : .nan,
            halfWidth: halfWidth, minimum: n > 0 ? tally.min : .nan, maximum: n > 0 ? tally.max : .nan)
    }
}

/// The numbers of one KPI's summary, without its names.
struct SummaryFigures {
    var count: Int
    var mean: Double
    var standardDeviation: Double
    var halfWidth: Double
    var minimum: Double
    var maximum: Double
}

extension SummaryFigures {
    init(_ s: KPISummary) {
        self.init(count: s.count, mean: s.mean, standardDeviation: s.standardDeviation, halfWidth: s.halfWidth,
                  minimum: s.minimum, maximum: s.maximum)
    }
}
