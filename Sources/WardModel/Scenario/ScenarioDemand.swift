import SimKernel

// What demand a scenario implies before any simulation: the numbers a
// planner checks first ("600 visits a day, 58 % of them certificates, a
// third of those at the convenience store?"). Used by `wardsim check`.

extension WardScenario {
    /// A procedure's channel shares after the interventions that change
    /// them: convenience-store issuance replaces the store share of eligible
    /// procedures with card ownership × uptake; smartphone helpers add to
    /// every procedure's online share. Walk-in is what is left.
    ///
    /// ```swift
    /// let shares = scenario.effectiveChannels(of: scenario.procedures[0])
    /// shares.walkIn   // e.g. 0.62
    /// ```
    public func effectiveChannels(of procedure: Procedure) -> ChannelShares {
        var c = procedure.channels
        if let store = interventions.convenienceStore, isConvenienceStoreEligible(procedure) {
            c.convenienceStore = store.share
        }
        if let helpers = interventions.smartphoneHelpers {
            c.online += helpers.onlineShareIncrease
        }
        return c
    }

    /// Whether convenience-store issuance applies to a procedure: listed in
    /// the intervention, or (empty list) already issued at stores today.
    public func isConvenienceStoreEligible(_ procedure: Procedure) -> Bool {
        guard let store = interventions.convenienceStore else { return procedure.channels.convenienceStore > 0 }
        return store.procedures.isEmpty ? procedure.channels.convenienceStore > 0 : store.procedures.contains(procedure.id)
    }

    /// Share of all visits that include a procedure (sum over visit types).
    public func visitShare(of procedureID: String) -> Double {
        visitTypes.reduce(0) { $0 + ($1.procedures.contains(procedureID) ? $1.share : 0) }
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
    /// given type: `visits_per_day × day factor × visit share` (× the peak
    /// seasonal factor for seasonal procedures on peak days), split by the
    /// effective channel shares. AI-channel requests resolved by the
    /// assistant (`interventions.ai_assistant.resolved`) do not reach a counter.
    ///
    /// Complexity: O(offices × procedures × visit types).
    public func dailyDemand(on day: DayType = .ordinary) -> [ProcedureDemand] {
        let dayFactor = calendar.dayFactors[day] ?? 1
        let resolved = interventions.aiAssistant?.resolved ?? 0
        var rows: [ProcedureDemand] = []
        for office in offices {
            for procedure in procedures {
                let seasonal = procedure.seasonal && day == .peak ? calendar.peakSeasonalFactor : 1
                let total = office.visitsPerDay * dayFactor * seasonal * visitShare(of: procedure.id)
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
