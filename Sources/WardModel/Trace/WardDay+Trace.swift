import SimKernel

extension WardDay {
    static let traceIntervalMs: Int64 = 900_000

    /// `run`, tracing: the same day, event for event, plus its citizens and
    /// per-15-minute levels appended to `out`.
    ///
    /// Why the KPIs cannot change: no event is added and no random number
    /// drawn. The engine runs in steps of 15 simulated minutes
    /// (`run(until:)`), which pops exactly the events `run()` pops, in the
    /// same order; between steps the level integrals the KPIs keep anyway
    /// (`HourlyLevels`) are read, and their differences are the interval
    /// means. First calls and non-coming demand are noted by `trace` hooks.
    ///
    /// Complexity: the day's events, plus O(units) per 15 simulated minutes
    /// until the last event, plus O(citizens) to collect.
    static func runTraced(_ model: consuming WardDay, ordinal: Int, type: DayType, date: CivilDate?,
                          into out: inout ReplicationTrace) -> WardDay {
        model.prepare(ordinal: ordinal, type: type, date: date)
        if model.trace == nil { model.trace = DayTrace() }
        model.trace!.startDay()
        var sim = Simulation(model: consume model, expectedPendingEvents: 256)
        sim.schedule(.startDay, at: .zero, priority: .first)
        var levels = LevelReader(sections: sim.model.c.sections.count, offices: sim.model.c.offices.count)
        levels.begin(sim.model.kpi)
        var t: Int64 = 0
        while sim.scheduler.pending > 0 {
            t += traceIntervalMs
            sim.run(until: SimTime(milliseconds: t))
            levels.read(sim.model.kpi, at: t)
        }
        sim.model.finishDay()
        let day = sim.model
        day.collectLevels(levels, into: &out)
        day.collectCitizens(into: &out)
        return day
    }

    /// Appends the day's level rows of each office's open day.
    func collectLevels(_ levels: LevelReader, into out: inout ReplicationTrace) {
        let step = WardDay.traceIntervalMs
        for (o, office) in c.offices.enumerated() {
            let first = Int(office.opens / step)
            let end = max(office.close, lastDeparture[o])
            let last = min(Int((end + step - 1) / step), levels.intervals)
            for k in first..<max(first, last) {
                let start = SimTime(milliseconds: Int64(k) * step)
                var queue = 0.0, busy = 0.0, duty = 0.0
                for s in office.sections {
                    let q = levels.mean(.queue, s, k), b = levels.mean(.busy, s, k), d = levels.mean(.duty, s, k)
                    queue += q; busy += b; duty += d
                    out.levels.append(LevelSample(day: Int32(ordinal), office: Int16(o), section: Int16(s), start: start,
                                                  queue: q, lobby: .nan, staffBusy: b, staffOnDuty: d))
                }
                out.levels.append(LevelSample(day: Int32(ordinal), office: Int16(o), section: -1, start: start,
                                              queue: queue, lobby: levels.mean(.lobby, o, k), staffBusy: busy, staffOnDuty: duty))
            }
        }
    }

    /// Appends a record per demand of the day: the visits (from `citizens`)
    /// and the demand that did not come (from the trace), merged in (office,
    /// number) order — both lists are already in that order.
    func collectCitizens(into out: inout ReplicationTrace) {
        guard let trace else { return }
        let day = Int32(ordinal)
        let end = max(now, 0)
        out.citizens.reserveCapacity(out.citizens.count + citizens.count + trace.notComing.count)
        var j = 0
        for (i, x) in citizens.enumerated() {
            while j < trace.notComing.count
                && (trace.notComing[j].office, trace.notComing[j].number) < (x.office, x.demand) {
                out.citizens.append(WardDay.record(trace.notComing[j], day: day))
                j += 1
            }
            let outcome: CitizenOutcome
            switch x.state {
            case .served: outcome = .served
            case .balked: outcome = .balked
            // `finishDay` marks anyone left inside as reneged without a departure.
            case .reneged: outcome = x.departure < 0 ? .unserved : .reneged
            default: outcome = .unserved
            }
            out.citizens.append(CitizenTrace(
                day: day, number: x.demand, office: x.office, visitType: x.visitType, persons: x.persons,
                channel: x.channel == 1 ? .booked : x.channel == 2 ? .aiAssistant : .walkIn, outcome: outcome,
                arrival: SimTime(milliseconds: x.arrival),
                firstCall: trace.firstCall(of: i).map { SimTime(milliseconds: $0) },
                departure: SimTime(milliseconds: x.departure < 0 ? max(end, x.arrival) : x.departure)))
        }
        for n in trace.notComing[j...] { out.citizens.append(WardDay.record(n, day: day)) }
    }

    static func record(_ n: DayTrace.NotComing, day: Int32) -> CitizenTrace {
        CitizenTrace(day: day, number: n.number, office: n.office, visitType: n.visitType, persons: n.persons,
                     channel: n.channel, outcome: n.outcome, arrival: SimTime(milliseconds: n.time), firstCall: nil,
                     departure: SimTime(milliseconds: n.time))
    }
}

/// Reads the model's level integrals (`KPIAccumulator.queue`, `busy`,
/// `duty`, `lobby`) at every 15-minute boundary of a day and keeps the mean
/// level of each unit over each interval.
///
/// An interval never straddles a clock hour, so its integral is the growth
/// of one hourly bucket between its two ends (`HourlyLevels.bucketArea`).
struct LevelReader {
    enum Level: Int { case queue, busy, duty, lobby }

    let sections: Int, offices: Int
    /// Interval k's means, units in `Level` order: sections × 3, then offices.
    private(set) var means: [Double] = []
    /// Each unit's bucket integral at the start of the current interval.
    private var startArea: [Double]
    private(set) var intervals = 0

    init(sections: Int, offices: Int) {
        self.sections = sections; self.offices = offices
        startArea = Array(repeating: 0, count: sections * 3 + offices)
    }

    private static let step = WardDay.traceIntervalMs

    private func levels(_ kpi: KPIAccumulator, _ level: Level) -> HourlyLevels {
        switch level {
        case .queue: return kpi.queue
        case .busy: return kpi.busy
        case .duty: return kpi.duty
        case .lobby: return kpi.lobby
        }
    }

    private func units(_ level: Level) -> Int { level == .lobby ? offices : sections }

    /// The integrals at midnight (the start of interval 0).
    mutating func begin(_ kpi: KPIAccumulator) {
        intervals = 0
        means.removeAll(keepingCapacity: true)
        for level in [Level.queue, .busy, .duty, .lobby] {
            let h = levels(kpi, level)
            for u in 0..<units(level) { startArea[level.rawValue * sections + u] = h.bucketArea(u, hour: 0, upTo: 0) }
        }
    }

    /// Closes the interval ending at `t` and opens the next one.
    mutating func read(_ kpi: KPIAccumulator, at t: Int64) {
        let closing = Int((t - LevelReader.step) / 3_600_000), opening = Int(t / 3_600_000)
        for level in [Level.queue, .busy, .duty, .lobby] {
            let h = levels(kpi, level)
            let hClose = min(closing, h.hours - 1), hOpen = min(opening, h.hours - 1)
            for u in 0..<units(level) {
                let index = level.rawValue * sections + u
                means.append((h.bucketArea(u, hour: hClose, upTo: t) - startArea[index]) / Double(LevelReader.step))
                startArea[index] = h.bucketArea(u, hour: hOpen, upTo: t)
            }
        }
        intervals += 1
    }

    /// Mean level of unit `u` (a section, or an office for `.lobby`) over interval `k`.
    func mean(_ level: Level, _ u: Int, _ k: Int) -> Double {
        means[k * (sections * 3 + offices) + level.rawValue * sections + u]
    }
}

extension HourlyLevels {
    /// The integral (level × ms) held in clock hour `hour`'s bucket once the
    /// unit's level is integrated up to `t` (not before its last change):
    /// the stored bucket plus the part not yet folded in. The last bucket
    /// holds everything after its start, as in `add`.
    func bucketArea(_ unit: Int, hour: Int, upTo t: Int64) -> Double {
        let u = state[unit]
        var a = area[unit * hours + hour]
        if u.level != 0 && t > u.last {
            let lo = Int64(hour) * 3_600_000
            let hi = hour >= hours - 1 ? Int64.max : Int64(hour + 1) * 3_600_000
            let from = max(u.last, lo), to = min(t, hi)
            if to > from { a += u.level * Double(to - from) }
        }
        return a
    }
}
