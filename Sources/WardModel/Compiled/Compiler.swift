import SimKernel

extension CompiledScenario {
    /// Channel shares of one procedure after the convenience-store and
    /// smartphone-helper interventions.
    struct EffectiveShares {
        var booked, online, convenienceStore, aiAssistant: Double
        var total: Double { booked + online + convenienceStore + aiAssistant }
    }

    static func effectiveShares(_ p: Procedure, _ iv: Interventions) -> EffectiveShares {
        var s = EffectiveShares(booked: p.channels.booked, online: p.channels.online,
                                convenienceStore: p.channels.convenienceStore, aiAssistant: p.channels.aiAssistant)
        if let cs = iv.convenienceStore,
           cs.procedures.isEmpty ? p.channels.convenienceStore > 0 : cs.procedures.contains(p.id) {
            s.convenienceStore = cs.share
        }
        // Helpers raise uptake of channels that exist: a procedure that cannot
        // be done online (move-in) gains nothing. The increase comes from walk-in.
        if let h = iv.smartphoneHelpers, p.channels.online > 0 {
            s.online += max(0, min(h.onlineShareIncrease, 1 - s.total))
        }
        return s
    }

    /// Resolves and validates `scenario` (see `WardScenario.validateReferences()`).
    public init(_ scenario: WardScenario) throws(ScenarioReferenceError) {
        let warnings = try scenario.validateReferences()
        self.scenario = scenario
        self.warnings = warnings
        let iv = scenario.interventions
        let procs = scenario.procedures
        let P = procs.count
        var pIndex: [String: Int] = [:]
        for (i, p) in procs.enumerated() where pIndex[p.id] == nil { pIndex[p.id] = i }
        procedureIDs = procs.map(\.id)
        procFee = procs.map(\.fee)

        func noWritingApplies(_ p: Procedure) -> Bool {
            guard let nw = iv.noWriting else { return false }
            return nw.procedures.isEmpty ? p.stages.contains { $0.kind == .write } : nw.procedures.contains(p.id)
        }
        func centreApplies(_ p: Procedure) -> Bool {
            guard let c = iv.backofficeCentre else { return false }
            return c.procedures.isEmpty || c.procedures.contains(p.id)
        }
        procRework = procs.map { p in noWritingApplies(p) ? min(p.rework * iv.noWriting!.reworkFactor, 0.999) : p.rework }
        let ai = iv.aiAssistant ?? AIAssistant()
        aiInterviewFactor = ai.interviewFactor
        procCuts = procs.map { p in
            let s = CompiledScenario.effectiveShares(p, iv)
            return ChannelCuts(c1: s.convenienceStore, c2: s.convenienceStore + s.online,
                               c3: s.convenienceStore + s.online + s.aiAssistant,
                               bookedFrom: 1 - s.booked, aiResolved: ai.resolved)
        }

        // Visit types and the day-type demand mix.
        visitTypeIDs = scenario.visitTypes.map(\.id)
        var vStart: [Int] = [], vProcs: [Int32] = []
        var seasonal: [Bool] = []
        for v in scenario.visitTypes {
            vStart.append(vProcs.count)
            for id in v.procedures { vProcs.append(Int32(pIndex[id]!)) }
            seasonal.append(v.procedures.contains { procs[pIndex[$0]!].seasonal })
        }
        vStart.append(vProcs.count)
        visitStart = vStart; visitProcs = vProcs
        var cums: [[Double]] = [], factors: [Double] = []
        for day in DayType.allCases {
            let boost = day == .peak ? scenario.calendar.peakSeasonalFactor : 1
            let weights = scenario.visitTypes.indices.map { scenario.visitTypes[$0].share * (seasonal[$0] ? boost : 1) }
            let total = weights.reduce(0, +)
            var acc = 0.0
            cums.append(weights.map { acc += $0; return total > 0 ? acc / total : 1 })
            factors.append((scenario.calendar.dayFactors[day] ?? 1) * total)
        }
        visitCum = cums; demandFactor = factors

        // Offices, sections, staff, pools.
        var offices: [CompiledOffice] = [], sections: [CompiledSection] = [], pools: [CompiledPool] = []
        var staff: [CompiledStaff] = [], shifts: [(from: Int64, to: Int64)] = [], skills: [Bool] = []
        var sectionPool: [Int] = []   // back-office pool of each section
        func addGroups(_ groups: [StaffGroup], role: StaffRole, unit: Int) -> Range<Int> {
            let first = staff.count
            // Specialists first, so a generalist stays free for what only they can do.
            let ordered = groups.enumerated().sorted { a, b in
                let ka = a.element.skills.isEmpty ? Int.max : a.element.skills.count
                let kb = b.element.skills.isEmpty ? Int.max : b.element.skills.count
                return (ka, a.offset) < (kb, b.offset)
            }.map(\.element)
            for g in ordered where g.count > 0 {
                let row = skills.count / max(P, 1)
                for p in procs { skills.append(g.skills.isEmpty || g.skills.contains(p.id)) }
                let shiftStart = shifts.count
                for sh in g.shifts.sorted(by: { $0.from < $1.from }) { shifts.append((sh.from.milliseconds, sh.to.milliseconds)) }
                var mask: UInt8 = 0
                for d in DayType.allCases where g.dayTypes.isEmpty || g.dayTypes.contains(d) { mask |= 1 << UInt8(d.index) }
                for _ in 0..<g.count {
                    staff.append(CompiledStaff(role: role, unit: Int32(unit), skillRow: Int32(row),
                                               shiftStart: Int32(shiftStart), shiftCount: Int32(shifts.count - shiftStart),
                                               dayMask: mask, generalist: g.skills.isEmpty))
                }
            }
            return first..<staff.count
        }
        for (o, office) in scenario.offices.enumerated() {
            let firstSection = sections.count
            for sec in office.sections {
                let s = sections.count
                let range = addGroups(sec.staff, role: .counter, unit: s)
                sections.append(CompiledSection(office: o, id: sec.id, name: sec.name, counters: sec.counters,
                                                bookedCounters: sec.bookedCounters, bookedFirst: sec.discipline == .bookedFirst,
                                                staff: range))
                let pool = pools.count
                let pRange = addGroups(sec.backofficeStaff, role: .backoffice, unit: pool)
                pools.append(CompiledPool(office: o, name: sec.id, staff: pRange, close: office.doorsClose.milliseconds))
                sectionPool.append(pool)
            }
            let opens = office.opens.milliseconds, close = office.doorsClose.milliseconds
            var bounds: [Int64] = [opens], cum: [Double] = [0]
            let profileTotal = office.hourlyProfile.reduce(0, +)
            var acc = 0.0
            for share in office.hourlyProfile {
                let from = bounds[bounds.count - 1]
                guard from < close else { break }
                acc += share
                bounds.append(min(from + 3_600_000, close))
                cum.append(acc)
            }
            // Normalise over the open hours (shares after closing are dropped, see warnings).
            let openTotal = acc > 0 ? acc : profileTotal
            cum = cum.map { $0 / openTotal }
            cum[cum.count - 1] = 1
            let gTotal = office.groupSize.reduce(0, +)
            var gAcc = 0.0
            offices.append(CompiledOffice(
                name: office.name, key: StreamKeys.fnv1a(office.name), opens: opens, close: close,
                bounds: bounds, cumShare: cum, visitsPerDay: office.visitsPerDay,
                groupCum: office.groupSize.map { gAcc += $0; return gAcc / gTotal },
                lobbySeats: office.lobbySeats, travelMs: office.travelTime.milliseconds,
                sections: firstSection..<sections.count))
        }
        var centre = -1
        if let c = iv.backofficeCentre {
            centre = pools.count
            let opens = scenario.offices.map(\.opens.milliseconds).min() ?? 0
            let close = scenario.offices.map(\.doorsClose.milliseconds).max() ?? 0
            let group = StaffGroup(name: "centre", count: c.staff, shifts: [Shift(from: .milliseconds(opens), to: .milliseconds(close))])
            let range = addGroups([group], role: .backoffice, unit: centre)
            pools.append(CompiledPool(office: -1, name: "centre", staff: range, close: close))
        }
        centrePool = centre

        // Routes per office and procedure.
        var routes: [CompiledRoute] = [], stages: [CompiledStage] = []
        var general: [Distribution] = []
        var onlineWork: [StageSampler?] = Array(repeating: nil, count: P)
        for (o, office) in scenario.offices.enumerated() {
            var sIndex: [String: Int] = [:]
            for (i, sec) in office.sections.enumerated() where sIndex[sec.id] == nil { sIndex[sec.id] = offices[o].sections.lowerBound + i }
            for p in procs {
                var route = CompiledRoute()
                route.start = Int32(stages.count)
                let noWriting = noWritingApplies(p)
                let toCentre = centreApplies(p)
                var ok = true
                for (j, st) in p.stages.enumerated() {
                    if st.kind == .write && noWriting { continue }
                    var unit: Int32 = -1, factor = 1.0
                    if st.kind != .write {
                        guard let s = sIndex[st.section ?? p.section] else { ok = false; break }
                        if st.kind == .backoffice {
                            unit = Int32(toCentre ? centre : sectionPool[s])
                            if toCentre { factor = iv.backofficeCentre!.timeFactor }
                        } else {
                            unit = Int32(s)
                            if st.kind == .counter && noWriting { factor = iv.noWriting!.counterTimeFactor }
                        }
                    }
                    let local = Int32(stages.count) - route.start
                    if st.kind == .counter && route.reworkAt < 0 {
                        route.reworkAt = local
                        // Back to the last form desk before this counter, else straight back to the queue.
                        var back = local
                        var k = stages.count - 1
                        while k >= Int(route.start) { if stages[k].kind == .write { back = Int32(k) - route.start; break }; k -= 1 }
                        route.reworkTo = back
                    }
                    stages.append(CompiledStage(kind: st.kind, sampler: StageSampler(st.time, table: &general), factor: factor, unit: unit, original: Int32(j)))
                }
                if !ok {  // unreachable procedure whose section this office lacks (validated when reachable)
                    stages.removeSubrange(Int(route.start)...)
                    route = CompiledRoute(start: Int32(stages.count))
                    routes.append(route)
                    continue
                }
                route.count = Int32(stages.count) - route.start
                if let first = stages[Int(route.start)...].first(where: { $0.kind == .counter || $0.kind == .issue }) {
                    route.firstSection = first.unit
                }
                if p.rework <= 0 { route.reworkAt = -1 }
                // Online applications: explicit work, or the back-office stages' work.
                if let firstBack = stages[Int(route.start)..<stages.count].first(where: { $0.kind == .backoffice }) {
                    route.onlinePool = firstBack.unit
                    route.onlineFactor = firstBack.factor
                } else if p.onlineWork != nil, let s = sIndex[p.section] {
                    route.onlinePool = Int32(toCentre ? centre : sectionPool[s])
                    route.onlineFactor = toCentre ? iv.backofficeCentre!.timeFactor : 1
                }
                routes.append(route)
            }
        }
        for (i, p) in procs.enumerated() { onlineWork[i] = p.onlineWork.map { StageSampler($0, table: &general) } }
        procOnlineWork = onlineWork
        self.offices = offices; self.sections = sections; self.pools = pools
        self.staff = staff; self.shifts = shifts; self.skills = skills
        self.routes = routes; self.stages = stages

        // Mean in-office service minutes per visit type (first office's routes).
        visitServiceMinutes = scenario.visitTypes.indices.map { v in
            var total = 0.0
            for k in vStart[v]..<vStart[v + 1] {
                let r = routes[Int(vProcs[k])]
                for s in stages[Int(r.start)..<Int(r.start + r.count)] { total += s.sampler.mean * s.factor }
            }
            return total
        }

        let res = iv.reservations ?? Reservations()
        let slot = max(res.slotLength.milliseconds, 1)
        reservations = CompiledReservations(
            slotMs: slot,
            perSlot: Double(res.slotsPerHour) * Double(slot) / 3_600_000,
            lateness: StageSampler(res.lateness, table: &general), noShow: res.noShow)
        let b = scenario.behaviour
        behaviour = CompiledBehaviour(balkThreshold: b.balkThreshold, balkProbability: b.balkProbability,
                                      patience: b.patience.map { StageSampler($0, table: &general) }, absent: b.absentWhenCalled,
                                      absentCallMs: b.absentCallTime.milliseconds)
        generalTimes = general
    }

    @inline(__always) func route(office o: Int, procedure p: Int) -> CompiledRoute {
        routes[o * procedureIDs.count + p]
    }
}
