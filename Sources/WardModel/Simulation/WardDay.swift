import SimKernel

/// One working day of every office of a scenario, as a discrete-event model.
///
/// A value type: all state lives in flat arrays that are reset, not
/// reallocated, between days, so a year of days allocates almost nothing
/// after the first. Events carry only indices. The back-office centre, when
/// present, is one pool shared by all offices — the reason one model holds
/// every office rather than one model per office.
///
/// Citizen flow: demand arrives (NHPP from the hourly profile), each
/// procedure of the visit picks its channel, remote procedures leave (online
/// ones as back-office work), the rest of the visit arrives — walk-in, or at
/// a booked slot with lateness — may balk at a long displayed queue, then
/// follows its route: `write` at the form desk, `counter`/`issue` in ticket
/// order at the section's counters (skills, booked priority or dedicated
/// counters), `backoffice` in the lobby while staff examine; a form may come
/// back (rework) once. Before the first call a citizen may renege (their
/// ticket stays and costs the staff a call) or be absent when called (moved
/// to the back). Doors close: no more arrivals, the lobby is still served;
/// staff on duty at closing stay while their section has work (overtime).
///
/// ```swift
/// let compiled = try CompiledScenario(.exampleBaseline)
/// var day = WardDay(compiled: compiled, keys: StreamKeys(seed: 1, replication: 0))
/// day = WardDay.run(day, ordinal: 0, type: .ordinary)
/// day.kpi.office[0].served
/// ```
struct WardDay: SimulationModel {
    enum Event: Sendable {
        case startDay
        case walkIn(Int32)
        case bookedArrival(Int32)
        case writeDone(Int32)
        case taskDone(Int32)
        case patience(Int32, UInt32)
        /// Staff shift starts and ends due now (see `WardDay.shiftChanges`).
        case shiftChanges
        case doorsClose(Int32)
    }

    let c: CompiledScenario
    private(set) var keys: StreamKeys
    /// Mean service minutes of each procedure's in-person route, per office × procedure.
    let procServiceMinutes: [Double]

    // The day.
    var dayType: DayType = .ordinary
    var ordinal = 0
    var date: CivilDate? = nil
    var now: Int64 = 0
    var officeKeys: [StreamKeys]
    /// The day type's cumulative visit-type shares (`CompiledScenario.visitCum`).
    var visitCumToday = DayBuffer<Double>()
    /// The day's stage-time keys of each office, `[office * 4 + StreamKeys.slot(kind)]`.
    var stageKeys: [UInt64]
    // Day state lives in `DayBuffer`s and `DayTable`s (no copy-on-write
    // checks; see their copy rule: a WardDay is moved, never shared).
    var citizens = DayBuffer<Citizen>(capacity: 1_024)
    var walkIns: DayTable<DayBuffer<Int32>>
    var walkInCursor: DayBuffer<Int>
    var bookedList = DayBuffer<Int32>()
    var nextTicket: DayBuffer<Int32>
    var presentVisits: DayBuffer<Int>
    var lastDeparture: DayBuffer<Int64>
    var deflectedPersonsToday: DayBuffer<Int>
    var dayWaitStart: DayBuffer<Int>
    var slotUsed: DayTable<DayBuffer<Int32>>

    // Sections (counters and queues) and back-office pools.
    var sectionQ: DayTable<TicketQueue>
    var bookedQ: DayTable<TicketQueue>
    var freeCounters: DayBuffer<Int>
    var freeBooked: DayBuffer<Int>
    var pendingCounter: DayBuffer<Int>
    /// Staff on duty and not busy, per section (counter staff) and per pool:
    /// lets a dispatch with nobody free return at once.
    var idleSection: DayBuffer<Int>
    var idlePool: DayBuffer<Int>
    /// The same as bits: word `section` or `sections + pool`, bit k for the
    /// unit's k-th staff member (units of up to 64 staff; others have no bit).
    var idleBits: DayBuffer<UInt64>
    /// Each staff member's word in `idleBits` and bit (0 when its unit is larger).
    let idleWord: [Int32]
    let idleBit: [UInt64]
    var poolQ: DayTable<TicketQueue>
    var poolOnline: DayTable<FIFOList>
    var pendingBack: DayBuffer<Int>
    var online = DayBuffer<OnlineTask>()
    var staff: DayBuffer<StaffState>

    var kpi: KPIAccumulator
    /// Visits that came to an office (walk-in or booked and showed up).
    var citizensSimulated = 0
    /// Invariant breaches seen (also `assert`ed in debug builds).
    var violations = 0
    /// Set when tracing (see Trace/): nil costs the hooks one check each.
    var trace: DayTrace? = nil
    /// Shift changes scheduled so far today (their order, see `shiftChanges`).
    var shiftChangeCount: UInt64 = 0

    init(compiled: CompiledScenario, keys: StreamKeys) {
        c = compiled
        self.keys = keys
        let O = compiled.offices.count, S = compiled.sections.count, Q = compiled.pools.count, P = compiled.procedureCount
        var psm: [Double] = []
        for o in 0..<O {
            for p in 0..<P {
                let r = compiled.route(office: o, procedure: p)
                psm.append(compiled.stages[Int(r.start)..<Int(r.start + r.count)].reduce(0) { $0 + $1.sampler.mean * $1.factor })
            }
        }
        procServiceMinutes = psm
        officeKeys = compiled.offices.map { keys.day(ordinal: 0, office: $0.key) }
        stageKeys = Array(repeating: 0, count: O * 4)
        walkIns = DayTable(count: O) { _ in DayBuffer(capacity: 256) }
        walkInCursor = DayBuffer(repeating: 0, count: O)
        nextTicket = DayBuffer(repeating: 1, count: O)
        presentVisits = DayBuffer(repeating: 0, count: O)
        lastDeparture = DayBuffer(repeating: 0, count: O)
        deflectedPersonsToday = DayBuffer(repeating: 0, count: O)
        dayWaitStart = DayBuffer(repeating: 0, count: O)
        slotUsed = DayTable(count: O) { i in
            let o = compiled.offices[i]
            let n = o.close - o.opens >= compiled.reservations.slotMs ? Int((o.close - o.opens - compiled.reservations.slotMs) / compiled.reservations.slotMs) + 1 : 0
            return DayBuffer(repeating: 0, count: n)
        }
        sectionQ = DayTable(count: S) { _ in TicketQueue() }
        bookedQ = DayTable(count: S) { _ in TicketQueue() }
        freeCounters = DayBuffer(repeating: 0, count: S)
        freeBooked = DayBuffer(repeating: 0, count: S)
        pendingCounter = DayBuffer(repeating: 0, count: S)
        idleSection = DayBuffer(repeating: 0, count: S)
        idlePool = DayBuffer(repeating: 0, count: Q)
        idleBits = DayBuffer(repeating: 0, count: S + Q)
        var word: [Int32] = [], bit: [UInt64] = []
        for m in compiled.staff {
            let unit = Int(m.unit)
            let range = m.role == .counter ? compiled.sections[unit].staff : compiled.pools[unit].staff
            word.append(Int32(m.role == .counter ? unit : S + unit))
            bit.append(range.count <= 64 ? 1 << UInt64(word.count - 1 - range.lowerBound) : 0)
        }
        idleWord = word; idleBit = bit
        poolQ = DayTable(count: Q) { _ in TicketQueue() }
        poolOnline = DayTable(count: Q) { _ in FIFOList() }
        pendingBack = DayBuffer(repeating: 0, count: Q)
        staff = DayBuffer(repeating: StaffState(), count: compiled.staff.count)
        let latest = compiled.offices.map(\.close).max() ?? 0
        let hours = max(24, Int(latest / 3_600_000) + 8)
        kpi = KPIAccumulator(offices: O, sections: S, pools: Q, procedures: P, hours: hours)
        for (o, office) in compiled.offices.enumerated() { kpi.lobby.setCapacity(o, Double(office.lobbySeats)) }
        for (s, sec) in compiled.sections.enumerated() {
            freeCounters[s] = sec.counters - sec.bookedCounters
            freeBooked[s] = sec.bookedCounters
        }
    }

    /// Makes a model that ran replications before ready for another (the
    /// same scenario, new keys): every statistic back to its initial state,
    /// the memory kept. Day state is reset by `prepare` at each day's start.
    mutating func reset(keys: StreamKeys) {
        self.keys = keys
        kpi.clear()
        citizensSimulated = 0
        violations = 0
        trace = nil
        dayStartTotals = []
    }

    // MARK: Running a day

    /// Simulates one day and returns the model with the day's KPIs added.
    /// Takes the model by value and hands it back, so its arrays stay
    /// uniquely referenced (no copy-on-write) while the engine owns it.
    static func run(_ model: consuming WardDay, ordinal: Int, type: DayType, date: CivilDate? = nil) -> WardDay {
        model.prepare(ordinal: ordinal, type: type, date: date)
        var sim = Simulation(model: consume model, expectedPendingEvents: 256)
        sim.schedule(.startDay, at: .zero, priority: .first)
        sim.run()
        sim.model.finishDay()
        return sim.model
    }

    mutating func prepare(ordinal: Int, type: DayType, date: CivilDate?) {
        self.ordinal = ordinal; dayType = type; self.date = date
        now = 0
        for o in c.offices.indices {
            officeKeys[o] = keys.day(ordinal: ordinal, office: c.offices[o].key)
            for kind in Stage.Kind.allCases { stageKeys[o * 4 + StreamKeys.slot(kind)] = officeKeys[o].stageKey(kind) }
            walkIns[o].removeAll()
            walkInCursor[o] = 0
            nextTicket[o] = 1
            presentVisits[o] = 0
            lastDeparture[o] = 0
            deflectedPersonsToday[o] = 0
            dayWaitStart[o] = kpi.officeWaits[o].count
            for j in slotUsed[o].indices { slotUsed[o][j] = 0 }
        }
        visitCumToday.removeAll()
        for share in c.visitCum[type.index] { visitCumToday.append(share) }
        citizens.removeAll()
        bookedList.removeAll()
        online.removeAll()
        for s in c.sections.indices {
            sectionQ[s].removeAll(); bookedQ[s].removeAll()
            freeCounters[s] = c.sections[s].counters - c.sections[s].bookedCounters
            freeBooked[s] = c.sections[s].bookedCounters
            pendingCounter[s] = 0
            idleSection[s] = 0
            idleBits[s] = 0
        }
        for q in c.pools.indices { poolQ[q].removeAll(); poolOnline[q].removeAll(); pendingBack[q] = 0; idlePool[q] = 0; idleBits[c.sections.count + q] = 0 }
        for i in staff.indices { staff[i] = StaffState() }
        shiftChangeCount = 0
        if date != nil { dayStartTotals = Array(kpi.office) } else if !dayStartTotals.isEmpty { dayStartTotals = [] }
        kpi.queue.startDay(at: 0); kpi.busy.startDay(at: 0); kpi.duty.startDay(at: 0); kpi.lobby.startDay(at: 0)
    }

    func isLive(_ event: Event) -> Bool {
        if case .patience(let i, let gen) = event {
            let x = citizens[Int(i)]
            return x.state == .queued && !x.started && x.gen == gen
        }
        return true
    }

    mutating func handle(_ event: Event, at time: SimTime, schedule s: inout Scheduler<Event>) {
        now = time.milliseconds
        switch event {
        case .walkIn(let o):
            let oi = Int(o)
            let k = walkInCursor[oi]
            walkInCursor[oi] = k + 1
            if k + 1 < walkIns[oi].count {
                s.at(SimTime(milliseconds: citizens[Int(walkIns[oi][k + 1])].arrival), .walkIn(o))
            }
            arrive(Int(walkIns[oi][k]), &s)
        case .bookedArrival(let i):
            arrive(Int(i), &s)
        case .writeDone(let i):
            citizens[Int(i)].stage += 1
            advance(Int(i), &s)
        case .taskDone(let st):
            taskDone(Int(st), &s)
        case .patience(let i, _):
            renege(Int(i), &s)
        case .shiftChanges:
            shiftChanges(&s)
        case .doorsClose:
            break  // arrivals already stop before closing; staff decide at their shift end
        case .startDay:
            startDay(&s)
        }
    }

    mutating func startDay(_ s: inout Scheduler<Event>) {
        for o in c.offices.indices { generateDemand(o) }
        for o in c.offices.indices {
            if let first = walkIns[o].first {
                s.at(SimTime(milliseconds: citizens[Int(first)].arrival), .walkIn(Int32(o)))
            }
            s.at(SimTime(milliseconds: c.offices[o].close), .doorsClose(Int32(o)), priority: .first)
        }
        for i in bookedList { s.at(SimTime(milliseconds: citizens[Int(i)].arrival), .bookedArrival(i)) }
        let bit = UInt8(1) << UInt8(dayType.index)
        for (i, m) in c.staff.enumerated() where m.dayMask & bit != 0 && m.shiftCount > 0 {
            scheduleShiftChange(i, at: c.shifts[Int(m.shiftStart)].from, starts: true)
        }
        scheduleShiftChanges(&s)
    }

    /// Books what the day leaves behind: staff hours, overtime, backlog,
    /// anyone still inside (a defect: counted as `unserved`).
    mutating func finishDay() {
        let end = max(now, 0)
        for (i, m) in c.staff.enumerated() {
            if staff[i].onDuty {  // only if stuck: the event list ran dry with work left
                goOffDuty(i)
            }
            let st = staff[i]
            if st.busyMs > st.onDutyMs { violations += 1 }
            assert(st.busyMs <= st.onDutyMs, "staff \(i) busy longer than on duty")
            if m.role == .counter {
                let s = Int(m.unit)
                kpi.section[s].busyMs += st.busyMs; kpi.section[s].onDutyMs += st.onDutyMs
                kpi.section[s].scheduledMs += st.scheduledMs; kpi.section[s].overtimeMs += st.overtimeMs
            } else {
                let q = Int(m.unit)
                kpi.pool[q].busyMs += st.busyMs; kpi.pool[q].onDutyMs += st.onDutyMs
                kpi.pool[q].scheduledMs += st.scheduledMs; kpi.pool[q].overtimeMs += st.overtimeMs
            }
            let o = m.role == .counter ? c.sections[Int(m.unit)].office : c.pools[Int(m.unit)].office
            if o >= 0 { kpi.office[o].staffOvertimeMs += st.overtimeMs }
        }
        for i in citizens.indices where !citizens[i].state.isFinal {
            violations += 1
            kpi.office[Int(citizens[i].office)].unserved += 1
            let p = Double(citizens[i].persons)
            if citizens[i].state == .queued || citizens[i].state == .backofficeWait || citizens[i].state == .inBackoffice {
                kpi.lobby.add(Int(citizens[i].office), -p, at: end)
            }
            if citizens[i].state == .queued { kpi.queue.add(Int(citizens[i].unit), -1, at: end) }
            citizens[i].state = .reneged
        }
        // Every stage a citizen still had was done or given up.
        for v in pendingCounter where v != 0 { violations += 1 }
        for v in pendingBack where v != 0 { violations += 1 }
        for v in idleSection where v != 0 { violations += 1 }
        for v in idlePool where v != 0 { violations += 1 }
        assert(violations == 0, "ward day ended with \(violations) invariant breaches (pending \(pendingCounter), \(pendingBack))")
        kpi.queue.closeDay(at: end); kpi.busy.closeDay(at: end); kpi.duty.closeDay(at: end); kpi.lobby.closeDay(at: end)
        for q in c.pools.indices {
            for k in poolOnline[q].startIndex..<poolOnline[q].endIndex {
                kpi.office[Int(online[Int(poolOnline[q][k])].office)].onlineBacklog += 1
            }
        }
        kpi.days += 1
        for o in c.offices.indices {
            let close = c.offices[o].close
            let delay = max(0, lastDeparture[o] - close)
            kpi.office[o].closingDelayMs += delay
            kpi.office[o].maxClosingDelayMs = max(kpi.office[o].maxClosingDelayMs, delay)
            // Avoided visits would have waited like today's visitors.
            let range = dayWaitStart[o]..<kpi.officeWaits[o].count
            let (meanWait, maxWait) = kpi.officeWaits[o].meanAndMax(in: range)
            if !range.isEmpty { kpi.office[o].savedPersonMinutes += Double(deflectedPersonsToday[o]) * meanWait }
            if let date {
                let p90 = kpi.officeWaits[o].quantile(0.9, in: range)
                kpi.daily.append(DailySummary(
                    date: date, ordinal: ordinal, dayType: dayType, office: c.offices[o].name,
                    demand: dayCount(o, \.demand), arrivals: dayCount(o, \.arrivals), served: dayCount(o, \.served),
                    reneged: dayCount(o, \.reneged), balked: dayCount(o, \.balked), deflected: dayCount(o, \.deflected),
                    waitMean: meanWait, waitP90: p90, waitMax: maxWait, closingDelayMinutes: Double(delay) / 60_000))
            }
        }
    }

    /// Office totals at the start of the day, to report one day's counts.
    var dayStartTotals: [OfficeTotals] = []
    func dayCount(_ o: Int, _ key: KeyPath<OfficeTotals, Int>) -> Int {
        kpi.office[o][keyPath: key] - (dayStartTotals.isEmpty ? 0 : dayStartTotals[o][keyPath: key])
    }
}
