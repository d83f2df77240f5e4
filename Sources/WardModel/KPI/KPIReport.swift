extension KPIAccumulator {
    /// Turns the accumulated days into KPI rows (see `KPICatalogue`).
    /// Wait quantiles come from `WaitSamples.quantiles(_:)`, three per scope
    /// from one selection; the samples keep their order.
    mutating func rows(_ c: CompiledScenario, hourly: Bool) -> [KPIRow] {
        var out: [KPIRow] = []
        out.reserveCapacity(1_024)
        let dayCount = days
        let d = Double(max(days, 1))
        let P = procedures
        let opensHour = Int((c.offices.map(\.opens).min() ?? 0) / 3_600_000)
        let closeHour = min(hours - 1, Int(((c.offices.map(\.close).max() ?? 0) + 3_599_999) / 3_600_000))
        let hourRange = opensHour...max(opensHour, closeHour)
        func label(_ h: Int) -> String { h < 10 ? "h0\(h)" : "h\(h)" }

        func waits(_ kind: KPIScopeKind, _ scope: String, _ w: inout WaitSamples, prefix: String = "wait") {
            out.append(KPIRow(kind, scope, "\(prefix)_mean", w.mean))
            let (median, p90, p95) = w.quantiles((0.5, 0.9, 0.95))
            out.append(KPIRow(kind, scope, "\(prefix)_median", median))
            out.append(KPIRow(kind, scope, "\(prefix)_p90", p90))
            out.append(KPIRow(kind, scope, "\(prefix)_p95", p95))
            out.append(KPIRow(kind, scope, "\(prefix)_max", w.count > 0 ? w.max : .nan))
            out.append(KPIRow(kind, scope, "served_within_15", w.shareWithin(15)))
            out.append(KPIRow(kind, scope, "served_within_30", w.shareWithin(30)))
            out.append(KPIRow(kind, scope, "served_within_60", w.shareWithin(60)))
        }
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        func hoursOf(_ ms: Int64) -> Double { Double(ms) / 3_600_000 }

        // Offices (and the city as their sum).
        var cityTotals = OfficeTotals()
        var cityWaits = WaitSamples()
        var cityBusyCounter: Int64 = 0, cityBusyBack: Int64 = 0, cityDutyCounter: Int64 = 0, cityDutyBack: Int64 = 0
        var cityLobbyMax = 0.0, cityStanding = 0.0
        var cityOpenMs = 0.0
        func officeRows(_ kind: KPIScopeKind, _ scope: String, _ t: OfficeTotals, _ w: inout WaitSamples,
                        busyCounter: Int64, busyBack: Int64, dutyCounter: Int64, dutyBack: Int64,
                        lobbyMean: Double, lobbyMax: Double, standing: Double) {
            out.append(KPIRow(kind, scope, "days", Double(dayCount)))
            out.append(KPIRow(kind, scope, "demand", Double(t.demand)))
            out.append(KPIRow(kind, scope, "visits", Double(t.arrivals)))
            out.append(KPIRow(kind, scope, "persons", Double(t.personsArrived)))
            out.append(KPIRow(kind, scope, "served", Double(t.served)))
            out.append(KPIRow(kind, scope, "reneged", Double(t.reneged)))
            out.append(KPIRow(kind, scope, "balked", Double(t.balked)))
            out.append(KPIRow(kind, scope, "abandonment_rate", ratio(Double(t.reneged + t.balked), Double(t.arrivals))))
            out.append(KPIRow(kind, scope, "deflected", Double(t.deflected)))
            out.append(KPIRow(kind, scope, "no_shows", Double(t.noShows)))
            out.append(KPIRow(kind, scope, "booked_visits", Double(t.bookedVisits)))
            out.append(KPIRow(kind, scope, "booked_overflow", Double(t.bookedOverflow)))
            out.append(KPIRow(kind, scope, "unserved", Double(t.unserved)))
            out.append(KPIRow(kind, scope, "absent_calls", Double(t.absentCalls)))
            out.append(KPIRow(kind, scope, "ghost_calls", Double(t.ghostCalls)))
            out.append(KPIRow(kind, scope, "reworks", Double(t.reworks)))
            waits(kind, scope, &w)
            out.append(KPIRow(kind, scope, "time_in_office_mean", ratio(t.timeInOfficeMinutes, Double(t.served))))
            out.append(KPIRow(kind, scope, "lobby_occupancy_mean", lobbyMean))
            out.append(KPIRow(kind, scope, "lobby_occupancy_max", lobbyMax))
            out.append(KPIRow(kind, scope, "lobby_standing_person_minutes", standing))
            out.append(KPIRow(kind, scope, "staff_overtime_minutes", Double(t.staffOvertimeMs) / 60_000))
            out.append(KPIRow(kind, scope, "closing_delay_minutes_mean", Double(t.closingDelayMs) / 60_000 / d))
            out.append(KPIRow(kind, scope, "closing_delay_minutes_max", Double(t.maxClosingDelayMs) / 60_000))
            out.append(KPIRow(kind, scope, "staff_on_duty_hours", hoursOf(dutyCounter + dutyBack)))
            out.append(KPIRow(kind, scope, "staff_busy_hours_counter", hoursOf(busyCounter)))
            out.append(KPIRow(kind, scope, "staff_busy_hours_backoffice", hoursOf(busyBack)))
            out.append(KPIRow(kind, scope, "staff_busy_hours", hoursOf(busyCounter + busyBack)))
            out.append(KPIRow(kind, scope, "utilisation_counter", ratio(Double(busyCounter), Double(dutyCounter))))
            out.append(KPIRow(kind, scope, "utilisation_backoffice", ratio(Double(busyBack), Double(dutyBack))))
            out.append(KPIRow(kind, scope, "citizen_hours_in_office", t.personMinutesInOffice / 60))
            out.append(KPIRow(kind, scope, "citizen_hours_travel", t.personMinutesTravel / 60))
            out.append(KPIRow(kind, scope, "citizen_hours_saved", t.savedPersonMinutes / 60))
            out.append(KPIRow(kind, scope, "online_applications", Double(t.onlineApplications)))
            out.append(KPIRow(kind, scope, "online_done", Double(t.onlineDone)))
            out.append(KPIRow(kind, scope, "online_backlog", Double(t.onlineBacklog)))
            out.append(KPIRow(kind, scope, "fees_yen", t.fees))
        }

        for (o, office) in c.offices.enumerated() {
            let name = office.name
            var busyC: Int64 = 0, dutyC: Int64 = 0, busyB: Int64 = 0, dutyB: Int64 = 0
            for s in office.sections { busyC += section[s].busyMs; dutyC += section[s].onDutyMs }
            for q in c.pools.indices where c.pools[q].office == o { busyB += pool[q].busyMs; dutyB += pool[q].onDutyMs }
            let openMs = Double(office.close - office.opens) * d
            let lobbyMean = ratio(lobby.areaTotal(o), openMs)
            let t = self.office[o]
            KPIAccumulator.accumulate(&cityTotals, t)
            cityWaits.merge(officeWaits[o])
            cityBusyCounter += busyC; cityBusyBack += busyB; cityDutyCounter += dutyC; cityDutyBack += dutyB
            cityLobbyMax += lobby.peak(o); cityStanding += lobby.overArea(o) / 60_000
            cityOpenMs += openMs
            officeRows(.office, name, t, &officeWaits[o], busyCounter: busyC, busyBack: busyB, dutyCounter: dutyC,
                       dutyBack: dutyB, lobbyMean: lobbyMean, lobbyMax: lobby.peak(o), standing: lobby.overArea(o) / 60_000)
            if hourly {
                for h in hourRange {
                    out.append(KPIRow(.office, name, "lobby_occupancy_\(label(h))", lobby.area(o, hour: h) / 3_600_000 / d))
                    out.append(KPIRow(.office, name, "arrivals_\(label(h))", Double(arrivalsByHour[o * hours + h]) / d))
                }
            }

            // Sections and their back-office pools.
            for s in office.sections {
                let scope = "\(name)/\(c.sections[s].id)"
                let st = section[s]
                out.append(KPIRow(.section, scope, "calls", Double(st.calls)))
                out.append(KPIRow(.section, scope, "stages_done", Double(st.stagesDone)))
                waits(.section, scope, &sectionWaits[s])
                out.append(KPIRow(.section, scope, "queue_length_mean", ratio(queue.areaTotal(s), Double(office.close - office.opens) * d)))
                out.append(KPIRow(.section, scope, "queue_length_max", queue.peak(s)))
                out.append(KPIRow(.section, scope, "utilisation", ratio(Double(st.busyMs), Double(st.onDutyMs))))
                out.append(KPIRow(.section, scope, "staff_busy_hours", hoursOf(st.busyMs)))
                out.append(KPIRow(.section, scope, "staff_on_duty_hours", hoursOf(st.onDutyMs)))
                out.append(KPIRow(.section, scope, "staff_scheduled_hours", hoursOf(st.scheduledMs)))
                out.append(KPIRow(.section, scope, "staff_overtime_minutes", Double(st.overtimeMs) / 60_000))
                if let q = c.pools.indices.first(where: { c.pools[$0].office == o && c.pools[$0].name == c.sections[s].id }),
                   !c.pools[q].staff.isEmpty {
                    let pt = pool[q]
                    out.append(KPIRow(.section, scope, "backoffice_tasks", Double(pt.tasks)))
                    out.append(KPIRow(.section, scope, "backoffice_online_tasks", Double(pt.onlineTasks)))
                    out.append(KPIRow(.section, scope, "backoffice_busy_hours", hoursOf(pt.busyMs)))
                    out.append(KPIRow(.section, scope, "backoffice_on_duty_hours", hoursOf(pt.onDutyMs)))
                    out.append(KPIRow(.section, scope, "backoffice_utilisation", ratio(Double(pt.busyMs), Double(pt.onDutyMs))))
                }
                if hourly {
                    for h in hourRange {
                        out.append(KPIRow(.section, scope, "queue_length_\(label(h))", queue.area(s, hour: h) / 3_600_000 / d))
                        out.append(KPIRow(.section, scope, "utilisation_\(label(h))", ratio(busy.area(s, hour: h), duty.area(s, hour: h))))
                        out.append(KPIRow(.section, scope, "staff_on_duty_\(label(h))", duty.area(s, hour: h) / 3_600_000 / d))
                    }
                }
            }
            // Procedures and channels in this office.
            for p in 0..<P {
                KPIAccumulator.procedureRows("\(name)/\(c.procedureIDs[p])", demand: (0..<6).map { procDemand[(o * P + p) * 6 + $0] },
                              completed: procCompleted[o * P + p], &procWaits[o * P + p], into: &out)
            }
            for ch in 0..<3 {
                KPIAccumulator.channelRows("\(name)/\(KPIAccumulator.visitChannels[ch])", channel[o * 3 + ch], &channelWaits[o * 3 + ch], into: &out)
            }
        }

        // City.
        var cityRows: [KPIRow] = []
        swap(&cityRows, &out)
        officeRows(.city, "city", cityTotals, &cityWaits, busyCounter: cityBusyCounter, busyBack: cityBusyBack,
                   dutyCounter: cityDutyCounter, dutyBack: cityDutyBack,
                   lobbyMean: ratio((0..<offices).reduce(0) { $0 + lobby.areaTotal($1) }, cityOpenMs),
                   lobbyMax: cityLobbyMax, standing: cityStanding)
        if c.centrePool >= 0 {
            let pt = pool[c.centrePool]
            out.append(KPIRow(.city, "city", "centre_tasks", Double(pt.tasks)))
            out.append(KPIRow(.city, "city", "centre_online_tasks", Double(pt.onlineTasks)))
            out.append(KPIRow(.city, "city", "centre_busy_hours", hoursOf(pt.busyMs)))
            out.append(KPIRow(.city, "city", "centre_on_duty_hours", hoursOf(pt.onDutyMs)))
            out.append(KPIRow(.city, "city", "centre_utilisation", ratio(Double(pt.busyMs), Double(pt.onDutyMs))))
            out.append(KPIRow(.city, "city", "staff_busy_hours_total", hoursOf(cityBusyCounter + cityBusyBack + pt.busyMs)))
        } else {
            out.append(KPIRow(.city, "city", "staff_busy_hours_total", hoursOf(cityBusyCounter + cityBusyBack)))
        }
        for p in 0..<P {
            var demand = Array(repeating: 0, count: 6)
            var w = WaitSamples()
            var completed = 0
            for o in 0..<offices {
                for k in 0..<6 { demand[k] += procDemand[(o * P + p) * 6 + k] }
                w.merge(procWaits[o * P + p])
                completed += procCompleted[o * P + p]
            }
            KPIAccumulator.procedureRows(c.procedureIDs[p], demand: demand, completed: completed, &w, into: &out)
        }
        for ch in 0..<3 {
            var t = ChannelTotals()
            var w = WaitSamples()
            for o in 0..<offices {
                let b = channel[o * 3 + ch]
                t.visits += b.visits; t.served += b.served; t.reneged += b.reneged; t.balked += b.balked
                t.timeInOfficeMinutes += b.timeInOfficeMinutes
                w.merge(channelWaits[o * 3 + ch])
            }
            KPIAccumulator.channelRows(KPIAccumulator.visitChannels[ch], t, &w, into: &out)
        }
        out.append(contentsOf: cityRows)
        return out
    }

    private static func accumulate(_ a: inout OfficeTotals, _ b: OfficeTotals) {
        a.demand += b.demand; a.arrivals += b.arrivals; a.personsArrived += b.personsArrived
        a.served += b.served; a.reneged += b.reneged; a.balked += b.balked; a.deflected += b.deflected
        a.noShows += b.noShows; a.unserved += b.unserved; a.bookedVisits += b.bookedVisits
        a.bookedOverflow += b.bookedOverflow; a.absentCalls += b.absentCalls; a.ghostCalls += b.ghostCalls
        a.reworks += b.reworks; a.onlineApplications += b.onlineApplications; a.onlineDone += b.onlineDone
        a.onlineBacklog += b.onlineBacklog; a.fees += b.fees; a.timeInOfficeMinutes += b.timeInOfficeMinutes
        a.personMinutesInOffice += b.personMinutesInOffice; a.personMinutesTravel += b.personMinutesTravel
        a.savedPersonMinutes += b.savedPersonMinutes; a.deflectedPersons += b.deflectedPersons
        a.staffOvertimeMs += b.staffOvertimeMs; a.closingDelayMs += b.closingDelayMs
        a.maxClosingDelayMs = max(a.maxClosingDelayMs, b.maxClosingDelayMs)
    }

    private static func procedureRows(_ scope: String, demand: [Int], completed: Int, _ w: inout WaitSamples, into out: inout [KPIRow]) {
        out.append(KPIRow(.procedure, scope, "demand", Double(demand.reduce(0, +))))
        for ch in DemandChannel.allCases {
            out.append(KPIRow(.procedure, scope, "demand_\(ch.name)", Double(demand[ch.rawValue])))
        }
        out.append(KPIRow(.procedure, scope, "completed", Double(completed)))
        out.append(KPIRow(.procedure, scope, "wait_mean", w.mean))
        let (median, p90, p95) = w.quantiles((0.5, 0.9, 0.95))
        out.append(KPIRow(.procedure, scope, "wait_median", median))
        out.append(KPIRow(.procedure, scope, "wait_p90", p90))
        out.append(KPIRow(.procedure, scope, "wait_p95", p95))
        out.append(KPIRow(.procedure, scope, "wait_max", w.count > 0 ? w.max : .nan))
    }

    private static func channelRows(_ scope: String, _ t: ChannelTotals, _ w: inout WaitSamples, into out: inout [KPIRow]) {
        out.append(KPIRow(.channel, scope, "visits", Double(t.visits)))
        out.append(KPIRow(.channel, scope, "served", Double(t.served)))
        out.append(KPIRow(.channel, scope, "reneged", Double(t.reneged)))
        out.append(KPIRow(.channel, scope, "balked", Double(t.balked)))
        out.append(KPIRow(.channel, scope, "wait_mean", w.mean))
        let (median, p90, p95) = w.quantiles((0.5, 0.9, 0.95))
        out.append(KPIRow(.channel, scope, "wait_median", median))
        out.append(KPIRow(.channel, scope, "wait_p90", p90))
        out.append(KPIRow(.channel, scope, "wait_p95", p95))
        out.append(KPIRow(.channel, scope, "wait_max", w.count > 0 ? w.max : .nan))
        out.append(KPIRow(.channel, scope, "served_within_30", w.shareWithin(30)))
        out.append(KPIRow(.channel, scope, "time_in_office_mean", t.served > 0 ? t.timeInOfficeMinutes / Double(t.served) : .nan))
    }
}
