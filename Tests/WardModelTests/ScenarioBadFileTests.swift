import Foundation
import Testing
@testable import WardModel

/// One broken variant of the baseline and the problem it must produce.
struct BadFile: CustomTestStringConvertible, Sendable {
    var label: String
    /// Exact text in baseline.yaml and its replacement.
    var old: String
    var new: String
    /// The line (found by this text in the broken file), key path and a message fragment expected.
    var lineOf: String?
    var keyPath: String
    var message: String

    var testDescription: String { label }
}

@Suite("Bad scenario files")
struct ScenarioBadFileTests {
    static let cases: [BadFile] = [
        BadFile(label: "unknown key with a suggestion",
                old: "        counters: 12 ", new: "        counter: 12 ",
                lineOf: "counter: 12", keyPath: "offices[0].sections[0].counter",
                message: "unknown key `counter`; did you mean `counters`?"),
        BadFile(label: "camelCase key",
                old: "    lobby_seats: 120", new: "    lobbySeats: 120",
                lineOf: "lobbySeats", keyPath: "offices[0].lobbySeats", message: "did you mean `lobby_seats`?"),
        BadFile(label: "wrong type: text for a count",
                old: "    lobby_seats: 120", new: "    lobby_seats: many",
                lineOf: "lobby_seats: many", keyPath: "offices[0].lobby_seats",
                message: "expected a non-negative integer, got many"),
        BadFile(label: "wrong type: a list for a number",
                old: "    visits_per_day: 584 ", new: "    visits_per_day: [584] ",
                lineOf: "visits_per_day: [584]", keyPath: "offices[0].visits_per_day",
                message: "expected a non-negative number, got a list"),
        BadFile(label: "quoted number",
                old: "    lobby_seats: 120", new: "    lobby_seats: \"120\"",
                lineOf: "lobby_seats: \"120\"", keyPath: "offices[0].lobby_seats", message: "remove the quotes"),
        BadFile(label: "negative staff",
                old: "{name: counter wave 1, count: 4,", new: "{name: counter wave 1, count: -2,",
                lineOf: "count: -2", keyPath: "offices[0].sections[0].staff[0].count",
                message: "expected a non-negative integer, got -2"),
        BadFile(label: "share of 120 %",
                old: "procedures: [certificate], share: 50%}", new: "procedures: [certificate], share: 120%}",
                lineOf: "share: 120%", keyPath: "visit_types[0].share",
                message: "expected a share between 0 and 1 (or 0% and 100%), got 120%"),
        BadFile(label: "visit shares not adding up",
                old: "procedures: [certificate], share: 50%}", new: "procedures: [certificate], share: 40%}",
                lineOf: "visit_types:", keyPath: "visit_types", message: "add up to 90%; they must add up to 100%"),
        BadFile(label: "channel shares over 100 %",
                old: "      convenience_store: 30%   # E5", new: "      convenience_store: 99%   # E5",
                lineOf: "    channels:", keyPath: "procedures[0].channels",
                message: "channel shares add up to 102%, more than 100%"),
        BadFile(label: "bare number for a duration",
                old: "{kind: counter, time: {lognormal: {mean: 3m, cv: 0.8}}}",
                new: "{kind: counter, time: {lognormal: {mean: 5, cv: 0.8}}}",
                lineOf: "mean: 5, cv", keyPath: "procedures[0].stages[1].time.lognormal.mean",
                message: "got 5 (add a unit: 5m for minutes, 5s for seconds)"),
        BadFile(label: "bad clock 25:00",
                old: "    opens: \"08:30\"", new: "    opens: \"25:00\"",
                lineOf: "opens: \"25:00\"", keyPath: "offices[0].opens",
                message: "expected a clock time between 00:00 and 24:00"),
        BadFile(label: "bad shift",
                old: "count: 4, shifts: [\"08:30-11:30\",", new: "count: 4, shifts: [\"11:30-08:30\",",
                lineOf: "11:30-08:30", keyPath: "offices[0].sections[0].staff[0].shifts[0]",
                message: "a shift must end after it starts"),
        BadFile(label: "counters but no staff over lunch",
                old: "{name: counter late lunch, count: 1, shifts: [\"08:30-13:00\", \"14:00-17:15\"]}",
                new: "{name: counter late lunch, count: 1, shifts: [\"08:30-12:00\", \"13:00-17:15\"]}",
                lineOf: "id: children\n        name: 子ども・家庭課\n        counters: 2\n        staff:",
                keyPath: "offices[0].sections[2].staff",
                message: "section children has 2 counters but no staff on duty 12:00-13:00"),
        BadFile(label: "counters but nobody on duty at all",
                old: "{name: counter late lunch, count: 1,", new: "{name: counter late lunch, count: 0,",
                lineOf: nil, keyPath: "offices[0].sections[2].staff", message: "no staff on duty 12:00-13:00"),
        BadFile(label: "unknown procedure in a visit type",
                old: "{id: pension, procedures: [pension], share: 3%}", new: "{id: pension, procedures: [pensions], share: 3%}",
                lineOf: "procedures: [pensions]", keyPath: "visit_types[9].procedures[0]",
                message: "no procedure has id `pensions`"),
        BadFile(label: "unknown section",
                old: "    name: 国民健康保険の加入・脱退\n    section: insurance", new: "    name: 国民健康保険の加入・脱退\n    section: insurence",
                lineOf: "section: insurence", keyPath: "procedures[6].section",
                message: "office 小倉北区 has no section `insurence`"),
        BadFile(label: "unknown distribution",
                old: "{kind: counter, time: {lognormal: {mean: 3m, cv: 0.8}}}",
                new: "{kind: counter, time: {lognormal: {mean: 3m, cv: 0.8}, normal: 3m}}",
                lineOf: "normal: 3m", keyPath: "procedures[0].stages[1].time.normal", message: "unknown key `normal`"),
        BadFile(label: "impossible distribution",
                old: "{kind: counter, time: {lognormal: {mean: 3m, cv: 0.8}}}",
                new: "{kind: counter, time: {triangular: [5m, 3m, 8m]}}",
                lineOf: "triangular: [5m, 3m, 8m]", keyPath: "procedures[0].stages[1].time.triangular",
                message: "triangular needs min ≤ mode ≤ max"),
        BadFile(label: "negative service time",
                old: "{kind: counter, time: {lognormal: {mean: 3m, cv: 0.8}}}",
                new: "{kind: counter, time: {uniform: [-1m, 3m]}}",
                lineOf: "uniform: [-1m, 3m]", keyPath: "procedures[0].stages[1].time.uniform[0]",
                message: "expected a non-negative duration, got -1m"),
        BadFile(label: "simulation's own check: no counter left for walk-ins",
                old: "        counters: 2\n", new: "        counters: 2\n        booked_counters: 2\n",
                lineOf: "id: children\n        name: 子ども・家庭課\n        counters: 2",
                keyPath: "offices[0].sections[2].counters",
                message: "section 'children' has no counter for walk-in citizens of 'child_allowance'"),
        BadFile(label: "simulation's own check: back office unstaffed at closing",
                old: "          - {name: examination, count: 1, shifts: [\"08:30-12:00\", \"13:00-17:15\"]}",
                new: "          - {name: examination, count: 1, shifts: [\"08:30-12:00\", \"13:00-17:00\"]}",
                lineOf: "id: children\n        name: 子ども・家庭課\n        counters: 2\n        staff:\n"
                    + "          - {name: counter early lunch, count: 1, shifts: [\"08:30-12:00\", \"13:00-17:15\"]}\n"
                    + "          - {name: counter late lunch, count: 1, shifts: [\"08:30-13:00\", \"14:00-17:15\"]}\n"
                    + "        backoffice_staff:",
                keyPath: "offices[0].sections[2].backoffice_staff",
                message: "nobody can serve back-office work of 'child_allowance' when the doors close"),
        BadFile(label: "duplicate key",
                old: "    lobby_seats: 120", new: "    lobby_seats: 120\n    lobby_seats: 130",
                lineOf: "lobby_seats: 130", keyPath: "", message: "duplicate key `lobby_seats` (already given at line"),
        BadFile(label: "YAML syntax error",
                old: "    group_size: [85%, 12%, 3%]", new: "    group_size: [85%, 12%, 3%",
                lineOf: "    lobby_seats: 120", keyPath: "", message: "invalid YAML: did not find expected ',' or ']'"),
        BadFile(label: "tab indentation",
                old: "    lobby_seats: 120", new: "\tlobby_seats: 120",
                lineOf: "\tlobby_seats", keyPath: "", message: "invalid YAML"),
        BadFile(label: "unknown intervention",
                old: "interventions: {}", new: "interventions: {reservation: {}}",
                lineOf: "interventions: {reservation", keyPath: "interventions.reservation",
                message: "did you mean `reservations`?"),
        BadFile(label: "rework of 100 %",
                old: "    rework: 10%", new: "    rework: 100%",
                lineOf: "rework: 100%", keyPath: "procedures[1].rework", message: "rework must be below 100%"),
        BadFile(label: "too many profile entries",
                old: "hourly_profile: [10.6,", new: "hourly_profile: [1, 1, 10.6,",
                lineOf: "hourly_profile:", keyPath: "offices[0].hourly_profile",
                message: "has 11 entries but the doors are open 08:30–17:15, 9 hours started"),
        BadFile(label: "unsupported version",
                old: "version: 1", new: "version: 2",
                lineOf: "version: 2", keyPath: "version", message: "unsupported format version 2"),
        BadFile(label: "unsupported tag",
                old: "    lobby_seats: 120", new: "    lobby_seats: !!binary 120",
                lineOf: "!!binary", keyPath: "", message: "unsupported YAML tag `!!binary`"),
    ]

    @Test("a bad file is rejected with file, line, key path and what was expected", arguments: cases)
    func rejected(_ bad: BadFile) throws {
        let dir = try TemporaryDirectory()
        let text = ScenarioFixtures.baseline(replacing: bad.old, with: bad.new)
        let path = try dir.write("bad.yaml", text)
        var error: ScenarioError?
        let elapsed = seconds { error = loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: path) } }
        let e = try #require(error)
        #expect(elapsed < 1, "took \(elapsed) s")
        let issue = try #require(e.issues.first { $0.keyPath == bad.keyPath && $0.message.contains(bad.message) },
                                 "no issue at `\(bad.keyPath)` containing “\(bad.message)” in:\n\(e)")
        #expect(issue.file == path)
        if let fragment = bad.lineOf {
            // A multi-line fragment designates its last line.
            let last = ScenarioFixtures.line(of: fragment, in: text).map { $0 + fragment.filter { $0 == "\n" }.count }
            #expect(issue.line == last, "\(issue)")
        }
        #expect(issue.column != nil)
        #expect(issue.description.hasPrefix("\(path):\(issue.line ?? 0):"))
        #expect(!e.description.contains("Swift/") && !e.description.contains("Fatal"))
    }

    @Test func severalProblemsAreReportedTogether() throws {
        var text = ScenarioFixtures.baseline(replacing: "    lobby_seats: 120", with: "    lobby_seats: -1")
        text = text.replacingOccurrences(of: "        counters: 12 ", with: "        counters: lots ")
        text = text.replacingOccurrences(of: "  replications: 20", with: "  replications: 0")
        let e = try #require(loadError { () throws(ScenarioError) in try ScenarioLoader.load(yaml: text, name: "x") })
        #expect(e.issues.map(\.keyPath) == ["simulation.replications", "offices[0].lobby_seats",
                                            "offices[0].sections[0].counters"])
        #expect(e.description.split(separator: "\n").count == 3)
        #expect(e.file == "<x>" && e.keyPath == "simulation.replications")
    }

    @Test func warningsAreLocatedLikeErrors() throws {
        let dir = try TemporaryDirectory()
        let text = ScenarioFixtures.baseline(replacing: "      online: 3%   ", with: "      booked: 3%   ")
        let path = try dir.write("warn.yaml", text)
        let loaded = try ScenarioLoader.load(path: path)
        let warning = try #require(loaded.warnings.first)
        // Two warnings: no reservation settings, and no section gives booked
        // citizens priority; both point at the booked share.
        #expect(loaded.warnings.count == 2)
        #expect(loaded.warnings.allSatisfy { $0.keyPath == "procedures[0].channels.booked" })
        #expect(loaded.warnings.last?.message.contains("booked_first") == true)
        #expect(warning.keyPath == "procedures[0].channels.booked")
        #expect(warning.message.contains("booked share without interventions.reservations"))
        #expect(warning.file == path && warning.line == ScenarioFixtures.line(of: "booked: 3%", in: text))
    }

    @Test func missingFile() throws {
        let e = try #require(loadError { () throws(ScenarioError) in
            try ScenarioLoader.load(path: ScenarioFixtures.scenariosDirectory.appendingPathComponent("nope.yaml").path)
        })
        #expect(e.message == "cannot open the file: no such file")
    }

    @Test func missingRequiredKeys() throws {
        let e = try #require(loadError { () throws(ScenarioError) in
            try ScenarioLoader.load(yaml: "version: 1\nprocedures: []\n", name: "x")
        })
        #expect(e.issues.map(\.message) == ["missing required key `visit_types`", "missing required key `offices`"])
        #expect(e.line == 1)
    }
}
