import SimKernel

/// Writes a resolved `WardScenario` as canonical JSON: every field spelled
/// out (defaults included), keys in schema order, numbers in their shortest
/// exact form, durations with units. The text is itself a valid scenario
/// file (`version: 1`, no `extends:`): loading it gives back the same
/// `WardScenario`, so a run store can keep it, hash it and rerun it years
/// later even if code defaults change.
///
/// ```swift
/// let text = ScenarioCanonical.json(scenario)
/// let again = try ScenarioLoader.load(yaml: text).scenario   // == scenario
/// ```
public enum ScenarioCanonical {
    public static func json(_ s: WardScenario) -> String {
        var out = ""
        write(scenarioValue(s), into: &out, indent: 0)
        out += "\n"
        return out
    }

    /// A JSON value in construction; objects keep insertion order.
    indirect enum Value {
        case string(String)
        case number(String)
        case object([(String, Value)])
        case array([Value])
        case null
    }

    static func num(_ x: Double) -> Value { .number(ScenarioScalars.formatNumber(x)) }
    static func int(_ x: Int) -> Value { .number(String(x)) }
    static func minutes(_ x: Double) -> Value { .string(ScenarioScalars.format(minutes: x)) }
    static func span(_ t: SimTime) -> Value { .string(ScenarioScalars.format(milliseconds: t.milliseconds)) }
    static func clock(_ t: SimTime) -> Value { .string(ScenarioScalars.formatClock(t)) }
    static func strings(_ xs: [String]) -> Value { .array(xs.map(Value.string)) }

    static func scenarioValue(_ s: WardScenario) -> Value {
        let days: String
        switch s.simulation.days {
        case .single(let d): days = d.rawValue
        case .fiscalYear: days = "fiscal_year"
        }
        let c = s.calendar
        func md(_ m: MonthDay) -> Value {
            .string((m.month < 10 ? "0" : "") + "\(m.month)-" + (m.day < 10 ? "0" : "") + "\(m.day)")
        }
        return .object([
            ("version", int(1)),
            ("name", .string(s.name)),
            ("description", .string(s.description)),
            ("simulation", .object([
                ("seed", .number(String(s.simulation.seed))),
                ("replications", int(s.simulation.replications)),
                ("days", .string(days)),
            ])),
            ("calendar", .object([
                ("fiscal_year", int(c.fiscalYear)),
                ("day_factors", .object(DayType.allCases.compactMap { d in c.dayFactors[d].map { (d.rawValue, num($0)) } })),
                ("peak_seasonal_factor", num(c.peakSeasonalFactor)),
                ("peak_start", md(c.peakStart)),
                ("peak_end", md(c.peakEnd)),
            ])),
            ("procedures", .array(s.procedures.map(procedureValue))),
            ("visit_types", .array(s.visitTypes.map { v in
                .object([("id", .string(v.id)), ("procedures", strings(v.procedures)), ("share", num(v.share))])
            })),
            ("offices", .array(s.offices.map(officeValue))),
            ("behaviour", behaviourValue(s.behaviour)),
            ("interventions", interventionsValue(s.interventions)),
        ])
    }

    static func procedureValue(_ p: Procedure) -> Value {
        .object([
            ("id", .string(p.id)),
            ("name", .string(p.name)),
            ("section", .string(p.section)),
            ("stages", .array(p.stages.map { stage in
                var fields: [(String, Value)] = [("kind", .string(stage.kind.rawValue)), ("time", distributionValue(stage.time))]
                if let section = stage.section { fields.append(("section", .string(section))) }
                return .object(fields)
            })),
            ("rework", num(p.rework)),
            ("fee", num(p.fee)),
            ("seasonal", .number(p.seasonal ? "true" : "false")),
            ("channels", .object([
                ("booked", num(p.channels.booked)),
                ("online", num(p.channels.online)),
                ("convenience_store", num(p.channels.convenienceStore)),
                ("ai_assistant", num(p.channels.aiAssistant)),
            ])),
            ("online_work", p.onlineWork.map(distributionValue) ?? .null),
        ])
    }

    static func officeValue(_ o: Office) -> Value {
        .object([
            ("name", .string(o.name)),
            ("population", int(o.population)),
            ("visits_per_day", num(o.visitsPerDay)),
            ("opens", clock(o.opens)),
            ("doors_close", clock(o.doorsClose)),
            ("hourly_profile", .array(o.hourlyProfile.map(num))),
            ("group_size", .array(o.groupSize.map(num))),
            ("lobby_seats", int(o.lobbySeats)),
            ("travel_time", span(o.travelTime)),
            ("sections", .array(o.sections.map { s in
                .object([
                    ("id", .string(s.id)),
                    ("name", .string(s.name)),
                    ("counters", int(s.counters)),
                    ("discipline", .string(s.discipline.rawValue)),
                    ("booked_counters", int(s.bookedCounters)),
                    ("staff", .array(s.staff.map(staffValue))),
                    ("backoffice_staff", .array(s.backofficeStaff.map(staffValue))),
                ])
            })),
        ])
    }

    static func staffValue(_ g: StaffGroup) -> Value {
        .object([
            ("name", .string(g.name)),
            ("count", int(g.count)),
            ("skills", strings(g.skills)),
            ("shifts", .array(g.shifts.map { .string("\(ScenarioScalars.formatClock($0.from))-\(ScenarioScalars.formatClock($0.to))") })),
            ("day_types", strings(g.dayTypes.map(\.rawValue))),
        ])
    }

    static func behaviourValue(_ b: Behaviour) -> Value {
        .object([
            ("balk_threshold", int(b.balkThreshold)),
            ("balk_probability", num(b.balkProbability)),
            ("patience", b.patience.map(distributionValue) ?? .null),
            ("absent_when_called", num(b.absentWhenCalled)),
            ("absent_call_time", span(b.absentCallTime)),
        ])
    }

    static func interventionsValue(_ i: Interventions) -> Value {
        .object([
            ("no_writing", i.noWriting.map { v in .object([
                ("procedures", strings(v.procedures)),
                ("counter_time_factor", num(v.counterTimeFactor)),
                ("rework_factor", num(v.reworkFactor)),
            ]) } ?? .null),
            ("reservations", i.reservations.map { v in .object([
                ("slot_length", span(v.slotLength)),
                ("slots_per_hour", int(v.slotsPerHour)),
                ("lateness", distributionValue(v.lateness)),
                ("no_show", num(v.noShow)),
            ]) } ?? .null),
            ("ai_assistant", i.aiAssistant.map { v in .object([
                ("resolved", num(v.resolved)),
                ("interview_factor", num(v.interviewFactor)),
            ]) } ?? .null),
            ("backoffice_centre", i.backofficeCentre.map { v in .object([
                ("procedures", strings(v.procedures)),
                ("staff", int(v.staff)),
                ("time_factor", num(v.timeFactor)),
            ]) } ?? .null),
            ("smartphone_helpers", i.smartphoneHelpers.map { v in .object([
                ("online_share_increase", num(v.onlineShareIncrease)),
            ]) } ?? .null),
            ("convenience_store", i.convenienceStore.map { v in .object([
                ("procedures", strings(v.procedures)),
                ("card_ownership", num(v.cardOwnership)),
                ("uptake", num(v.uptake)),
            ]) } ?? .null),
        ])
    }

    static func distributionValue(_ d: Distribution) -> Value {
        switch d {
        case .fixed(let v): return .object([("fixed", minutes(v))])
        case .exponential(let m): return .object([("exponential", .object([("mean", minutes(m))]))])
        case .uniform(let a, let b): return .object([("uniform", .array([minutes(a), minutes(b)]))])
        case .lognormal(let m, let sd): return .object([("lognormal", .object([("mean", minutes(m)), ("sd", minutes(sd))]))])
        case .gamma(let m, let sd): return .object([("gamma", .object([("mean", minutes(m)), ("sd", minutes(sd))]))])
        case .erlang(let k, let m): return .object([("erlang", .object([("phases", int(k)), ("mean", minutes(m))]))])
        case .triangular(let a, let c, let b): return .object([("triangular", .array([minutes(a), minutes(c), minutes(b)]))])
        case .empirical(let e): return .object([("empirical", .array(e.sortedValues.map(minutes)))])
        case .mixture(let m):
            // Weights are written as the component probabilities.
            return .object([("mixture", .array(m.components.enumerated().map { i, component in
                guard case .object(let fields) = distributionValue(component) else { return .null }
                return .object([("weight", num(m.choice.probability(of: i)))] + fields)
            }))])
        }
    }

    // MARK: Writing

    static func write(_ value: Value, into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .string(let s): writeString(s, into: &out)
        case .number(let n): out += n
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(isScalar) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    write(item, into: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad + "  "
                write(item, into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += pad + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, item)) in fields.enumerated() {
                out += pad + "  "
                writeString(key, into: &out)
                out += ": "
                write(item, into: &out, indent: indent + 1)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += pad + "}"
        }
    }

    static func isScalar(_ v: Value) -> Bool {
        switch v {
        case .string, .number, .null: return true
        case .object, .array: return false
        }
    }

    /// JSON string escaping (also valid YAML double-quoted text).
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
