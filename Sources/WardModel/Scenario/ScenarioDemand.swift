import SimKernel

// What demand a scenario implies before any simulation: the numbers a
// planner checks first ("600 visits a day, 58 % of them certificates, a
// third of those at the convenience store?"). Used by `wardsim check`.

extension WardScenario {
    /// A procedure's channel shares after the interventions that change
    /// them, exactly as the simulation uses them: convenience-store issuance
    /// replaces the store share of eligible procedures with card ownership ×
    /// uptake; smartphone helpers add to the online share of procedures that
    /// can be done online (taken from walk-in). Walk-in is what is left.
    ///
    /// ```swift
    /// let shares = scenario.effectiveChannels(of: scenario.procedures[0])
    /// shares.walkIn   // e.g. 0.62
    /// ```
    public func effectiveChannels(of procedure: Procedure) -> ChannelShares {
        let s = CompiledScenario.effectiveShares(procedure, interventions)
        return ChannelShares(booked: s.booked, online: s.online, convenienceStore: s.convenienceStore,
                             aiAssistant: s.aiAssistant)
    }
}

/// Daily demand of one procedure at one office, split by channel.
public struct ProcedureDemand: Sendable, Hashable {
    public var office: String
    public var procedure: String
    /// Requests per day before the channel split.
    public var total: Double
    /// Requests per day by channel (walk-in, booked, online, convenience store, AI assistant).
    public var byChannel: [Channel: Double]
    /// Requests that still reach a counter: walk-in + booked + AI hand-offs.
    public var atCounter: Double
}

extension WardScenario {
    /// Requests per day by office, procedure and channel on a day of the
    /// given type, the expectation of what the simulation draws: visits per
    /// day × the day factor × each visit type's share, where on peak days
    /// visit types bringing a seasonal procedure weigh `peak_seasonal_factor`
    /// times more; a procedure's requests are those of the visit types that
    /// bring it, split by its effective channel shares. AI-channel requests
    /// the assistant resolves (`interventions.ai_assistant.resolved`) do not
    /// reach a counter.
    ///
    /// Complexity: O(offices × procedures × visit types).
    public func dailyDemand(on day: DayType = .ordinary) -> [ProcedureDemand] {
        let dayFactor = calendar.dayFactors[day] ?? 1
        let resolved = (interventions.aiAssistant ?? AIAssistant()).resolved
        var visitsOfType: [Double] = visitTypes.map { v in
            let seasonal = v.procedures.contains { id in procedures.contains { $0.id == id && $0.seasonal } }
            return v.share * (day == .peak && seasonal ? calendar.peakSeasonalFactor : 1)
        }
        visitsOfType = visitsOfType.map { $0 * dayFactor }
        var rows: [ProcedureDemand] = []
        for office in offices {
            for procedure in procedures {
                var share = 0.0
                for (v, visit) in visitTypes.enumerated() where visit.procedures.contains(procedure.id) { share += visitsOfType[v] }
                let total = office.visitsPerDay * share
                let c = effectiveChannels(of: procedure)
                let by: [Channel: Double] = [
                    .walkIn: total * max(0, c.walkIn), .booked: total * c.booked, .online: total * c.online,
                    .convenienceStore: total * c.convenienceStore, .aiAssistant: total * c.aiAssistant,
                ]
                let counter = by[.walkIn]! + by[.booked]! + by[.aiAssistant]! * (1 - resolved)
                rows.append(ProcedureDemand(office: office.name, procedure: procedure.id, total: total,
                                            byChannel: by, atCounter: counter))
            }
        }
        return rows
    }
}
