#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SimKernel

extension WardDay {
    /// The day's demand of office `o`: a non-homogeneous Poisson process with
    /// the office's hourly profile, by inversion of the cumulative rate (one
    /// uniform per arrival, so a busier day type moves the same arrivals
    /// rather than reshuffling them). Each demand becomes a deflected visit,
    /// a no-show, or a citizen expected at the office.
    mutating func generateDemand(_ o: Int) {
        let office = c.offices[o]
        let total = office.visitsPerDay * c.demandFactor[dayType.index]
        guard total > 0 else { return }
        var rng = RandomStream(seed: officeKeys[o].arrivals)
        var e = 0.0, seg = 0, k: Int32 = 0
        let cum = office.cumShare, bounds = office.bounds
        let last = cum.count - 1
        while true {
            e -= log(rng.nextUniform())
            if e >= total { break }
            let x = e / total
            while seg + 1 < last && cum[seg + 1] <= x { seg += 1 }
            let lo = cum[seg], hi = cum[seg + 1]
            let span = Double(bounds[seg + 1] - bounds[seg])
            let t = bounds[seg] + min(Int64((x - lo) / (hi - lo) * span), Int64(span) - 1)
            createCitizen(o, k, t)
            k += 1
        }
    }

    /// Turns demand number `k` of office `o`, wanted at time `t`, into a visit
    /// (or not). Every attribute is keyed by (office, day, k), see `StreamKeys`.
    mutating func createCitizen(_ o: Int, _ k: Int32, _ t: Int64) {
        let key = officeKeys[o]
        let n = UInt64(UInt32(bitPattern: k))
        let totals = kpi.office.ref(o)
        totals.pointee.demand += 1
        // The first visit type whose cumulative share exceeds u (else the
        // last): binary search, the same answer as a scan of the
        // non-decreasing shares.
        let uType = StreamKeys.uniform(StreamKeys.mix(key.visitType, n))
        var v = 0, hi = visitCumToday.count - 1
        while v < hi {
            let mid = (v + hi) >> 1
            if visitCumToday[mid] <= uType { v = mid + 1 } else { hi = mid }
        }
        let uChannel = StreamKeys.uniform(StreamKeys.mix(key.channel, n))
        let uGroup = StreamKeys.uniform(StreamKeys.mix(key.group, n))
        let groupCum = c.offices[o].groupCum
        var persons = 0
        while persons + 1 < groupCum.count && groupCum[persons] <= uGroup { persons += 1 }
        persons += 1
        let P = c.procedureCount
        var inPerson: UInt32 = 0, ai: UInt32 = 0
        var mode = DemandChannel.walkIn, haveMode = false
        var remoteMinutes = 0.0
        let first = c.visitStart[v], end = c.visitStart[v + 1]
        for j in first..<end {
            let p = Int(c.visitProcs[j])
            let pos = j - first
            let ch = c.procCuts[p].channel(uChannel)
            kpi.procDemand[(o * P + p) * 6 + ch.rawValue] += 1
            if ch.isInPerson {
                inPerson |= 1 << UInt32(pos)
                if ch == .aiHandedOn { ai |= 1 << UInt32(pos) }
                if !haveMode { mode = ch; haveMode = true }
            } else {
                remoteMinutes += procServiceMinutes[o * P + p]
                if ch == .online { addOnline(o, p, k, pos) }
            }
        }
        let travel = Double(c.offices[o].travelMs) / 60_000
        if inPerson == 0 {
            totals.pointee.deflected += 1
            totals.pointee.deflectedPersons += persons
            deflectedPersonsToday[o] += persons
            totals.pointee.savedPersonMinutes += Double(persons) * (travel + c.visitServiceMinutes[v])
            if trace != nil { traceNotComing(o, k, t, v, persons, uChannel, .deflected) }
            return
        }
        totals.pointee.savedPersonMinutes += Double(persons) * remoteMinutes
        var x = Citizen()
        x.arrival = t
        x.demand = k
        x.office = Int16(o)
        x.visitType = Int16(v)
        x.persons = Int16(persons)
        x.inPerson = inPerson
        x.ai = ai
        x.pos = Int8(inPerson.trailingZeroBitCount)
        enterProcedure(&x)
        x.channel = mode == .booked ? 1 : mode == .aiHandedOn ? 2 : 0
        if mode == .booked {
            let slot = assignSlot(o, t)
            if slot < 0 {
                totals.pointee.bookedOverflow += 1   // fully booked: walks in at the wanted time
                x.channel = 0
            } else {
                if StreamKeys.uniform(StreamKeys.mix(key.noShow, n)) < c.reservations.noShow {
                    totals.pointee.noShows += 1
                    if trace != nil { traceNotComing(o, k, slot, v, persons, uChannel, .noShow) }
                    return
                }
                let late = Int64((c.reservations.lateness.sample(word: StreamKeys.mix(key.lateness, n), c.generalTimes) * 60_000).rounded())
                x.booked = true
                x.slot = slot
                x.arrival = min(max(slot + late, c.offices[o].opens), c.offices[o].close - 1)
            }
        }
        if let patience = c.behaviour.patience {
            x.patience = Int64(max(0, patience.sample(word: StreamKeys.mix(key.patience, n), c.generalTimes)) * 60_000)
        }
        x.absentPending = c.behaviour.absent > 0 && StreamKeys.uniform(StreamKeys.mix(key.absent, n)) < c.behaviour.absent
        let index = Int32(citizens.count)
        citizens.append(x)
        if x.booked { bookedList.append(index) } else { walkIns[o].append(index) }
    }

    /// The slot whose period holds `t`, or the first later one with room;
    /// -1 when the rest of the day is full.
    mutating func assignSlot(_ o: Int, _ t: Int64) -> Int64 {
        let opens = c.offices[o].opens, len = c.reservations.slotMs
        var j = Int(max(0, (t - opens) / len))
        let r = c.reservations.perSlot
        while j < slotUsed[o].count {
            let capacity = Int((Double(j + 1) * r).rounded(.down)) - Int((Double(j) * r).rounded(.down))
            if Int(slotUsed[o][j]) < capacity {
                slotUsed[o][j] += 1
                return opens + Int64(j) * len
            }
            j += 1
        }
        return -1
    }

    /// An online application: back-office work waiting when the office opens
    /// (received since the previous working day).
    mutating func addOnline(_ o: Int, _ p: Int, _ k: Int32, _ pos: Int) {
        kpi.office[o].onlineApplications += 1
        let r = c.route(office: o, procedure: p)
        guard r.onlinePool >= 0 else { return }
        poolOnline[Int(r.onlinePool)].append(Int32(online.count))
        online.append(OnlineTask(office: Int16(o), pos: Int16(pos), procedure: Int32(p), demand: k))
    }

    /// Minutes of back-office work of an online application (`mutating`: see `stageMs`).
    mutating func onlineWorkMs(_ task: OnlineTask) -> Int64 {
        let o = Int(task.office), p = Int(task.procedure)
        let key = officeKeys[o].online
        let r = c.route(office: o, procedure: p)
        var minutes = 0.0
        // Keyed like stage times, on the online stream.
        if let work = c.procOnlineWork[p] {
            let n = StreamKeys.stageCounter(demand: task.demand, pos: Int(task.pos), original: 0, rep: 0)
            minutes = work.sample(word: StreamKeys.mix(key, n), c.generalTimes) * r.onlineFactor
        } else {
            for i in Int(r.start)..<Int(r.start + r.count) where c.stages[i].kind == .backoffice {
                let n = StreamKeys.stageCounter(demand: task.demand, pos: Int(task.pos), original: Int(c.stages[i].original), rep: 0)
                minutes += c.stages[i].sampler.sample(word: StreamKeys.mix(key, n), c.generalTimes) * c.stages[i].factor
            }
        }
        return Int64(max(0, minutes) * 60_000)
    }
}
