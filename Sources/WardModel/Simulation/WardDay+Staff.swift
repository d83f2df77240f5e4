import SimKernel

extension WardDay {
    /// When the unit of staff member `st` (section or back-office pool) closes its doors.
    @inline(__always) func closeOf(_ role: StaffRole, _ unit: Int) -> Int64 {
        role == .counter ? c.offices[c.sections[unit].office].close : c.pools[unit].close
    }

    @inline(__always) func pending(_ role: StaffRole, _ unit: Int) -> Int {
        role == .counter ? pendingCounter[unit] : pendingBack[unit]
    }

    // MARK: Shift changes

    // Shift starts and ends stay out of the engine's event queue: every staff
    // member always has one pending, which would double the heap that every
    // other event pays for. Each member's next change waits in its
    // `StaffState`; one `.shiftChanges` event at the earliest such time works
    // through them. The order is the one separate events would have had:
    // changes were the only events of priority class 64, so against other
    // events only (time, class) matters, and among themselves they run in
    // (time, order scheduled) — `changeOrder` — including a change scheduled
    // for the current time while the others run (back-to-back shifts).

    /// Schedules staff member `st`'s next shift change.
    mutating func scheduleShiftChange(_ st: Int, at time: Int64, starts: Bool) {
        staff[st].changeAt = time
        staff[st].changeOrder = shiftChangeCount
        staff[st].changeStarts = starts
        shiftChangeCount += 1
    }

    /// The `.shiftChanges` event: every change due now, in the order scheduled;
    /// then the event for the next change time.
    mutating func shiftChanges(_ s: inout Scheduler<Event>) {
        while true {
            var next = -1
            for st in staff.indices where staff[st].changeAt == now {
                if next < 0 || staff[st].changeOrder < staff[next].changeOrder { next = st }
            }
            if next < 0 { break }
            staff[next].changeAt = .max
            if staff[next].changeStarts { shiftStart(next, &s) } else { shiftEnd(next, &s) }
        }
        scheduleShiftChanges(&s)
    }

    /// Schedules `.shiftChanges` at the earliest pending change, if any.
    mutating func scheduleShiftChanges(_ s: inout Scheduler<Event>) {
        var first = Int64.max
        for st in staff.indices where staff[st].changeAt < first { first = staff[st].changeAt }
        if first != .max { s.at(SimTime(milliseconds: first), .shiftChanges, priority: EventPriority(64)) }
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
            if !staff[st].busy { addIdle(st, m, 1) }
        }
        staff[st].shiftEnd = shift.to
        staff[st].scheduledMs += shift.to - shift.from
        scheduleShiftChange(st, at: shift.to, starts: false)
        if m.role == .counter { dispatchSection(Int(m.unit), &s) } else { dispatchPool(Int(m.unit), &s) }
    }

    mutating func shiftEnd(_ st: Int, _ s: inout Scheduler<Event>) {
        let m = c.staff[st]
        let k = Int(staff[st].nextShift)
        if k < Int(m.shiftCount) {
            scheduleShiftChange(st, at: c.shifts[Int(m.shiftStart) + k].from, starts: true)
        }
        // A busy member finishes the task first (taskDone sends them off duty).
        guard staff[st].onDuty, !staff[st].busy, now >= staff[st].shiftEnd else { return }
        if now < closeOf(m.role, Int(m.unit)) { goOffDuty(st) } else { releaseOvertime(m.role, Int(m.unit)) }
    }

    /// Counts staff member `st` in (`delta` 1) or out of (−1) its unit's idle staff.
    @inline(__always) mutating func addIdle(_ st: Int, _ m: CompiledStaff, _ delta: Int) {
        if m.role == .counter { idleSection[Int(m.unit)] += delta } else { idlePool[Int(m.unit)] += delta }
        let bit = idleBit[st]
        if delta > 0 { idleBits[Int(idleWord[st])] |= bit } else { idleBits[Int(idleWord[st])] &= ~bit }
    }

    mutating func goOffDuty(_ st: Int) {
        let m = c.staff[st]
        if !staff[st].busy { addIdle(st, m, -1) }
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
    @inline(__always) mutating func releaseOvertime(_ role: StaffRole, _ unit: Int) {
        if now >= closeOf(role, unit) { releaseOvertimeAfterClosing(role, unit) }
    }

    mutating func releaseOvertimeAfterClosing(_ role: StaffRole, _ unit: Int) {
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
