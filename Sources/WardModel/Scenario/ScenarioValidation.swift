import SimKernel

// Model-level checks on a typed scenario: references between parts, shares
// that must add up, rosters that must cover opening hours. Problems are
// reported at the key path (and line) of the value responsible.

extension ScenarioDecoder {
    /// Checks `scenario` (decoded from `root` without problems, so list
    /// indices in both agree) and returns it with the hourly profiles
    /// normalised to sum 1.
    mutating func validate(_ scenario: WardScenario, root: ScenarioNode) -> WardScenario {
        var s = scenario
        // A problem with a whole list or mapping points at its key; with a value, at the value.
        func fail(_ path: ScenarioPath, _ message: String) {
            let node = root.node(at: path) ?? root
            let origin = node.scalarText == nil ? root.keyOrigin(at: path) : nil
            report(node, at: path, message, origin: origin)
        }
        let top = ScenarioPath.root
        let procedureIDs = Set(s.procedures.map(\.id))
        let known = s.procedures.map(\.id).joined(separator: ", ")

        func checkUnique(_ ids: [String], _ path: ScenarioPath, key: String, what: String) {
            var seen: [String: Int] = [:]
            for (i, id) in ids.enumerated() {
                if let first = seen[id] { fail(path + i + key, "duplicate \(what) `\(id)` (also \(path + first))") }
                else { seen[id] = i }
            }
        }
        func checkProcedureIDs(_ ids: [String], _ path: ScenarioPath) {
            for (i, id) in ids.enumerated() where !procedureIDs.contains(id) {
                fail(path + i, "no procedure has id `\(id)` (procedures: \(known))")
            }
        }

        // Procedures.
        checkUnique(s.procedures.map(\.id), top + "procedures", key: "id", what: "procedure id")
        for (i, p) in s.procedures.enumerated() {
            let path = top + "procedures" + i
            if p.stages.isEmpty { fail(path + "stages", "a procedure needs at least one stage") }
            if p.rework >= 1 { fail(path + "rework", "rework must be below 100% (every form coming back would loop forever)") }
            let c = p.channels
            let sum = c.booked + c.online + c.convenienceStore + c.aiAssistant
            if sum > 1 + 1e-9 {
                fail(path + "channels", "channel shares add up to \(percent(sum)), more than 100% (walk-in is what is left)")
            }
            let effective = s.effectiveChannels(of: p)
            if sum <= 1 + 1e-9, effective.walkIn < -1e-9 {
                fail(top + "interventions", "with the interventions, procedure `\(p.id)`'s channel shares add up to \(percent(1 - effective.walkIn)), more than 100%")
            }
        }

        // Visit types.
        checkUnique(s.visitTypes.map(\.id), top + "visit_types", key: "id", what: "visit type id")
        var shareSum = 0.0
        for (i, v) in s.visitTypes.enumerated() {
            let path = top + "visit_types" + i
            shareSum += v.share
            if v.procedures.isEmpty { fail(path + "procedures", "a visit type needs at least one procedure") }
            checkProcedureIDs(v.procedures, path + "procedures")
            if Set(v.procedures).count != v.procedures.count { fail(path + "procedures", "a procedure is listed twice") }
        }
        if !s.visitTypes.isEmpty, abs(shareSum - 1) > 1e-6 {
            fail(top + "visit_types", "visit-type shares add up to \(percent(shareSum)); they must add up to 100%")
        }
        let visited = Set(s.visitTypes.filter { $0.share > 0 }.flatMap(\.procedures))

        // Offices.
        if s.offices.isEmpty { fail(top + "offices", "a scenario needs at least one office") }
        checkUnique(s.offices.map(\.name), top + "offices", key: "name", what: "office name")
        for (o, office) in s.offices.enumerated() {
            let path = top + "offices" + o
            let open = "\(ScenarioScalars.formatClock(office.opens))–\(ScenarioScalars.formatClock(office.doorsClose))"
            if office.opens >= office.doorsClose {
                fail(path + "doors_close", "doors must close after they open (\(open))")
            }
            let hoursOpen = max(0, Int(((office.doorsClose - office.opens).hours).rounded(.up)))
            let profile = office.hourlyProfile
            let profileSum = profile.reduce(0, +)
            if profile.isEmpty || profileSum <= 0 {
                fail(path + "hourly_profile", "the hourly profile needs at least one positive entry")
            } else {
                if profile.count > hoursOpen, office.opens < office.doorsClose {
                    fail(path + "hourly_profile", "the hourly profile has \(profile.count) entries but the doors are open \(open), \(hoursOpen) hours started")
                }
                // Already-normalised profiles (a stored canonical text) stay bit-identical.
                if abs(profileSum - 1) > 1e-9 { s.offices[o].hourlyProfile = profile.map { $0 / profileSum } }
            }
            if office.groupSize.isEmpty {
                fail(path + "group_size", "group sizes need at least one share (the share of people coming alone)")
            } else if abs(office.groupSize.reduce(0, +) - 1) > 1e-6 {
                fail(path + "group_size", "group-size shares add up to \(percent(office.groupSize.reduce(0, +))); they must add up to 100%")
            }
            checkUnique(office.sections.map(\.id), path + "sections", key: "id", what: "section id")
            let sectionIDs = office.sections.map(\.id)
            func sectionExists(_ id: String, _ refPath: ScenarioPath) {
                if !sectionIDs.contains(id) {
                    fail(refPath, "office \(office.name) has no section `\(id)` (it has: \(sectionIDs.joined(separator: ", ")))")
                }
            }
            for (i, p) in s.procedures.enumerated() {
                sectionExists(p.section, top + "procedures" + i + "section")
                for (j, stage) in p.stages.enumerated() {
                    if let sec = stage.section { sectionExists(sec, top + "procedures" + i + "stages" + j + "section") }
                }
            }
            for (k, section) in office.sections.enumerated() {
                let spath = path + "sections" + k
                if section.bookedCounters > section.counters {
                    fail(spath + "booked_counters", "booked counters (\(section.bookedCounters)) cannot exceed counters (\(section.counters))")
                }
                for (key, groups) in [("staff", section.staff), ("backoffice_staff", section.backofficeStaff)] {
                    checkUnique(groups.map(\.name), spath + key, key: "name", what: "staff group name")
                    for (g, group) in groups.enumerated() {
                        checkProcedureIDs(group.skills, spath + key + g + "skills")
                        let shifts = group.shifts.sorted { $0.from < $1.from }
                        for (a, b) in zip(shifts, shifts.dropFirst()) where b.from < a.to {
                            fail(spath + key + g + "shifts", "shifts \(shiftText(a)) and \(shiftText(b)) overlap")
                        }
                        if group.shifts.isEmpty, group.count > 0 {
                            fail(spath + key + g + "shifts", "staff need at least one shift")
                        }
                    }
                }
                if section.counters > 0, office.opens < office.doorsClose {
                    let gaps = uncovered(office.opens, office.doorsClose, by: section.staff.filter { $0.count > 0 }.flatMap(\.shifts))
                    if !gaps.isEmpty {
                        let text = gaps.map(shiftText).joined(separator: ", ")
                        fail(spath + "staff", "section \(section.id) has \(section.counters) counters but no staff on duty \(text) while the doors are open (\(open))")
                    }
                }
            }
            // Who serves each procedure's counter work.
            for (i, p) in s.procedures.enumerated() where visited.contains(p.id) {
                let sections = Set(p.stages.filter { $0.kind == .counter || $0.kind == .issue }.map { $0.section ?? p.section })
                for sid in sections.sorted() {
                    guard let section = office.sections.first(where: { $0.id == sid }) else { continue }
                    let able = section.staff.contains { $0.count > 0 && ($0.skills.isEmpty || $0.skills.contains(p.id)) }
                    if !able {
                        fail(top + "procedures" + i, "no staff in section \(sid) of office \(office.name) can serve procedure `\(p.id)` (check the staff skills)")
                    }
                    if section.counters == 0 {
                        fail(top + "procedures" + i, "procedure `\(p.id)` needs a counter in section \(sid) of office \(office.name), which has none")
                    }
                }
            }
        }

        // Interventions.
        let ipath = top + "interventions"
        if let v = s.interventions.noWriting { checkProcedureIDs(v.procedures, ipath + "no_writing" + "procedures") }
        if let v = s.interventions.backofficeCentre { checkProcedureIDs(v.procedures, ipath + "backoffice_centre" + "procedures") }
        if let v = s.interventions.convenienceStore { checkProcedureIDs(v.procedures, ipath + "convenience_store" + "procedures") }
        return s
    }

    private func percent(_ x: Double) -> String {
        let p = (x * 1000).rounded() / 10
        return "\(ScenarioScalars.formatNumber(p))%"
    }

    private func shiftText(_ s: Shift) -> String {
        "\(ScenarioScalars.formatClock(s.from))-\(ScenarioScalars.formatClock(s.to))"
    }

    /// Parts of [from, to) covered by none of the shifts. O(n log n).
    private func uncovered(_ from: SimTime, _ to: SimTime, by shifts: [Shift]) -> [Shift] {
        var gaps: [Shift] = []
        var cursor = from
        for shift in shifts.sorted(by: { $0.from < $1.from }) {
            if shift.to <= cursor { continue }
            if shift.from >= to { break }
            if shift.from > cursor { gaps.append(Shift(from: cursor, to: shift.from)) }
            cursor = max(cursor, shift.to)
            if cursor >= to { break }
        }
        if cursor < to { gaps.append(Shift(from: cursor, to: to)) }
        return gaps
    }
}

extension ScenarioNode {
    /// Where the key of the last path component was written, if it is a key.
    func keyOrigin(at path: ScenarioPath) -> ScenarioOrigin? {
        guard case .key(let key)? = path.components.last,
              let parent = node(at: ScenarioPath(components: Array(path.components.dropLast()))) else { return nil }
        return parent.entries?.first(where: { $0.key == key })?.keyOrigin
    }

    /// The node at a path, if there is one.
    func node(at path: ScenarioPath) -> ScenarioNode? {
        var node = self
        for component in path.components {
            switch component {
            case .key(let key):
                guard let next = node.value(key) else { return nil }
                node = next
            case .index(let i):
                guard let items = node.items, items.indices.contains(i) else { return nil }
                node = items[i]
            }
        }
        return node
    }
}
