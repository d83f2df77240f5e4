import SimKernel

extension WardDay {
    // MARK: Small helpers

    @inline(__always) func procedure(_ i: Int) -> Int { Int(citizens[i].proc) }

    @inline(__always) static func minutes(_ ms: Int64) -> Double { Double(ms) / 60_000 }

    /// Points `x` at the route of the procedure at its bundle position `pos`
    /// (cached in the citizen so events need not look it up again).
    @inline(__always) mutating func enterProcedure(_ x: inout Citizen) {
        let p = Int(c.visitProcs[c.visitStart[Int(x.visitType)] + Int(x.pos)])
        let r = c.routes[Int(x.office) * c.procedureCount + p]
        x.proc = Int32(p)
        x.routeStart = r.start
        x.routeCount = Int16(r.count)
    }

    /// Duration of route stage `si` (absolute index) for citizen `x`, keyed by
    /// (citizen, procedure position, original stage, repetition).
    /// (`mutating` only so that `self` is passed by reference: a non-mutating
    /// call from a mutating context copies the whole model.)
    @inline(__always) mutating func stageMs(_ x: UnsafeMutablePointer<Citizen>, _ si: Int) -> Int64 {
        let st = c.stages[si]
        let pos = x.pointee.pos
        let aiCounter = st.kind == .counter && x.pointee.ai & (1 << UInt32(pos)) != 0
        if st.sampler.isFixed && !aiCounter {
            return Int64(max(0, st.sampler.mean * st.factor) * 60_000)
        }
        let n = StreamKeys.stageCounter(demand: x.pointee.demand, pos: Int(pos), original: Int(st.original), rep: Int(x.pointee.rep))
        var m = st.sampler.sample(word: StreamKeys.mix(stageKeys[Int(x.pointee.office) &* 4 &+ StreamKeys.slot(st.kind)], n), c.generalTimes) * st.factor
        if aiCounter { m *= c.aiInterviewFactor }
        return Int64(max(0, m) * 60_000)
    }

    @inline(__always) mutating func lobby(_ o: Int, _ persons: Int16) {
        kpi.lobby.add(o, Double(persons), at: now)
    }

    /// Adds `sign` to the pending counter/back-office stages of citizen `x`
    /// from where they stand to the end of their visit.
    mutating func addPending(_ x: UnsafeMutablePointer<Citizen>, _ sign: Int) {
        var bits = x.pointee.inPerson >> UInt32(x.pointee.pos)
        var pos = Int(x.pointee.pos)
        var from = Int(x.pointee.stage)
        let visit = c.visitStart[Int(x.pointee.visitType)]
        let routeBase = Int(x.pointee.office) * c.procedureCount
        while bits != 0 {
            if bits & 1 != 0 {
                let p = Int(c.visitProcs[visit + pos])
                let r = c.routes[routeBase + p]
                for si in (Int(r.start) + from)..<Int(r.start + r.count) {
                    let st = c.stages[si]
                    switch st.kind {
                    case .counter, .issue: pendingCounter[Int(st.unit)] += sign
                    case .backoffice: pendingBack[Int(st.unit)] += sign
                    case .write: break
                    }
                }
            }
            bits >>= 1; pos += 1; from = 0
        }
    }

    // MARK: Arrival, route, departure

    mutating func arrive(_ i: Int, _ s: inout Scheduler<Event>) {
        let x = citizens.ref(i)
        let o = Int(x.pointee.office)
        assert(now == x.pointee.arrival, "arrival event out of step")
        citizensSimulated += 1
        let persons = x.pointee.persons
        let totals = kpi.office.ref(o)
        totals.pointee.arrivals += 1
        totals.pointee.personsArrived += Int(persons)
        totals.pointee.personMinutesTravel += Double(persons) * WardDay.minutes(c.offices[o].travelMs)
        if x.pointee.booked { totals.pointee.bookedVisits += 1 }
        kpi.channel[o * 3 + Int(x.pointee.channel)].visits += 1
        kpi.arrivalsByHour[o * kpi.hours + min(Int(now / 3_600_000), kpi.hours - 1)] += 1
        if !x.pointee.booked && c.behaviour.balkProbability > 0 {
            let sec = Int(c.routes[o * c.procedureCount + Int(x.pointee.proc)].firstSection)
            if sec >= 0 && sectionQ[sec].count + bookedQ[sec].count > c.behaviour.balkThreshold
                && StreamKeys.uniform(StreamKeys.mix(officeKeys[o].balk, UInt64(UInt32(bitPattern: x.pointee.demand)))) < c.behaviour.balkProbability {
                depart(i, .balked)
                return
            }
        }
        x.pointee.ticket = nextTicket[o]
        nextTicket[o] += 1
        presentVisits[o] += 1
        addPending(x, 1)
        advance(i, &s)
    }

    /// Moves citizen `i` into their current stage, or on to the next
    /// procedure, or out of the office.
    mutating func advance(_ i: Int, _ s: inout Scheduler<Event>) {
        let x = citizens.ref(i)
        while true {
            let stage = Int(x.pointee.stage)
            if stage < Int(x.pointee.routeCount) {
                let si = Int(x.pointee.routeStart) + stage
                let st = c.stages[si]
                switch st.kind {
                case .write:
                    x.pointee.state = .writing
                    s.after(SimTime(milliseconds: stageMs(x, si)), .writeDone(Int32(i)))
                case .counter, .issue:
                    enqueue(i, Int(st.unit), &s)
                case .backoffice:
                    enqueueTask(i, Int(st.unit), &s)
                }
                return
            }
            // Procedure done.
            let o = Int(x.pointee.office), p = Int(x.pointee.proc)
            let op = o * c.procedureCount + p
            kpi.procCompleted[op] += 1
            kpi.procWaits[op].add(WardDay.minutes(x.pointee.procWait))
            kpi.office[o].fees += c.procFee[p]
            let pos = UInt32(x.pointee.pos)
            let rest = pos >= 31 ? 0 : x.pointee.inPerson >> (pos + 1)
            if rest == 0 { depart(i, .served); return }
            x.pointee.pos = Int8(Int(pos) + 1 + rest.trailingZeroBitCount)
            x.pointee.stage = 0
            x.pointee.rep = 0
            x.pointee.procWait = 0
            enterProcedure(&x.pointee)
        }
    }

    mutating func depart(_ i: Int, _ outcome: CitizenState) {
        let x = citizens.ref(i)
        let o = Int(x.pointee.office)
        x.pointee.state = outcome
        x.pointee.departure = now
        let ch = o * 3 + Int(x.pointee.channel)
        let inOffice = WardDay.minutes(now - x.pointee.arrival)
        let totals = kpi.office.ref(o), channel = kpi.channel.ref(ch)
        totals.pointee.personMinutesInOffice += Double(x.pointee.persons) * inOffice
        switch outcome {
        case .served:
            totals.pointee.served += 1
            totals.pointee.timeInOfficeMinutes += inOffice
            let w = WardDay.minutes(x.pointee.wait)
            kpi.officeWaits[o].add(w)
            kpi.channelWaits[ch].add(w)
            channel.pointee.served += 1
            channel.pointee.timeInOfficeMinutes += inOffice
        case .reneged:
            totals.pointee.reneged += 1
            channel.pointee.reneged += 1
        case .balked:
            totals.pointee.balked += 1
            channel.pointee.balked += 1
            return   // never entered
        default:
            assertionFailure("not a final state")
        }
        presentVisits[o] -= 1
        if now > lastDeparture[o] { lastDeparture[o] = now }
    }

    // MARK: Counter queues

    mutating func enqueue(_ i: Int, _ sec: Int, _ s: inout Scheduler<Event>) {
        let x = citizens.ref(i)
        x.pointee.state = .queued
        x.pointee.unit = Int32(sec)
        x.pointee.waitStart = now
        lobby(Int(x.pointee.office), x.pointee.persons)
        kpi.queue.add(sec, 1, at: now)
        if x.pointee.booked && c.sections[sec].separateBookedQueue {
            bookedQ[sec].insert(ticket: x.pointee.ticket, citizen: Int32(i))
        } else {
            sectionQ[sec].insert(ticket: x.pointee.ticket, citizen: Int32(i))
        }
        let started = x.pointee.started, gen = x.pointee.gen
        dispatchSection(sec, &s)
        // Patience runs from joining the first queue; no timer for those called at once.
        if !started && x.pointee.patience != .max && x.pointee.state == .queued {
            s.after(SimTime(milliseconds: x.pointee.patience), .patience(Int32(i), gen))
        }
    }

    /// Lets every free staff member of section `sec` call the next ticket they can serve.
    /// In staff order; the idle bits (sections of up to 64 staff) jump to the
    /// next idle member instead of looking at each.
    mutating func dispatchSection(_ sec: Int, _ s: inout Scheduler<Event>) {
        if idleSection[sec] == 0 || (sectionQ[sec].isEmpty && bookedQ[sec].isEmpty) { return }
        let range = c.sections[sec].staff
        if range.count <= 64 {
            var k = 0
            while k < 64 {
                let bits = idleBits[sec] >> UInt64(k)
                if bits == 0 { return }
                k += bits.trailingZeroBitCount
                if freeCounters[sec] == 0 && freeBooked[sec] == 0 { return }
                _ = tryCall(range.lowerBound + k, sec, &s)
                if sectionQ[sec].isEmpty && bookedQ[sec].isEmpty { return }
                k += 1
            }
            return
        }
        for st in range where staff[st].onDuty && !staff[st].busy {
            if freeCounters[sec] == 0 && freeBooked[sec] == 0 { return }
            _ = tryCall(st, sec, &s)
            if sectionQ[sec].isEmpty && bookedQ[sec].isEmpty { return }
        }
    }

    @inline(__always) func canServe(_ st: Int, _ i: Int) -> Bool {
        c.skills[Int(c.staff[st].skillRow) * c.procedureCount + procedure(i)]
    }

    /// First entry of `queue` that staff member `st` may call (a ghost — a
    /// citizen who left — can be called by anyone), dropping ghosts when
    /// calling costs nothing. -1 when none.
    mutating func firstCallable(_ st: Int, booked: Bool) -> Int {
        let sec = Int(c.staff[st].unit)
        var j = booked ? bookedQ[sec].startIndex : sectionQ[sec].startIndex
        while j < (booked ? bookedQ[sec].endIndex : sectionQ[sec].endIndex) {
            let i = Int(booked ? bookedQ[sec].citizen(at: j) : sectionQ[sec].citizen(at: j))
            if citizens[i].state != .queued {
                if c.behaviour.absentCallMs > 0 { return j }
                if booked { bookedQ[sec].remove(at: j) } else { sectionQ[sec].remove(at: j) }
                continue
            }
            if canServe(st, i) { return j }
            j += 1
        }
        return -1
    }

    /// Staff member `st` calls the ticket the discipline puts first among those
    /// they can serve. Returns false when there is none (or no counter).
    mutating func tryCall(_ st: Int, _ sec: Int, _ s: inout Scheduler<Event>) -> Bool {
        var bookedPick = -1
        if !bookedQ[sec].isEmpty {
            bookedPick = firstCallable(st, booked: true)
            if bookedPick >= 0 {
                if freeBooked[sec] > 0 { call(st, sec, fromBooked: true, bookedPick, bookedCounter: true, &s); return true }
                let i = Int(bookedQ[sec].citizen(at: bookedPick))
                if c.sections[sec].bookedFirst && freeCounters[sec] > 0 && now >= citizens[i].slot {
                    call(st, sec, fromBooked: true, bookedPick, bookedCounter: false, &s); return true
                }
            }
        }
        guard freeCounters[sec] > 0 else { return false }
        let mainPick = sectionQ[sec].isEmpty ? -1 : firstCallable(st, booked: false)
        if mainPick >= 0 && (bookedPick < 0 || sectionQ[sec].ticket(at: mainPick) < bookedQ[sec].ticket(at: bookedPick)) {
            call(st, sec, fromBooked: false, mainPick, bookedCounter: false, &s); return true
        }
        if bookedPick >= 0 { call(st, sec, fromBooked: true, bookedPick, bookedCounter: false, &s); return true }
        return false
    }

    mutating func call(_ st: Int, _ sec: Int, fromBooked: Bool, _ j: Int, bookedCounter: Bool, _ s: inout Scheduler<Event>) {
        let i: Int
        if fromBooked { i = Int(bookedQ[sec].citizen(at: j)); bookedQ[sec].remove(at: j) }
        else { i = Int(sectionQ[sec].citizen(at: j)); sectionQ[sec].remove(at: j) }
        if bookedCounter { freeBooked[sec] -= 1 } else { freeCounters[sec] -= 1 }
        let sf = staff.ref(st)
        if !sf.pointee.onDuty { violations += 1 }
        assert(sf.pointee.onDuty, "off-duty staff member called a ticket")
        sf.pointee.bookedCounter = bookedCounter
        sf.pointee.busy = true
        addIdle(st, c.staff[st], -1)
        sf.pointee.busySince = now
        sf.pointee.citizen = Int32(i)
        kpi.busy.add(sec, 1, at: now)
        let x = citizens.ref(i)
        let o = Int(x.pointee.office)
        if x.pointee.state != .queued {  // the citizen left: nobody answers
            sf.pointee.task = .ghostCall
            kpi.office[o].ghostCalls += 1
            s.after(SimTime(milliseconds: c.behaviour.absentCallMs), .taskDone(Int32(st)))
            return
        }
        if x.pointee.absentPending {  // not there this time: moved to the back
            x.pointee.absentPending = false
            x.pointee.ticket = nextTicket[o]
            nextTicket[o] += 1
            sf.pointee.task = .absentCall
            kpi.office[o].absentCalls += 1
            if fromBooked { bookedQ[sec].insert(ticket: x.pointee.ticket, citizen: Int32(i)) }
            else { sectionQ[sec].insert(ticket: x.pointee.ticket, citizen: Int32(i)) }
            s.after(SimTime(milliseconds: c.behaviour.absentCallMs), .taskDone(Int32(st)))
            return
        }
        if now < x.pointee.arrival { violations += 1 }
        assert(now >= x.pointee.arrival, "served before arriving")
        let w = now - x.pointee.waitStart
        x.pointee.wait += w
        x.pointee.procWait += w
        if trace != nil { trace!.called(i, at: now) }
        x.pointee.started = true
        x.pointee.gen &+= 1
        x.pointee.state = .inService
        sf.pointee.task = .serve
        kpi.sectionWaits[sec].add(WardDay.minutes(w))
        kpi.section[sec].calls += 1
        kpi.lobby.add(o, -Double(x.pointee.persons), at: now)
        kpi.queue.add(sec, -1, at: now)
        let d = stageMs(x, Int(x.pointee.routeStart) + Int(x.pointee.stage))
        s.after(SimTime(milliseconds: d), .taskDone(Int32(st)))
    }

    // MARK: Back office

    @inline(__always) mutating func enqueueTask(_ i: Int, _ q: Int, _ s: inout Scheduler<Event>) {
        let x = citizens.ref(i)
        x.pointee.state = .backofficeWait
        x.pointee.unit = Int32(q)
        x.pointee.waitStart = now
        lobby(Int(x.pointee.office), x.pointee.persons)
        poolQ[q].insert(ticket: x.pointee.ticket, citizen: Int32(i))
        dispatchPool(q, &s)
    }

    /// Lets every free staff member of pool `q` start the first waiting work
    /// they may do, in staff order (idle bits as in `dispatchSection`).
    mutating func dispatchPool(_ q: Int, _ s: inout Scheduler<Event>) {
        if idlePool[q] == 0 || (poolQ[q].isEmpty && poolOnline[q].isEmpty) { return }
        let range = c.pools[q].staff
        if range.count <= 64 {
            let word = c.sections.count + q
            var k = 0
            while k < 64 {
                let bits = idleBits[word] >> UInt64(k)
                if bits == 0 { return }
                k += bits.trailingZeroBitCount
                startPoolWork(range.lowerBound + k, q, &s)
                if poolQ[q].isEmpty && poolOnline[q].isEmpty { return }
                k += 1
            }
            return
        }
        for st in range where staff[st].onDuty && !staff[st].busy {
            startPoolWork(st, q, &s)
            if poolQ[q].isEmpty && poolOnline[q].isEmpty { return }
        }
    }

    /// Idle staff member `st` of pool `q` starts the first waiting citizen's
    /// work they may do, else the first online application; or nothing.
    @inline(__always) mutating func startPoolWork(_ st: Int, _ q: Int, _ s: inout Scheduler<Event>) {
        let row = Int(c.staff[st].skillRow) * c.procedureCount
        var j = poolQ[q].startIndex
        while j < poolQ[q].endIndex {
            let i = Int(poolQ[q].citizen(at: j))
            if c.skills[row + procedure(i)] {
                poolQ[q].remove(at: j)
                let x = citizens.ref(i)
                x.pointee.state = .inBackoffice
                let duration = stageMs(x, Int(x.pointee.routeStart) + Int(x.pointee.stage))
                startTask(st, .backoffice, citizen: i, duration: duration, &s)
                return
            }
            j += 1
        }
        var k = poolOnline[q].startIndex
        while k < poolOnline[q].endIndex {
            let task = online[Int(poolOnline[q][k])]
            if c.skills[row + Int(task.procedure)] {
                poolOnline[q].remove(at: k)
                let duration = onlineWorkMs(task)
                startTask(st, .online, citizen: Int(task.office), duration: duration, &s)
                kpi.pool[q].onlineTasks += 1
                return
            }
            k += 1
        }
    }

    /// Starts back-office work; `i` is the citizen (or, for online work, the office).
    @inline(__always) mutating func startTask(_ st: Int, _ task: StaffTask, citizen i: Int, duration: Int64, _ s: inout Scheduler<Event>) {
        let sf = staff.ref(st)
        if !sf.pointee.onDuty { violations += 1 }
        assert(sf.pointee.onDuty, "off-duty staff member started back-office work")
        sf.pointee.busy = true
        sf.pointee.busySince = now
        sf.pointee.citizen = Int32(i)
        sf.pointee.task = task
        addIdle(st, c.staff[st], -1)
        if task == .backoffice { kpi.pool[Int(c.staff[st].unit)].tasks += 1 }
        s.after(SimTime(milliseconds: duration), .taskDone(Int32(st)))
    }

    // MARK: End of a task

    mutating func taskDone(_ st: Int, _ s: inout Scheduler<Event>) {
        let m = c.staff[st]
        let unit = Int(m.unit)
        let sf = staff.ref(st)
        sf.pointee.busy = false
        sf.pointee.busyMs += now - sf.pointee.busySince
        let task = sf.pointee.task
        let i = Int(sf.pointee.citizen)
        sf.pointee.task = .none
        sf.pointee.citizen = -1
        addIdle(st, m, 1)
        if m.role == .counter {
            kpi.busy.add(unit, -1, at: now)
            if sf.pointee.bookedCounter { freeBooked[unit] += 1 } else { freeCounters[unit] += 1 }
        }
        let leaves = now >= sf.pointee.shiftEnd && now < closeOf(m.role, unit)
        switch task {
        case .serve:
            pendingCounter[unit] -= 1
            kpi.section[unit].stagesDone += 1
            let x = citizens.ref(i)
            let o = Int(x.pointee.office)
            let p = Int(x.pointee.proc)
            let stage = Int(x.pointee.stage)
            x.pointee.stage += 1
            let r = c.routes[o * c.procedureCount + p]
            if stage == Int(r.reworkAt) && x.pointee.rep == 0 {
                let key = StreamKeys.mix(officeKeys[o].rework, StreamKeys.procedureCounter(demand: x.pointee.demand, pos: Int(x.pointee.pos)))
                if StreamKeys.uniform(key) < c.procRework[p] {
                    kpi.office[o].reworks += 1
                    x.pointee.rep = 1
                    x.pointee.stage = Int16(r.reworkTo)
                    for si in (Int(r.start) + Int(r.reworkTo))...(Int(r.start) + stage) {
                        let k = c.stages[si].kind
                        if k == .counter || k == .issue { pendingCounter[Int(c.stages[si].unit)] += 1 }
                    }
                }
            }
            if leaves { goOffDuty(st) }
            advance(i, &s)
        case .backoffice:
            pendingBack[unit] -= 1
            let x = citizens.ref(i)
            x.pointee.stage += 1
            kpi.lobby.add(Int(x.pointee.office), -Double(x.pointee.persons), at: now)
            if leaves { goOffDuty(st) }
            advance(i, &s)
        case .online:
            kpi.office[i].onlineDone += 1   // `citizen` holds the application's office
            if leaves { goOffDuty(st) }
        case .absentCall, .ghostCall, .none:
            if leaves { goOffDuty(st) }
        }
        if m.role == .counter { dispatchSection(unit, &s) } else { dispatchPool(unit, &s) }
        releaseOvertime(m.role, unit)
    }

    // MARK: Reneging

    mutating func renege(_ i: Int, _ s: inout Scheduler<Event>) {
        let sec = Int(citizens[i].unit)
        let o = Int(citizens[i].office)
        kpi.queue.add(sec, -1, at: now)
        kpi.lobby.add(o, -Double(citizens[i].persons), at: now)
        citizens[i].gen &+= 1
        addPending(citizens.ref(i), -1)
        depart(i, .reneged)   // the ticket stays in the queue as a ghost
        if now >= c.offices[o].close {
            for u in c.offices[o].sections { releaseOvertime(.counter, u) }
            for q in c.pools.indices where c.pools[q].office == o || c.pools[q].office < 0 { releaseOvertime(.backoffice, q) }
        }
    }
}
