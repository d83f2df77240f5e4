import Foundation
import Testing
@testable import RunStore

/// A fresh temporary directory, removed when `body` returns.
@discardableResult
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("runstore-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer {
        // Restore write permission in case a test made things read-only.
        chmodRecursively(dir)
        try? FileManager.default.removeItem(atPath: dir)
    }
    return try body(dir)
}

private func chmodRecursively(_ dir: String) {
    let files = FileManager.default
    try? files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
    for name in (try? files.contentsOfDirectory(atPath: dir)) ?? [] {
        try? files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/" + name)
    }
}

func sampleRun(seed: UInt64 = 42, replications: Int = 5, scenario: String = "baseline",
               sweep: SweepID? = nil, pointKey: String? = nil, parameters: [RunParameter] = []) -> RunRecord {
    RunRecord(
        scenarioName: scenario, scenarioText: "version: 1\nname: \(scenario)\n", scenarioHash: "hash-\(scenario)",
        seed: seed, replications: replications, dayRange: "2025-04-01..2025-04-01", programVersion: "0.1.0-test",
        sweep: sweep, pointKey: pointKey, parameters: parameters)
}

/// KPI rows for `replications` replications: value = base + replication for
/// a few scopes and KPIs.
func sampleKPIs(replications: Int, base: Double = 10) -> [[KPIRow]] {
    (0..<replications).map { rep in
        [
            KPIRow(replication: rep, scope: .total, kpi: "wait_mean_min", value: base + Double(rep)),
            KPIRow(replication: rep, scope: .section, scopeName: "citizen", kpi: "wait_mean_min", value: 2 * base + Double(rep)),
            KPIRow(replication: rep, scope: .procedure, scopeName: "move-in", kpi: "served", value: Double(100 + rep)),
            KPIRow(replication: rep, scope: .channel, scopeName: "walk-in", kpi: "share", value: 0.5),
        ]
    }
}

/// Stores a complete run: begin, one KPI batch per replication, finish.
@discardableResult
func storeRun(_ store: RunStore, _ record: RunRecord, base: Double = 10) throws -> RunID {
    let id = try store.beginRun(record)
    for batch in sampleKPIs(replications: record.replications, base: base) {
        try store.record(kpis: batch, for: id)
    }
    try store.finishRun(id, status: .done)
    return id
}

func fileBytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// Files in `dir` (to check that nothing such as a `-wal` or `-journal` appeared).
func directoryListing(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
}

/// Collects results of concurrent work. `@unchecked Sendable` because the
/// lock, not the compiler, guards `items`.
final class Collector<T>: @unchecked Sendable {
    private var items: [T] = []
    private let lock = NSLock()
    func append(_ item: T) { lock.lock(); items.append(item); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}
