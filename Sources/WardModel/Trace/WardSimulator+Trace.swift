extension WardSimulator {
    /// Runs replication `r` like `runReplication(_:seed:days:)`; with
    /// `trace: true` the result also carries `trace`: a record per demand
    /// (visits and the demand that did not come) and the mean queue, lobby
    /// and staff levels of every 15 minutes of each office's open day.
    ///
    /// The KPIs are exactly those of an untraced run: tracing adds no event
    /// and draws no random number.
    ///
    /// ```swift
    /// let k = simulator.runReplication(0, seed: 1, days: .single(.ordinary), trace: true)
    /// k.trace!.citizens.count     // == k.city("demand")
    /// ```
    ///
    /// Memory: 48 bytes per demand and per level row; a traced fiscal
    /// year of a large city holds millions of records per replication.
    public func runReplication(_ r: Int, seed: UInt64? = nil, days selection: DaySelection? = nil,
                               trace: Bool) -> ReplicationKPIs {
        guard trace else {
            var plain = self
            plain.tracing = false
            return plain.runReplication(r, seed: seed, days: selection)
        }
        return tracedReplication(r, seed: seed, days: selection)
    }

    func tracedReplication(_ r: Int, seed: UInt64?, days selection: DaySelection?) -> ReplicationKPIs {
        let seed = seed ?? scenario.simulation.seed
        var model = WardDay(compiled: compiled, keys: StreamKeys(seed: seed, replication: r))
        var out = ReplicationTrace(compiled)
        let list = days(selection ?? scenario.simulation.days)
        for day in list {
            model = WardDay.runTraced(consume model, ordinal: day.ordinal, type: day.dayType, date: day.date, into: &out)
        }
        let rows = model.kpi.rows(compiled, hourly: hourlyRows)
        var result = ReplicationKPIs(replication: r, seed: seed, days: list.count, citizensSimulated: model.citizensSimulated,
                                     invariantViolations: model.violations, rows: rows, daily: model.kpi.daily)
        result.trace = out
        return result
    }
}
