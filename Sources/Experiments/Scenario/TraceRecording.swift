import RunStore
import SimKernel
import WardModel

/// The run-store rows of traced replications (`wardsim run --trace`).
///
/// ```swift
/// var sim = try WardSimulator(scenario: loaded.scenario); sim.tracing = true
/// let batch = [sim.runReplication(0)]
/// try store.record(citizens: RunRecording.citizenRows(batch), for: run)
/// ```
extension RunRecording {
    /// One row per traced demand, in (replication, day, office, number) order.
    /// Untraced replications contribute nothing.
    public static func citizenRows(_ batch: [ReplicationKPIs]) -> [CitizenRecord] {
        var rows: [CitizenRecord] = []
        rows.reserveCapacity(batch.reduce(0) { $0 + ($1.trace?.citizens.count ?? 0) })
        // Names from shared arrays: each row then holds a reference, not a copy.
        let channels = TraceChannel.allCases.map(\.name), outcomes = CitizenOutcome.allCases.map(\.name)
        for rep in batch {
            guard let trace = rep.trace else { continue }
            for c in trace.citizens {
                rows.append(CitizenRecord(
                    replication: rep.replication, day: Int(c.day), citizen: Int(c.number),
                    office: trace.officeNames[Int(c.office)], visitType: trace.visitTypeIDs[Int(c.visitType)],
                    channel: channels[Int(c.channel.rawValue)], arrived: c.arrival, called: c.firstCall,
                    left: c.departure, outcome: outcomes[Int(c.outcome.rawValue)]))
            }
        }
        return rows
    }

    /// One row per traced 15-minute interval of each section and office
    /// (office rows have section `all`).
    public static func timeSeriesRows(_ batch: [ReplicationKPIs]) -> [TimeSeriesPoint] {
        var rows: [TimeSeriesPoint] = []
        rows.reserveCapacity(batch.reduce(0) { $0 + ($1.trace?.levels.count ?? 0) })
        for rep in batch {
            guard let trace = rep.trace else { continue }
            for p in trace.levels {
                rows.append(TimeSeriesPoint(
                    replication: rep.replication, day: Int(p.day), office: trace.officeNames[Int(p.office)],
                    section: trace.sectionID(p) ?? officeSection, time: p.start,
                    queueLength: p.queue, lobbyOccupancy: p.lobby, staffBusy: p.staffBusy, staffOnDuty: p.staffOnDuty))
            }
        }
        return rows
    }

    /// The section name of a time-series row about a whole office.
    public static let officeSection = "all"
}
