import SimKernel

/// One thing wrong (or doubtful) in a resolved scenario, located by a key
/// path into the resolved values, e.g. `offices[0].sections[1].staff` or
/// `procedures[2].stages[1].section`. Indices are positions in the arrays of
/// `WardScenario` (the order of the YAML lists), so the loader can map a
/// path back to a file and line.
public struct ScenarioProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(_ path: String, _ message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// The scenario's parts do not fit together: unknown ids, shares above 1,
/// sections nobody staffs… Every problem found is listed, not just the first.
public struct ScenarioReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [ScenarioProblem]
    public init(problems: [ScenarioProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension WardScenario {
    /// Checks what only the whole scenario can tell: that every id refers to
    /// something, shares add up, every section that citizens reach is staffed
    /// and someone is on duty at closing to serve the lobby.
    ///
    /// Throws `ScenarioReferenceError` listing every error; returns warnings
    /// (doubtful but runnable settings, such as a booked share without
    /// reservation settings, for which defaults are used).
    ///
    /// ```swift
    /// let warnings = try scenario.validateReferences()
    /// for w in warnings { print("warning: \(w)") }
    /// ```
    ///
    /// Complexity: O(offices × procedures × stages × staff groups).
    @discardableResult
    public func validateReferences() throws(ScenarioReferenceError) -> [ScenarioProblem] {
        var v = ReferenceValidator(self)
        v.run()
        if !v.errors.isEmpty { throw ScenarioReferenceError(problems: v.errors) }
        return v.warnings
    }
}

struct ReferenceValidator {
    let s: WardScenario
    var errors: [ScenarioProblem] = []
    var warnings: [ScenarioProblem] = []
    let procedureIndex: [String: Int]

    init(_ s: WardScenario) {
        self.s = s
        var index: [String: Int] = [:]
        for (i, p) in s.procedures.enumerated() where index[p.id] == nil { index[p.id] = i }
        procedureIndex = index
    }

    mutating func error(_ path: String, _ message: String) { errors.append(ScenarioProblem(path, message)) }
    mutating func warn(_ path: String, _ message: String) { warnings.append(ScenarioProblem(path, message)) }

    func fmt(_ x: Double) -> String {
        let r = (x * 10_000).rounded() / 10_000
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    mutating func run() {
        checkSettings()
        checkProcedures()
        checkVisitTypes()
        checkOffices()
        checkBehaviourAndInterventions()
    }

    mutating func checkSettings() {
        if s.simulation.replications < 1 { error("simulation.replications", "must be at least 1 (got \(s.simulation.replications))") }
        let c = s.calendar
        if !JapaneseHolidays.supportedYears.contains(c.fiscalYear) || !JapaneseHolidays.supportedYears.contains(c.fiscalYear + 1) {
            error("calendar.fiscalYear", "holiday rules are known for fiscal years \(JapaneseHolidays.supportedYears.lowerBound)–\(JapaneseHolidays.supportedYears.upperBound - 1) (got \(c.fiscalYear))")
        }
        for (key, md) in [("peakStart", c.peakStart), ("peakEnd", c.peakEnd)]
        where !CivilDate(2024, md.month, md.day).isValid {
            error("calendar.\(key)", "not a date (month \(md.month), day \(md.day))")
        }
        for t in DayType.allCases {
            if let f = c.dayFactors[t] {
                if !(f.isFinite && f >= 0) { error("calendar.dayFactors.\(t.rawValue)", "must be a finite number ≥ 0 (got \(f))") }
            } else {
                warn("calendar.dayFactors.\(t.rawValue)", "missing; 1 is used")
            }
        }
        if !(c.peakSeasonalFactor.isFinite && c.peakSeasonalFactor >= 0) {
            error("calendar.peakSeasonalFactor", "must be a finite number ≥ 0 (got \(c.peakSeasonalFactor))")
        }
    }

    mutating func checkDistribution(_ d: Distribution, _ path: String, allowNegative: Bool = false) {
        let m = d.mean, v = d.variance
        if !(m.isFinite && v.isFinite && v >= 0) || (!allowNegative && m < 0) {
            error(path, "distribution must have a finite\(allowNegative ? "" : ", non-negative") mean and finite variance (got mean \(m), variance \(v))")
        }
    }

    mutating func checkShare(_ x: Double, _ path: String) {
        if !(x.isFinite && x >= 0 && x <= 1) { error(path, "must be a share between 0 and 1 (got \(x))") }
    }

    mutating func checkProcedures() {
        if s.procedures.isEmpty { error("procedures", "at least one procedure is needed") }
        var seen: Set<String> = []
        for (i, p) in s.procedures.enumerated() {
            let path = "procedures[\(i)]"
            if !seen.insert(p.id).inserted { error("\(path).id", "duplicate procedure id '\(p.id)'") }
            if p.stages.isEmpty { error("\(path).stages", "procedure '\(p.id)' has no stages") }
            if p.stages.count > 64 { error("\(path).stages", "at most 64 stages per procedure (got \(p.stages.count))") }
            for (j, st) in p.stages.enumerated() {
                checkDistribution(st.time, "\(path).stages[\(j)].time")
                if st.kind == .write, st.section != nil {
                    warn("\(path).stages[\(j)].section", "a write stage needs no section; ignored")
                }
            }
            if !(p.rework.isFinite && p.rework >= 0 && p.rework < 1) { error("\(path).rework", "must be a share in [0, 1) (got \(p.rework))") }
            if p.rework > 0, !p.stages.contains(where: { $0.kind == .counter }) {
                warn("\(path).rework", "procedure '\(p.id)' has no counter stage where a form could come back; rework ignored")
            }
            if !(p.fee.isFinite && p.fee >= 0) { error("\(path).fee", "must be ≥ 0 yen (got \(p.fee))") }
            if let w = p.onlineWork { checkDistribution(w, "\(path).onlineWork") }
            let c = p.channels
            for (name, x) in [("booked", c.booked), ("online", c.online), ("convenienceStore", c.convenienceStore), ("aiAssistant", c.aiAssistant)] {
                checkShare(x, "\(path).channels.\(name)")
            }
            let shares = CompiledScenario.effectiveShares(p, s.interventions)
            if shares.total > 1 + 1e-9 {
                error("\(path).channels", "channel shares of '\(p.id)' add up to \(fmt(shares.total)) after interventions; at most 1 (walk-in is the rest)")
            }
            if c.booked > 0, s.interventions.reservations == nil {
                warn("\(path).channels.booked", "booked share without interventions.reservations: default slot settings are used")
            }
            if c.booked > 0, !s.offices.contains(where: { $0.sections.contains { $0.discipline == .bookedFirst || $0.bookedCounters > 0 } }) {
                warn("\(path).channels.booked", "no section gives booked citizens priority (discipline booked_first) or dedicated counters: they only arrive at their slot and queue like everyone else")
            }
            if c.aiAssistant > 0, s.interventions.aiAssistant == nil {
                warn("\(path).channels.aiAssistant", "AI share without interventions.aiAssistant: default resolution and interview factor are used")
            }
        }
    }

    mutating func checkVisitTypes() {
        if s.visitTypes.isEmpty { error("visitTypes", "at least one visit type is needed") }
        var seen: Set<String> = []
        var total = 0.0
        for (i, v) in s.visitTypes.enumerated() {
            let path = "visitTypes[\(i)]"
            if !seen.insert(v.id).inserted { error("\(path).id", "duplicate visit type id '\(v.id)'") }
            if v.procedures.isEmpty { error("\(path).procedures", "visit type '\(v.id)' has no procedures") }
            if v.procedures.count > 32 { error("\(path).procedures", "at most 32 procedures per visit (got \(v.procedures.count))") }
            for (j, p) in v.procedures.enumerated() where procedureIndex[p] == nil {
                error("\(path).procedures[\(j)]", "unknown procedure '\(p)'\(suggestion(p, Array(procedureIndex.keys)))")
            }
            checkShare(v.share, "\(path).share")
            total += v.share
        }
        if !s.visitTypes.isEmpty, abs(total - 1) > 1e-6 {
            error("visitTypes", "visit type shares add up to \(fmt(total)); they must add up to 1")
        }
    }

    /// Procedures that some visit type brings to the office.
    var reachableProcedures: [Int] {
        var seen = Set<Int>()
        var out: [Int] = []
        for v in s.visitTypes where v.share > 0 {
            for p in v.procedures { if let i = procedureIndex[p], seen.insert(i).inserted { out.append(i) } }
        }
        return out.sorted()
    }

    mutating func checkOffices() {
        if s.offices.isEmpty { error("offices", "at least one office is needed") }
        var names: Set<String> = []
        for (o, office) in s.offices.enumerated() {
            let path = "offices[\(o)]"
            if !names.insert(office.name).inserted { error("\(path).name", "duplicate office name '\(office.name)'") }
            if !(office.visitsPerDay.isFinite && office.visitsPerDay >= 0) { error("\(path).visitsPerDay", "must be ≥ 0 (got \(office.visitsPerDay))") }
            if office.population < 0 { error("\(path).population", "must be ≥ 0 (got \(office.population))") }
            if office.opens >= office.doorsClose { error("\(path).doorsClose", "doors close (\(office.doorsClose)) must be after opening (\(office.opens))") }
            if office.hourlyProfile.isEmpty || office.hourlyProfile.contains(where: { !($0.isFinite && $0 >= 0) })
                || !(office.hourlyProfile.reduce(0, +) > 0) {
                error("\(path).hourlyProfile", "needs at least one share, all ≥ 0 and not all 0")
            } else {
                let openHours = Int(((office.doorsClose - office.opens).hours).rounded(.up))
                if office.hourlyProfile.count > openHours {
                    let dropped = office.hourlyProfile[openHours...].reduce(0, +)
                    if dropped > 0 {
                        warn("\(path).hourlyProfile", "\(office.hourlyProfile.count) hourly shares but the doors are open \(openHours) (part) hours; shares after closing are ignored")
                    }
                }
            }
            if office.groupSize.isEmpty || office.groupSize.contains(where: { !($0.isFinite && $0 >= 0) })
                || !(office.groupSize.reduce(0, +) > 0) {
                error("\(path).groupSize", "needs probabilities of 1, 2, … people, all ≥ 0 and not all 0")
            }
            if office.lobbySeats < 0 { error("\(path).lobbySeats", "must be ≥ 0 (got \(office.lobbySeats))") }
            if office.travelTime < .zero { error("\(path).travelTime", "must not be negative") }
            checkSections(office, path)
            checkCoverage(office, path)
        }
    }

    mutating func checkGroups(_ groups: [StaffGroup], _ path: String, section: Section, office: Office) {
        for (g, group) in groups.enumerated() {
            let gp = "\(path)[\(g)]"
            if group.count < 0 { error("\(gp).count", "must be ≥ 0 (got \(group.count))") }
            for (k, sk) in group.skills.enumerated() where procedureIndex[sk] == nil {
                error("\(gp).skills[\(k)]", "unknown procedure '\(sk)'\(suggestion(sk, Array(procedureIndex.keys)))")
            }
            for (k, sh) in group.shifts.enumerated() {
                if sh.from >= sh.to { error("\(gp).shifts[\(k)]", "shift must end after it starts (\(sh.from)–\(sh.to))") }
                if sh.from < .zero { error("\(gp).shifts[\(k)].from", "must not be negative") }
            }
            let sorted = group.shifts.sorted { $0.from < $1.from }
            for k in sorted.indices.dropFirst() where sorted[k].from < sorted[k - 1].to {
                error("\(gp).shifts", "shifts of '\(group.name)' overlap (\(sorted[k - 1].from)–\(sorted[k - 1].to) and \(sorted[k].from)–\(sorted[k].to))")
            }
        }
    }

    mutating func checkSections(_ office: Office, _ path: String) {
        var ids: Set<String> = []
        for (i, sec) in office.sections.enumerated() {
            let sp = "\(path).sections[\(i)]"
            if !ids.insert(sec.id).inserted { error("\(sp).id", "duplicate section id '\(sec.id)' in office '\(office.name)'") }
            if sec.counters < 0 { error("\(sp).counters", "must be ≥ 0 (got \(sec.counters))") }
            if sec.bookedCounters < 0 || sec.bookedCounters > sec.counters {
                error("\(sp).bookedCounters", "must be between 0 and the \(sec.counters) counters (got \(sec.bookedCounters))")
            }
            checkGroups(sec.staff, "\(sp).staff", section: sec, office: office)
            checkGroups(sec.backofficeStaff, "\(sp).backofficeStaff", section: sec, office: office)
            let staffHours = sec.staff.reduce(0.0) { acc, g in acc + Double(max(g.count, 0)) * g.shifts.reduce(0.0) { $0 + ($1.to - $1.from).hours } }
            if sec.counters > 0, staffHours <= 0 {
                error("\(sp).staff", "section '\(sec.id)' has \(sec.counters) counters but no staff hours")
            }
            if sec.counters == 0, staffHours > 0 {
                error("\(sp).counters", "section '\(sec.id)' has counter staff but no counters")
            }
        }
    }

    /// Every counter/issue/back-office stage of a procedure citizens bring must
    /// find a section, a counter and someone with the skill on duty when the
    /// doors close (otherwise the lobby could never be emptied).
    mutating func checkCoverage(_ office: Office, _ path: String) {
        var sectionIndex: [String: Int] = [:]
        for (i, sec) in office.sections.enumerated() where sectionIndex[sec.id] == nil { sectionIndex[sec.id] = i }
        let centre = s.interventions.backofficeCentre
        for p in reachableProcedures {
            let proc = s.procedures[p]
            for (j, st) in proc.stages.enumerated() where st.kind != .write {
                let sid = st.section ?? proc.section
                let keyPath = st.section == nil ? "procedures[\(p)].section" : "procedures[\(p)].stages[\(j)].section"
                guard let si = sectionIndex[sid] else {
                    error(keyPath, "office '\(office.name)' has no section '\(sid)' (procedure '\(proc.id)')\(suggestion(sid, Array(sectionIndex.keys)))")
                    continue
                }
                let sec = office.sections[si]
                let sp = "\(path).sections[\(si)]"
                if st.kind == .backoffice {
                    if let centre, centre.procedures.isEmpty || centre.procedures.contains(proc.id) { continue }
                    checkClosingCover(sec.backofficeStaff, proc, office, "\(sp).backofficeStaff", what: "back-office work of")
                } else {
                    if sec.counters - sec.bookedCounters < 1 {
                        error("\(sp).counters", "section '\(sec.id)' has no counter for walk-in citizens of '\(proc.id)'")
                    }
                    checkClosingCover(sec.staff, proc, office, "\(sp).staff", what: "")
                }
            }
        }
    }

    mutating func checkClosingCover(_ groups: [StaffGroup], _ proc: Procedure, _ office: Office, _ path: String, what: String) {
        for day in DayType.allCases {
            let ok = groups.contains { g in
                g.count > 0 && (g.skills.isEmpty || g.skills.contains(proc.id))
                    && (g.dayTypes.isEmpty || g.dayTypes.contains(day))
                    && g.shifts.contains { $0.from < office.doorsClose && $0.to >= office.doorsClose }
            }
            if !ok {
                let subject = what.isEmpty ? "'\(proc.id)'" : "\(what) '\(proc.id)'"
                error(path, "nobody can serve \(subject) when the doors close at \(office.doorsClose) on \(day.rawValue) days: citizens still in the lobby would never be served")
                return
            }
        }
    }

    mutating func checkBehaviourAndInterventions() {
        let b = s.behaviour
        if b.balkThreshold < 0 { error("behaviour.balkThreshold", "must be ≥ 0 (got \(b.balkThreshold))") }
        checkShare(b.balkProbability, "behaviour.balkProbability")
        if let p = b.patience { checkDistribution(p, "behaviour.patience") }
        if !(b.absentWhenCalled.isFinite && b.absentWhenCalled >= 0 && b.absentWhenCalled < 1) {
            error("behaviour.absentWhenCalled", "must be a share in [0, 1) (got \(b.absentWhenCalled))")
        }
        if b.absentCallTime < .zero { error("behaviour.absentCallTime", "must not be negative") }
        let iv = s.interventions
        if let nw = iv.noWriting {
            checkProcedureList(nw.procedures, "interventions.noWriting.procedures")
            if !(nw.counterTimeFactor.isFinite && nw.counterTimeFactor > 0) { error("interventions.noWriting.counterTimeFactor", "must be > 0 (got \(nw.counterTimeFactor))") }
            if !(nw.reworkFactor.isFinite && nw.reworkFactor >= 0) { error("interventions.noWriting.reworkFactor", "must be ≥ 0 (got \(nw.reworkFactor))") }
        }
        if let r = iv.reservations {
            if r.slotLength <= .zero { error("interventions.reservations.slotLength", "must be positive") }
            if r.slotsPerHour < 1 { error("interventions.reservations.slotsPerHour", "must be at least 1 (got \(r.slotsPerHour))") }
            checkDistribution(r.lateness, "interventions.reservations.lateness", allowNegative: true)
            checkShare(r.noShow, "interventions.reservations.noShow")
        }
        if let a = iv.aiAssistant {
            checkShare(a.resolved, "interventions.aiAssistant.resolved")
            if !(a.interviewFactor.isFinite && a.interviewFactor > 0) { error("interventions.aiAssistant.interviewFactor", "must be > 0 (got \(a.interviewFactor))") }
        }
        if let c = iv.backofficeCentre {
            checkProcedureList(c.procedures, "interventions.backofficeCentre.procedures")
            if c.staff < 1 { error("interventions.backofficeCentre.staff", "must be at least 1 (got \(c.staff))") }
            if !(c.timeFactor.isFinite && c.timeFactor > 0) { error("interventions.backofficeCentre.timeFactor", "must be > 0 (got \(c.timeFactor))") }
        }
        if let h = iv.smartphoneHelpers { checkShare(h.onlineShareIncrease, "interventions.smartphoneHelpers.onlineShareIncrease") }
        if let cs = iv.convenienceStore {
            checkProcedureList(cs.procedures, "interventions.convenienceStore.procedures")
            checkShare(cs.cardOwnership, "interventions.convenienceStore.cardOwnership")
            checkShare(cs.uptake, "interventions.convenienceStore.uptake")
        }
    }

    mutating func checkProcedureList(_ ids: [String], _ path: String) {
        for (k, id) in ids.enumerated() where procedureIndex[id] == nil {
            error("\(path)[\(k)]", "unknown procedure '\(id)'\(suggestion(id, Array(procedureIndex.keys)))")
        }
    }

    /// ", did you mean 'move_in'?" for a near miss (edit distance ≤ 2).
    func suggestion(_ word: String, _ candidates: [String]) -> String {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var prev = row[0]; row[0] = i
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    let cur = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                    prev = cur
                }
            }
            return row[b.count]
        }
        let w = Array(word)
        let best = candidates.map { ($0, distance(w, Array($0))) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        if let best, best.1 <= 2 { return ", did you mean '\(best.0)'?" }
        return ""
    }
}
