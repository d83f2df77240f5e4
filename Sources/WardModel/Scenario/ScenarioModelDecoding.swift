import SimKernel

// The scenario schema: YAML keys (snake_case) → `WardScenario` fields.
// `scenarios/README.md` is the reference for planners; keep the two in step.

extension ScenarioDecoder {
    static let topLevelKeys = ["version", "extends", "name", "description", "simulation", "calendar",
                               "procedures", "visit_types", "offices", "behaviour", "interventions"]

    /// Decodes a whole merged scenario tree. Returns nil when a required part
    /// is missing; other problems are in `issues`.
    mutating func scenario(_ root: ScenarioNode, defaultName: String) -> WardScenario? {
        let path = ScenarioPath.root
        guard let top = mapping(root, at: path, allowed: Self.topLevelKeys,
                                required: ["procedures", "visit_types", "offices"],
                                what: "a scenario (a mapping with version, procedures, visit_types, offices, …)")
        else { return nil }
        let name = string(top["name"], at: path + "name") ?? defaultName
        let description = string(top["description"], at: path + "description") ?? ""
        let simulation = self.simulation(top["simulation"], at: path + "simulation")
        let calendar = self.calendar(top["calendar"], at: path + "calendar")
        let procedures = list(top["procedures"], at: path + "procedures")?.enumerated().compactMap {
            procedure($0.element, at: path + "procedures" + $0.offset)
        }
        let visitTypes = list(top["visit_types"], at: path + "visit_types")?.enumerated().compactMap {
            visitType($0.element, at: path + "visit_types" + $0.offset)
        }
        let offices = list(top["offices"], at: path + "offices")?.enumerated().compactMap {
            office($0.element, at: path + "offices" + $0.offset)
        }
        let behaviour = self.behaviour(top["behaviour"], at: path + "behaviour")
        let interventions = self.interventions(top["interventions"], at: path + "interventions")
        guard let procedures, let visitTypes, let offices else { return nil }
        return WardScenario(name: name, description: description, simulation: simulation, calendar: calendar,
                            procedures: procedures, visitTypes: visitTypes, offices: offices,
                            behaviour: behaviour, interventions: interventions)
    }

    // MARK: Simulation and calendar

    static let dayChoices: [(String, DaySelection)] =
        DayType.allCases.map { ($0.rawValue, DaySelection.single($0)) } + [("fiscal_year", .fiscalYear)]

    mutating func simulation(_ node: ScenarioNode?, at path: ScenarioPath) -> SimulationSettings {
        var s = SimulationSettings()
        guard let f = mapping(node, at: path, allowed: ["seed", "replications", "days"]) else { return s }
        if let v = unsignedInteger(f["seed"], at: path + "seed") { s.seed = v }
        if let v = integer(f["replications"], at: path + "replications", minimum: 1, maximum: 1_000_000) { s.replications = v }
        if let v = choice(f["days"], at: path + "days", Self.dayChoices) { s.days = v }
        return s
    }

    mutating func calendar(_ node: ScenarioNode?, at path: ScenarioPath) -> WardCalendar {
        var c = WardCalendar()
        guard let f = mapping(node, at: path, allowed: ["fiscal_year", "day_factors", "peak_seasonal_factor",
                                                        "peak_start", "peak_end"]) else { return c }
        if let v = integer(f["fiscal_year"], at: path + "fiscal_year", minimum: 1900, maximum: 2200) { c.fiscalYear = v }
        if let factors = mapping(f["day_factors"], at: path + "day_factors", allowed: DayType.allCases.map(\.rawValue)) {
            for day in DayType.allCases {
                if let v = number(factors[day.rawValue], at: path + "day_factors" + day.rawValue, bound: .nonNegative) {
                    c.dayFactors[day] = v
                }
            }
        }
        if let v = number(f["peak_seasonal_factor"], at: path + "peak_seasonal_factor", bound: .nonNegative) {
            c.peakSeasonalFactor = v
        }
        if let v = monthDay(f["peak_start"], at: path + "peak_start") { c.peakStart = v }
        if let v = monthDay(f["peak_end"], at: path + "peak_end") { c.peakEnd = v }
        return c
    }

    /// `MM-DD`, e.g. `03-20`.
    mutating func monthDay(_ node: ScenarioNode?, at path: ScenarioPath) -> MonthDay? {
        guard let node, let text = string(node, at: path) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isNumber) }),
           let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m), (1...daysIn[m - 1]).contains(d) {
            return MonthDay(month: m, day: d)
        }
        report(node, at: path, "expected a month and day MM-DD such as 03-20, got \(node.shortDescription)")
        return nil
    }

    // MARK: Procedures and visits

    mutating func procedure(_ node: ScenarioNode, at path: ScenarioPath) -> Procedure? {
        guard let f = mapping(node, at: path, allowed: ["id", "name", "section", "stages", "rework", "fee",
                                                        "seasonal", "channels", "online_work"],
                              required: ["id", "section", "stages"], what: "a procedure (id, section, stages, …)")
        else { return nil }
        let id = identifier(f["id"], at: path + "id")
        let name = string(f["name"], at: path + "name")
        let section = identifier(f["section"], at: path + "section")
        let stages = list(f["stages"], at: path + "stages")?.enumerated().compactMap {
            stage($0.element, at: path + "stages" + $0.offset)
        }
        let rework = share(f["rework"], at: path + "rework") ?? 0
        let fee = number(f["fee"], at: path + "fee", bound: .nonNegative) ?? 0
        let seasonal = boolean(f["seasonal"], at: path + "seasonal") ?? false
        let channels = self.channels(f["channels"], at: path + "channels")
        let onlineWork = f["online_work"].flatMap { distribution($0, at: path + "online_work") }
        guard let id, let section, let stages else { return nil }
        return Procedure(id: id, name: name ?? id, section: section, stages: stages, rework: rework, fee: fee,
                         seasonal: seasonal, channels: channels, onlineWork: onlineWork)
    }

    mutating func stage(_ node: ScenarioNode, at path: ScenarioPath) -> Stage? {
        guard let f = mapping(node, at: path, allowed: ["kind", "time", "section"], required: ["kind", "time"],
                              what: "a stage {kind: …, time: …}") else { return nil }
        let kind = choice(f["kind"], at: path + "kind", Stage.Kind.allCases.map { ($0.rawValue, $0) })
        let time = distribution(f["time"], at: path + "time")
        let section = identifier(f["section"], at: path + "section")
        guard let kind, let time else { return nil }
        return Stage(kind: kind, time: time, section: section)
    }

    mutating func channels(_ node: ScenarioNode?, at path: ScenarioPath) -> ChannelShares {
        var c = ChannelShares()
        guard let f = mapping(node, at: path, allowed: ["booked", "online", "convenience_store", "ai_assistant"],
                              what: "channel shares {booked, online, convenience_store, ai_assistant}") else { return c }
        c.booked = share(f["booked"], at: path + "booked") ?? 0
        c.online = share(f["online"], at: path + "online") ?? 0
        c.convenienceStore = share(f["convenience_store"], at: path + "convenience_store") ?? 0
        c.aiAssistant = share(f["ai_assistant"], at: path + "ai_assistant") ?? 0
        return c
    }

    mutating func visitType(_ node: ScenarioNode, at path: ScenarioPath) -> VisitType? {
        guard let f = mapping(node, at: path, allowed: ["id", "procedures", "share"],
                              required: ["id", "procedures", "share"], what: "a visit type (id, procedures, share)")
        else { return nil }
        let id = identifier(f["id"], at: path + "id")
        let procedures = list(f["procedures"], at: path + "procedures", what: "a list of procedure ids")?
            .enumerated().compactMap { identifier($0.element, at: path + "procedures" + $0.offset) }
        let share = self.share(f["share"], at: path + "share")
        guard let id, let procedures, let share else { return nil }
        return VisitType(id: id, procedures: procedures, share: share)
    }

    // MARK: Offices

    mutating func office(_ node: ScenarioNode, at path: ScenarioPath) -> Office? {
        guard let f = mapping(node, at: path, allowed: ["name", "population", "visits_per_day", "opens", "doors_close",
                                                        "hourly_profile", "group_size", "lobby_seats", "sections",
                                                        "travel_time"],
                              required: ["name", "population", "visits_per_day", "hourly_profile", "lobby_seats", "sections"],
                              what: "an office (name, population, visits_per_day, …)") else { return nil }
        let name = identifier(f["name"], at: path + "name")
        let population = integer(f["population"], at: path + "population", minimum: 0)
        let visits = number(f["visits_per_day"], at: path + "visits_per_day", bound: .nonNegative)
        let opens = clock(f["opens"], at: path + "opens") ?? .clock(8, 30)
        let doorsClose = clock(f["doors_close"], at: path + "doors_close") ?? .clock(17, 15)
        let profile = numbers(f["hourly_profile"], at: path + "hourly_profile")
        let groupSize = f["group_size"] == nil ? [1] : shares(f["group_size"], at: path + "group_size")
        let lobbySeats = integer(f["lobby_seats"], at: path + "lobby_seats", minimum: 0)
        let sections = list(f["sections"], at: path + "sections")?.enumerated().compactMap {
            section($0.element, at: path + "sections" + $0.offset)
        }
        let travel = duration(f["travel_time"], at: path + "travel_time") ?? .minutes(30)
        guard let name, let population, let visits, let profile, let groupSize, let lobbySeats, let sections
        else { return nil }
        return Office(name: name, population: population, visitsPerDay: visits, opens: opens, doorsClose: doorsClose,
                      hourlyProfile: profile, groupSize: groupSize, lobbySeats: lobbySeats, sections: sections,
                      travelTime: travel)
    }

    /// A list of non-negative numbers (weights, e.g. an hourly profile in %).
    mutating func numbers(_ node: ScenarioNode?, at path: ScenarioPath) -> [Double]? {
        guard let items = list(node, at: path, what: "a list of non-negative numbers") else { return nil }
        let values = items.enumerated().compactMap { number($0.element, at: path + $0.offset, bound: .nonNegative) }
        return values.count == items.count ? values : nil
    }

    /// A list of shares (`0.85` or `85%`).
    mutating func shares(_ node: ScenarioNode?, at path: ScenarioPath) -> [Double]? {
        guard let items = list(node, at: path, what: "a list of shares") else { return nil }
        let values = items.enumerated().compactMap { share($0.element, at: path + $0.offset) }
        return values.count == items.count ? values : nil
    }

    static let disciplines: [(String, QueueDiscipline)] = [("fifo", .fifo), ("booked_first", .bookedFirst)]

    mutating func section(_ node: ScenarioNode, at path: ScenarioPath) -> Section? {
        guard let f = mapping(node, at: path, allowed: ["id", "name", "counters", "discipline", "booked_counters",
                                                        "staff", "backoffice_staff"],
                              required: ["id", "counters", "staff"], what: "a section (id, counters, staff, …)")
        else { return nil }
        let id = identifier(f["id"], at: path + "id")
        let name = string(f["name"], at: path + "name")
        let counters = integer(f["counters"], at: path + "counters", minimum: 0)
        let discipline = choice(f["discipline"], at: path + "discipline", Self.disciplines) ?? .fifo
        let booked = integer(f["booked_counters"], at: path + "booked_counters", minimum: 0) ?? 0
        let staff = staffGroups(f["staff"], at: path + "staff")
        let backoffice = f["backoffice_staff"] == nil ? [] : staffGroups(f["backoffice_staff"], at: path + "backoffice_staff")
        guard let id, let counters, let staff, let backoffice else { return nil }
        return Section(id: id, name: name ?? id, counters: counters, discipline: discipline, bookedCounters: booked,
                       staff: staff, backofficeStaff: backoffice)
    }

    mutating func staffGroups(_ node: ScenarioNode?, at path: ScenarioPath) -> [StaffGroup]? {
        guard let items = list(node, at: path, what: "a list of staff groups") else { return nil }
        let groups = items.enumerated().compactMap { staffGroup($0.element, at: path + $0.offset) }
        return groups.count == items.count ? groups : nil
    }

    mutating func staffGroup(_ node: ScenarioNode, at path: ScenarioPath) -> StaffGroup? {
        guard let f = mapping(node, at: path, allowed: ["name", "count", "skills", "shifts", "day_types"],
                              required: ["name", "count", "shifts"], what: "a staff group (name, count, shifts)")
        else { return nil }
        let name = string(f["name"], at: path + "name")
        let count = integer(f["count"], at: path + "count", minimum: 0, maximum: 10_000)
        let skills = f["skills"] == nil ? [] : list(f["skills"], at: path + "skills", what: "a list of procedure ids")?
            .enumerated().compactMap { identifier($0.element, at: path + "skills" + $0.offset) }
        let shifts = list(f["shifts"], at: path + "shifts", what: "a list of shifts such as 08:30-12:00")?
            .enumerated().compactMap { shift($0.element, at: path + "shifts" + $0.offset) }
        let dayTypes = f["day_types"] == nil ? [] : list(f["day_types"], at: path + "day_types", what: "a list of day types")?
            .enumerated().compactMap { choice($0.element, at: path + "day_types" + $0.offset, DayType.allCases.map { ($0.rawValue, $0) }) }
        guard let name, let count, let skills, let shifts, let dayTypes else { return nil }
        return StaffGroup(name: name, count: count, skills: skills, shifts: shifts, dayTypes: dayTypes)
    }

    /// `"08:30-12:00"` or `{from: "08:30", to: "12:00"}`.
    mutating func shift(_ node: ScenarioNode, at path: ScenarioPath) -> Shift? {
        let from: SimTime?, to: SimTime?
        if case .scalar(let text, _) = node.kind {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard parts.count == 2, let a = ScenarioScalars.clock(String(parts[0])),
                  let b = ScenarioScalars.clock(String(parts[1])) else {
                report(node, at: path, "expected a shift such as 08:30-12:00 (clock times between 00:00 and 24:00), got \(node.shortDescription)")
                return nil
            }
            from = a; to = b
        } else {
            guard let f = mapping(node, at: path, allowed: ["from", "to"], required: ["from", "to"],
                                  what: "a shift such as 08:30-12:00 or {from: \"08:30\", to: \"12:00\"}") else { return nil }
            from = clock(f["from"], at: path + "from")
            to = clock(f["to"], at: path + "to")
        }
        guard let from, let to else { return nil }
        guard from < to else {
            report(node, at: path, "a shift must end after it starts, got \(ScenarioScalars.formatClock(from))-\(ScenarioScalars.formatClock(to))")
            return nil
        }
        return Shift(from: from, to: to)
    }

    // MARK: Behaviour and interventions

    mutating func behaviour(_ node: ScenarioNode?, at path: ScenarioPath) -> Behaviour {
        var b = Behaviour()
        guard let f = mapping(node, at: path, allowed: ["balk_threshold", "balk_probability", "patience",
                                                        "absent_when_called", "absent_call_time"]) else { return b }
        if let v = integer(f["balk_threshold"], at: path + "balk_threshold", minimum: 0) { b.balkThreshold = v }
        if let v = share(f["balk_probability"], at: path + "balk_probability") { b.balkProbability = v }
        if let node = f["patience"] { b.patience = distribution(node, at: path + "patience") }
        if let v = share(f["absent_when_called"], at: path + "absent_when_called") { b.absentWhenCalled = v }
        if let v = duration(f["absent_call_time"], at: path + "absent_call_time") { b.absentCallTime = v }
        return b
    }

    static let interventionKeys = ["no_writing", "reservations", "ai_assistant", "backoffice_centre",
                                   "smartphone_helpers", "convenience_store"]

    /// Each intervention is on when its key holds a mapping (`{}` takes the
    /// defaults) and off when absent or null (so an extending scenario can
    /// switch one off with `reservations: null`).
    mutating func interventions(_ node: ScenarioNode?, at path: ScenarioPath) -> Interventions {
        var all = Interventions()
        guard let f = mapping(node, at: path, allowed: Self.interventionKeys) else { return all }
        if let n = f["no_writing"], let g = mapping(n, at: path + "no_writing",
                                                    allowed: ["procedures", "counter_time_factor", "rework_factor"]) {
            var v = NoWriting()
            let p = path + "no_writing"
            if let ids = idList(g["procedures"], at: p + "procedures") { v.procedures = ids }
            if let x = number(g["counter_time_factor"], at: p + "counter_time_factor", bound: .nonNegative) { v.counterTimeFactor = x }
            if let x = number(g["rework_factor"], at: p + "rework_factor", bound: .nonNegative) { v.reworkFactor = x }
            all.noWriting = v
        }
        if let n = f["reservations"], let g = mapping(n, at: path + "reservations",
                                                      allowed: ["slot_length", "slots_per_hour", "lateness", "no_show"]) {
            var v = Reservations()
            let p = path + "reservations"
            if let x = duration(g["slot_length"], at: p + "slot_length") {
                if x > .zero { v.slotLength = x } else { report(g["slot_length"], at: p + "slot_length", "expected a positive duration, got 0") }
            }
            if let x = integer(g["slots_per_hour"], at: p + "slots_per_hour", minimum: 0, maximum: 100_000) { v.slotsPerHour = x }
            if let node = g["lateness"], let d = distribution(node, at: p + "lateness", support: .any) { v.lateness = d }
            if let x = share(g["no_show"], at: p + "no_show") { v.noShow = x }
            all.reservations = v
        }
        if let n = f["ai_assistant"], let g = mapping(n, at: path + "ai_assistant", allowed: ["resolved", "interview_factor"]) {
            var v = AIAssistant()
            let p = path + "ai_assistant"
            if let x = share(g["resolved"], at: p + "resolved") { v.resolved = x }
            if let x = number(g["interview_factor"], at: p + "interview_factor", bound: .nonNegative) { v.interviewFactor = x }
            all.aiAssistant = v
        }
        if let n = f["backoffice_centre"], let g = mapping(n, at: path + "backoffice_centre",
                                                           allowed: ["procedures", "staff", "time_factor"]) {
            var v = BackofficeCentre()
            let p = path + "backoffice_centre"
            if let ids = idList(g["procedures"], at: p + "procedures") { v.procedures = ids }
            if let x = integer(g["staff"], at: p + "staff", minimum: 0, maximum: 100_000) { v.staff = x }
            if let x = number(g["time_factor"], at: p + "time_factor", bound: .nonNegative) { v.timeFactor = x }
            all.backofficeCentre = v
        }
        if let n = f["smartphone_helpers"], let g = mapping(n, at: path + "smartphone_helpers", allowed: ["online_share_increase"]) {
            var v = SmartphoneHelpers()
            if let x = share(g["online_share_increase"], at: path + "smartphone_helpers" + "online_share_increase") {
                v.onlineShareIncrease = x
            }
            all.smartphoneHelpers = v
        }
        if let n = f["convenience_store"], let g = mapping(n, at: path + "convenience_store",
                                                           allowed: ["procedures", "card_ownership", "uptake"]) {
            var v = ConvenienceStoreIssuance()
            let p = path + "convenience_store"
            if let ids = idList(g["procedures"], at: p + "procedures") { v.procedures = ids }
            if let x = share(g["card_ownership"], at: p + "card_ownership") { v.cardOwnership = x }
            if let x = share(g["uptake"], at: p + "uptake") { v.uptake = x }
            all.convenienceStore = v
        }
        return all
    }

    mutating func idList(_ node: ScenarioNode?, at path: ScenarioPath) -> [String]? {
        guard let items = list(node, at: path, what: "a list of procedure ids") else { return nil }
        let ids = items.enumerated().compactMap { identifier($0.element, at: path + $0.offset) }
        return ids.count == items.count ? ids : nil
    }
}
