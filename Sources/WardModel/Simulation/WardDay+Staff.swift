import SimKernel

extension WardDay {
    /// When the unit of staff member `st` (section or back-office pool) closes its doors.
    @inline(__always) func closeOf(_ role: StaffRole, _ unit: Int) -> Int64 {
        role == .counter ? c.offices[c.sections[unit].office].close : c.pools[unit].close
    }

    @inline(__always) func pending(_ role: StaffRole, _ unit: Int) -> Int {
        role == .counter ? pendingCounter[unit] : pendingBack[unit]
    }

    mutating func shiftStart(_ st: Int, _ s: inout Scheduler<Event>) {
        let m = c.staff[st]
        let k = Int(staff[st].nextShift)
        let shift = c.shifts[Int(m.shiftStart) + k]
        staff[st].nextShift += 1
        if !staff[st].onDuty {
            staff[st].onDuty = true
            staff[st].onDutySince = now
            if m.role == .counter { kpi.duty.add(Int(m.unit), 1, at: now) }
            if !staff[st].busy { addIdle(m, 1) }
        }
        staff[st].shiftEnd = shift.to
        staff[st].scheduledMs += shift.to - shift.from
        s.at(SimTime(milliseconds: shift.to), .shiftEnd(Int32(st)), priority: EventPriority(64))
        if m.role == .counter { dispatchSection(Int(m.unit), &s) } else { dispatchPool(Int(m.unit), &s) }
    }

    mutating func shiftEnd(_ st: Int, _ s: inout Scheduler<Event>) {
        let m = c.staff[st]
        let k = Int(staff[st].nextShift)
        if k < Int(m.shiftCount) {
            s.at(SimTime(milliseconds: c.shifts[Int(m.shiftStart) + k].from), .shiftStart(Int32(st)), priority: EventPriority(64))
        }
        // A busy member finishes the task first (taskDone sends them off duty).
        guard staff[st].onDuty, !staff[st].busy, now >= staff[st].shiftEnd else { return }
        if now < closeOf(m.role, Int(m.unit)) { goOffDuty(st) } else { releaseOvertime(m.role, Int(m.unit)) }
    }

    @inline(__always) mutating func addIdle(_ m: CompiledStaff, _ delta: Int) {
        if m.role == .counter { idleSection[Int(m.unit)] += delta } else { idlePool[Int(m.unit)] += delta }
    }

    mutating func goOffDuty(_ st: Int) {
        let m = c.staff[st]
        if !staff[st].busy { addIdle(m, -1) }
        staff[st].onDuty = false
        staff[st].onDutyMs += now - staff[st].onDutySince
        staff[st].overtimeMs += max(0, now - max(staff[st].shiftEnd, staff[st].onDutySince))
        if m.role == .counter { kpi.duty.add(Int(m.unit), -1, at: now) }
    }

    /// After the doors close, a unit keeps as many of its staff as it still
    /// has pending stages (citizens inside who will need it), and at least
    /// one generalist while anything is pending; the others go home as soon
    /// as they are idle and past their shift. Specialists leave first. A unit
    /// without generalists keeps everyone until its work is done (so skills
    /// can never strand a citizen).
    mutating func releaseOvertime(_ role: StaffRole, _ unit: Int) {
        guard now >= closeOf(role, unit) else { return }
        let range = role == .counter ? c.sections[unit].staff : c.pools[unit].staff
        let work = pending(role, unit)
        var onDuty = 0, generalists = 0
        for st in range where staff[st].onDuty {
            onDuty += 1
            if c.staff[st].generalist { generalists += 1 }
        }
        if work > 0 && generalists == 0 { return }
        var excess = onDuty - work
        for st in range where excess > 0 && staff[st].onDuty && !staff[st].busy && now >= staff[st].shiftEnd {
            if work > 0 && c.staff[st].generalist {
                if generalists <= 1 { continue }
                generalists -= 1
            }
            goOffDuty(st)
            excess -= 1
        }
    }
}
