import Foundation
import SimKernel

/// Insert-rate micro benchmarks for `wardsim-bench` (not tests: timings vary
/// by machine and disk).
///
/// ```swift
/// let rate = try RunStore.measureInsertRate(rows: 200_000, path: "bench.sqlite")
/// print("\(Int(rate)) KPI rows/s")
/// ```
///
/// Rows go in the way a run writes them: batches of at most `batchSize` rows
/// (KPIs: whole replications of 384 values, packed one row per replication),
/// one transaction each, through `record(kpis:for:)` / `record(citizens:for:)`,
/// into a WAL-mode file with `synchronous = NORMAL`. The file at `path` is
/// created if absent (an existing wardsim store is appended to) and left in
/// place for inspection.
extension RunStore {
    /// Rows per replication batch in the benchmarks (a replication of a
    /// several-section office yields a few hundred KPI rows; traced ones a
    /// few thousand citizens).
    public static let benchmarkBatchSize = 1_000

    /// KPI rows inserted per second.
    public static func measureInsertRate(rows: Int, path: String) throws -> Double {
        try measureInsertRates(rows: rows, path: path).kpiRowsPerSecond
    }

    /// KPI and citizen rows inserted per second, each over `rows` rows.
    /// `seconds` is the clock (any origin; default: monotonic wall time).
    public static func measureInsertRates(rows: Int, path: String, seconds: () -> Double = monotonicSeconds)
        throws -> (kpiRowsPerSecond: Double, citizenRowsPerSecond: Double)
    {
        precondition(rows > 0)
        let store = try RunStore.open(path: path)
        let run = try store.beginRun(RunRecord(
            scenarioName: "benchmark", scenarioText: "benchmark", scenarioHash: "benchmark-\(UUID().uuidString)",
            seed: 1, replications: 1, dayRange: "benchmark", programVersion: "benchmark", traced: true))

        // Build the rows first so only the store is timed. KPI names repeat
        // the way a model's do: sections × procedures × a dozen KPIs.
        let scopes: [(KPIScope, String)] = [.total, .section, .procedure, .channel].flatMap { scope in
            (0..<8).map { (scope, "\(scope.rawValue)_\($0)") }
        }
        let kpiNames = (0..<12).map { "kpi_\($0)" }
        let perReplication = scopes.count * kpiNames.count
        var kpiBatches: [[KPIRow]] = []
        var batch: [KPIRow] = []
        batch.reserveCapacity(benchmarkBatchSize)
        for i in 0..<rows {
            let (scope, name) = scopes[(i / kpiNames.count) % scopes.count]
            batch.append(KPIRow(
                replication: i / perReplication, scope: scope, scopeName: name,
                kpi: kpiNames[i % kpiNames.count], value: Double(i) * 0.25))
            // Whole replications per batch, as a run writes them.
            if (i + 1) % perReplication == 0 && batch.count + perReplication > benchmarkBatchSize {
                kpiBatches.append(batch); batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { kpiBatches.append(batch) }

        // Citizens: a few offices, a dozen visit types, three channels, and
        // mostly served, drawn from shared name arrays as a model's trace is.
        let offices = ["八幡西区", "小倉北区", "戸畑区"]
        let visitTypes = (0..<12).map { "visit_type_\($0)" }
        let channels = ["walk_in", "booked", "ai_assistant"]
        let outcomes = ["served", "served", "served", "served", "served", "served", "served", "reneged", "balked", "deflected"]
        var citizenBatches: [[CitizenRecord]] = []
        var citizens: [CitizenRecord] = []
        for i in 0..<rows {
            citizens.append(CitizenRecord(
                replication: i / 10_000, day: 0, citizen: i % 10_000, office: offices[(i / 1_000) % offices.count],
                visitType: visitTypes[(i &* 7) % visitTypes.count], channel: channels[(i / 3) % channels.count],
                arrived: .milliseconds(Int64(i) * 1_000),
                called: i % 10 == 0 ? nil : .milliseconds(Int64(i) * 1_000 + 60_000),
                left: .milliseconds(Int64(i) * 1_000 + 600_000), outcome: outcomes[i % outcomes.count]))
            if citizens.count == benchmarkBatchSize { citizenBatches.append(citizens); citizens.removeAll() }
        }
        if !citizens.isEmpty { citizenBatches.append(citizens) }

        var start = seconds()
        for b in kpiBatches { try store.record(kpis: b, for: run) }
        let kpiTime = seconds() - start
        start = seconds()
        for b in citizenBatches { try store.record(citizens: b, for: run) }
        let citizenTime = seconds() - start
        try store.finishRun(run, status: .done)
        return (Double(rows) / kpiTime, Double(rows) / citizenTime)
    }

    /// Seconds on the monotonic wall clock since an arbitrary origin.
    public static func monotonicSeconds() -> Double {
        let d = ContinuousClock.now - origin
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    private static let origin = ContinuousClock.now
}
