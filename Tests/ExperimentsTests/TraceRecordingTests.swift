import Foundation
import RunStore
import SimKernel
import Testing
import WardModel
@testable import Experiments

@Suite("Traced runs in the run store")
struct TraceRecordingTests {
    static let baseline = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/baseline.yaml").path

    @Test("run --trace stores every replication's trace rows; they read back equal to a direct traced run")
    func storeRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trace-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let loaded = try ScenarioLoader.load(path: Self.baseline)
        let simulator = try WardSimulator(scenario: loaded.scenario)
        let plan = ExperimentPlan(replications: 3, seed: 7, days: .single(.monday), threads: 2, batchSize: 2)
        let store = try RunStore.open(path: dir + "/runs.sqlite")
        let (id, reps) = try RunRecording.runAndRecord(loaded, simulator: simulator, plan: plan, store: store, trace: true)
        #expect(reps.count == 3 && reps.allSatisfy { $0.trace == nil }, "traces must not be kept after storing")
        #expect(try store.run(id)?.traced == true)
        #expect(try store.run(id)?.status == .done)

        let citizens = try store.citizens(run: id), series = try store.timeseries(run: id)
        let demand = reps.reduce(0.0) { $0 + ($1.city("demand") ?? .nan) }
        #expect(Double(citizens.count) == demand)
        for r in 0..<3 {
            let direct = simulator.runReplication(r, seed: 7, days: .single(.monday), trace: true)
            #expect(citizens.filter { $0.replication == r } == RunRecording.citizenRows([direct]), "replication \(r)")
            let points = RunRecording.timeSeriesRows([direct])
            let stored = series.filter { $0.replication == r }
            #expect(stored.count == points.count && !points.isEmpty)
            #expect(zip(stored, points).allSatisfy {
                $0.office == $1.office && $0.section == $1.section && $0.time == $1.time && $0.queueLength == $1.queueLength
                    && ($0.lobbyOccupancy == $1.lobbyOccupancy || ($0.lobbyOccupancy.isNaN && $1.lobbyOccupancy.isNaN))
                    && $0.staffBusy == $1.staffBusy && $0.staffOnDuty == $1.staffOnDuty
            }, "replication \(r) time series")
        }
        // The KPIs stored are those of an untraced run.
        let plain = try RunRecording.runAndRecord(loaded, simulator: simulator, plan: plan, store: store)
        #expect(try store.kpis(run: plain.0).map(\.value.bitPattern) == store.kpis(run: id).map(\.value.bitPattern))
        #expect(try store.run(plain.0)?.traced == false)
        #expect(try store.citizens(run: plain.0).isEmpty)
    }
}
