import Foundation

/// What a report needs to know about a scenario beyond its KPIs, read from
/// the resolved scenario a run stores (`RunRecord.scenarioText`, canonical
/// JSON): display names of sections, seats, the reforms switched on, and the
/// opening comment with the parameter ids it cites.
///
/// Reading is forgiving: a text that is not the expected JSON (an older
/// store, a hand-made test run) gives empty facts, never an error — the
/// report then shows section ids and leaves the assumptions table blank.
///
/// ```swift
/// let facts = ScenarioFacts(json: record.scenarioText, dayRange: record.dayRange)
/// facts.sectionName["citizen"]   // "市民課"
/// facts.sources                  // ["A5", "B12", "C3", …]
/// ```
public struct ScenarioFacts: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        /// `office/section id`, as KPI scope names spell it.
        public var scope: String
        public var office: String
        public var id: String
        public var name: String
        public var counters: Int
        /// Counter and back-office staff working on the run's day type.
        public var counterStaff: Int
        public var backofficeStaff: Int
    }

    /// The opening comment of the scenario file (or its `description:`).
    public var description: String
    /// Parameter ids (A5, B12, …) cited in the description, in order of
    /// letter then number.
    public var sources: [String]
    public var offices: [String]
    public var sections: [Section]
    /// Section display names by section id (first office that names it).
    public var sectionName: [String: String]
    /// Lobby seats summed over the offices; nil if unknown.
    public var lobbySeats: Int?
    /// Planned visits per ordinary day, summed over offices.
    public var visitsPerDay: Double?
    /// Reforms switched on (keys of `interventions` that are not null).
    public var interventions: [String]
    /// The back-office centre's staff, if there is one.
    public var centreStaff: Int?

    public init(description: String = "", sources: [String] = [], offices: [String] = [], sections: [Section] = [],
                lobbySeats: Int? = nil, visitsPerDay: Double? = nil, interventions: [String] = [], centreStaff: Int? = nil) {
        self.description = description
        self.sources = sources
        self.offices = offices
        self.sections = sections
        self.sectionName = [:]
        for s in sections where sectionName[s.id] == nil { sectionName[s.id] = s.name }
        self.lobbySeats = lobbySeats
        self.visitsPerDay = visitsPerDay
        self.interventions = interventions
        self.centreStaff = centreStaff
    }

    /// Parses the stored canonical JSON. `dayRange` ("ordinary", "peak",
    /// "year", …) decides which `day_types`-restricted staff count.
    /// O(size of the text).
    public init(json text: String, dayRange: String) {
        guard let data = text.data(using: .utf8),
              let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            self.init()
            return
        }
        let description = root["description"] as? String ?? ""
        var offices: [String] = []
        var sections: [Section] = []
        var seats = 0, seatsKnown = false
        var visits = 0.0, visitsKnown = false
        func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }
        func staffCount(_ any: Any?) -> Int {
            var total = 0
            for group in any as? [[String: Any]] ?? [] {
                let days = group["day_types"] as? [String] ?? []
                if days.isEmpty || days.contains(dayRange) { total += Int(number(group["count"]) ?? 0) }
            }
            return total
        }
        for office in root["offices"] as? [[String: Any]] ?? [] {
            let name = office["name"] as? String ?? ""
            offices.append(name)
            if let s = number(office["lobby_seats"]) { seats += Int(s); seatsKnown = true }
            if let v = number(office["visits_per_day"]) { visits += v; visitsKnown = true }
            for section in office["sections"] as? [[String: Any]] ?? [] {
                let id = section["id"] as? String ?? ""
                sections.append(Section(
                    scope: name + "/" + id, office: name, id: id, name: section["name"] as? String ?? id,
                    counters: Int(number(section["counters"]) ?? 0),
                    counterStaff: staffCount(section["staff"]), backofficeStaff: staffCount(section["backoffice_staff"])))
            }
        }
        var interventions: [String] = []
        var centre: Int? = nil
        if let all = root["interventions"] as? [String: Any] {
            // JSONSerialization loses key order: sort for a stable page.
            for (key, value) in all.sorted(by: { $0.key < $1.key }) where !(value is NSNull) {
                interventions.append(key)
                if key == "backoffice_centre", let c = (value as? [String: Any])?["staff"] { centre = number(c).map { Int($0) } }
            }
        }
        self.init(description: description, sources: Self.citedSources(description), offices: offices, sections: sections,
                  lobbySeats: seatsKnown ? seats : nil, visitsPerDay: visitsKnown ? visits : nil,
                  interventions: interventions, centreStaff: centre)
    }

    /// Parameter ids in `text`: a letter A–G or Q and one or two digits with
    /// no leading zero, standing alone ("B12", "(C3)", "D1–D10" gives D1 and
    /// D10). The same rule as the scenario loader's, applied to the text the
    /// store keeps.
    public static func citedSources(_ text: String) -> [String] {
        var found = Set<String>()
        var token = ""
        for ch in text + " " {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                token.append(ch)
                continue
            }
            if (2...3).contains(token.count), let first = token.first, "ABCDEFGQ".contains(first) {
                let digits = token.dropFirst()
                if digits.first != "0", digits.allSatisfy(\.isNumber) { found.insert(token) }
            }
            token = ""
        }
        return found.sorted { a, b in
            a.first! != b.first! ? a.first! < b.first! : Int(a.dropFirst())! < Int(b.dropFirst())!
        }
    }
}
