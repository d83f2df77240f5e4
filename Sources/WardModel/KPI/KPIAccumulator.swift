/// Counts and sums of one office over a replication (additive over days).
struct OfficeTotals: Sendable {
    var demand = 0, arrivals = 0, personsArrived = 0
    var served = 0, reneged = 0, balked = 0, deflected = 0, noShows = 0, unserved = 0
    var bookedVisits = 0, bookedOverflow = 0
    var absentCalls = 0, ghostCalls = 0, reworks = 0
    var onlineApplications = 0, onlineDone = 0, onlineBacklog = 0
    var fees = 0.0
    /// Σ time in office of served visits (minutes), and person-minutes of everyone who came.
    var timeInOfficeMinutes = 0.0
    var personMinutesInOffice = 0.0
    var personMinutesTravel = 0.0
    /// Person-minutes not spent because visits or procedures went elsewhere.
    var savedPersonMinutes = 0.0
    var deflectedPersons = 0
    var staffOvertimeMs: Int64 = 0
    var closingDelayMs: Int64 = 0
    var maxClosingDelayMs: Int64 = 0
}

struct SectionTotals: Sendable {
    var calls = 0, stagesDone = 0
    var busyMs: Int64 = 0, onDutyMs: Int64 = 0, scheduledMs: Int64 = 0, overtimeMs: Int64 = 0
}

struct PoolTotals: Sendable {
    var tasks = 0, onlineTasks = 0
    var busyMs: Int64 = 0, onDutyMs: Int64 = 0, scheduledMs: Int64 = 0, overtimeMs: Int64 = 0
}

struct ChannelTotals: Sendable {
    var visits = 0, served = 0, reneged = 0, balked = 0
    var timeInOfficeMinutes = 0.0
}

/// Everything a replication measures, accumulated over its days: what
/// `ReplicationKPIs` is built from. Reused between replications (`clear`).
///
/// Kept in `DayBuffer`s and `DayTable`s, written in place on the hot path:
/// a copy shares the memory (see `DayBuffer`), so an accumulator belongs to
/// one model and is not copied to be changed separately.
struct KPIAccumulator {
    static let visitChannels = ["walk_in", "booked", "ai_assistant"]
    let offices: Int, sections: Int, pools: Int, procedures: Int, hours: Int
    var days = 0
    var office: DayBuffer<OfficeTotals>
    /// Visit-level waits of served visits, per office.
    var officeWaits: DayTable<WaitSamples>
    var section: DayBuffer<SectionTotals>
    /// One wait per call at the section's counters.
    var sectionWaits: DayTable<WaitSamples>
    var pool: DayBuffer<PoolTotals>
    /// Per office × procedure: waits during the procedure, completions,
    /// demand by `DemandChannel`.
    var procWaits: DayTable<WaitSamples>
    var procCompleted: DayBuffer<Int>
    var procDemand: DayBuffer<Int>
    /// Per office × visit channel.
    var channelWaits: DayTable<WaitSamples>
    var channel: DayBuffer<ChannelTotals>
    /// Live queue length, counter staff busy and on duty, per section and hour.
    var queue: HourlyLevels
    var busy: HourlyLevels
    var duty: HourlyLevels
    /// Persons waiting in the lobby, per office and hour (capacity = seats).
    var lobby: HourlyLevels
    var arrivalsByHour: DayBuffer<Int>
    var daily: [DailySummary] = []

    init(offices: Int, sections: Int, pools: Int, procedures: Int, hours: Int) {
        self.offices = offices; self.sections = sections; self.pools = pools
        self.procedures = procedures; self.hours = hours
        office = DayBuffer(repeating: OfficeTotals(), count: offices)
        officeWaits = DayTable(count: offices) { _ in WaitSamples() }
        section = DayBuffer(repeating: SectionTotals(), count: sections)
        sectionWaits = DayTable(count: sections) { _ in WaitSamples() }
        pool = DayBuffer(repeating: PoolTotals(), count: pools)
        procWaits = DayTable(count: offices * procedures) { _ in WaitSamples() }
        procCompleted = DayBuffer(repeating: 0, count: offices * procedures)
        procDemand = DayBuffer(repeating: 0, count: offices * procedures * DemandChannel.allCases.count)
        channelWaits = DayTable(count: offices * 3) { _ in WaitSamples() }
        channel = DayBuffer(repeating: ChannelTotals(), count: offices * 3)
        queue = HourlyLevels(units: sections, hours: hours)
        busy = HourlyLevels(units: sections, hours: hours)
        duty = HourlyLevels(units: sections, hours: hours)
        lobby = HourlyLevels(units: offices, hours: hours)
        arrivalsByHour = DayBuffer(repeating: 0, count: offices * hours)
    }

    /// Empties every total, keeping the arrays' capacity.
    mutating func clear() {
        days = 0
        for i in office.indices { office[i] = OfficeTotals(); officeWaits[i].removeAll() }
        for i in section.indices { section[i] = SectionTotals(); sectionWaits[i].removeAll() }
        for i in pool.indices { pool[i] = PoolTotals() }
        for i in procWaits.indices { procWaits[i].removeAll(); procCompleted[i] = 0 }
        for i in procDemand.indices { procDemand[i] = 0 }
        for i in channel.indices { channel[i] = ChannelTotals(); channelWaits[i].removeAll() }
        queue.clear(); busy.clear(); duty.clear(); lobby.clear()
        for i in arrivalsByHour.indices { arrivalsByHour[i] = 0 }
        daily.removeAll(keepingCapacity: true)
    }

    /// Adds another accumulator's days (e.g. days simulated elsewhere).
    mutating func merge(_ o: KPIAccumulator) {
        precondition(offices == o.offices && sections == o.sections && pools == o.pools && procedures == o.procedures)
        days += o.days
        for i in office.indices {
            let b = o.office[i]
            office[i].demand += b.demand; office[i].arrivals += b.arrivals; office[i].personsArrived += b.personsArrived
            office[i].served += b.served; office[i].reneged += b.reneged; office[i].balked += b.balked
            office[i].deflected += b.deflected; office[i].noShows += b.noShows; office[i].unserved += b.unserved
            office[i].bookedVisits += b.bookedVisits; office[i].bookedOverflow += b.bookedOverflow
            office[i].absentCalls += b.absentCalls; office[i].ghostCalls += b.ghostCalls; office[i].reworks += b.reworks
            office[i].onlineApplications += b.onlineApplications; office[i].onlineDone += b.onlineDone
            office[i].onlineBacklog += b.onlineBacklog; office[i].fees += b.fees
            office[i].timeInOfficeMinutes += b.timeInOfficeMinutes; office[i].personMinutesInOffice += b.personMinutesInOffice
            office[i].personMinutesTravel += b.personMinutesTravel; office[i].savedPersonMinutes += b.savedPersonMinutes
            office[i].deflectedPersons += b.deflectedPersons; office[i].staffOvertimeMs += b.staffOvertimeMs
            office[i].closingDelayMs += b.closingDelayMs
            office[i].maxClosingDelayMs = max(office[i].maxClosingDelayMs, b.maxClosingDelayMs)
            officeWaits[i].merge(o.officeWaits[i])
        }
        for i in section.indices {
            let b = o.section[i]
            section[i].calls += b.calls; section[i].stagesDone += b.stagesDone; section[i].busyMs += b.busyMs
            section[i].onDutyMs += b.onDutyMs; section[i].scheduledMs += b.scheduledMs; section[i].overtimeMs += b.overtimeMs
            sectionWaits[i].merge(o.sectionWaits[i])
        }
        for i in pool.indices {
            let b = o.pool[i]
            pool[i].tasks += b.tasks; pool[i].onlineTasks += b.onlineTasks; pool[i].busyMs += b.busyMs
            pool[i].onDutyMs += b.onDutyMs; pool[i].scheduledMs += b.scheduledMs; pool[i].overtimeMs += b.overtimeMs
        }
        for i in procWaits.indices { procWaits[i].merge(o.procWaits[i]); procCompleted[i] += o.procCompleted[i] }
        for i in procDemand.indices { procDemand[i] += o.procDemand[i] }
        for i in channel.indices {
            let b = o.channel[i]
            channel[i].visits += b.visits; channel[i].served += b.served; channel[i].reneged += b.reneged
            channel[i].balked += b.balked; channel[i].timeInOfficeMinutes += b.timeInOfficeMinutes
            channelWaits[i].merge(o.channelWaits[i])
        }
        queue.merge(o.queue); busy.merge(o.busy); duty.merge(o.duty); lobby.merge(o.lobby)
        for i in arrivalsByHour.indices { arrivalsByHour[i] += o.arrivalsByHour[i] }
        daily.append(contentsOf: o.daily)
    }
}
