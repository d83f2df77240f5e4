import Testing
@testable import WardModel

@Suite("--set overrides")
struct ScenarioOverrideTests {
    func load(_ overrides: [String], file: String = "baseline") throws -> WardScenario {
        try ScenarioLoader.load(path: ScenarioFixtures.path(file), overrides: overrides).scenario
    }

    func error(_ overrides: [String], file: String = "baseline",
               sourceLocation: SourceLocation = #_sourceLocation) -> ScenarioError? {
        loadError({ () throws(ScenarioError) in
            try ScenarioLoader.load(path: ScenarioFixtures.path(file), overrides: overrides)
        }, sourceLocation: sourceLocation)
    }

    @Test func setsValuesAnywhere() throws {
        let s = try load([
            "simulation.replications=50",
            "offices[0].lobby_seats=100",
            "offices.小倉北区.visits_per_day=700",
            "procedures.certificate.channels.online=20%",
            "offices[0].sections.citizen.staff[1].count=5",
            "procedures[1].stages[1].time={gamma: {mean: 25m, sd: 10m}}",
            "offices[0].hourly_profile=[1, 1, 2]",
            "name=what-if",
        ])
        #expect(s.simulation.replications == 50)
        #expect(s.offices[0].lobbySeats == 100 && s.offices[0].visitsPerDay == 700)
        #expect(s.procedures[0].channels.online == 0.2)
        #expect(s.offices[0].sections[0].staff[1].count == 5)
        #expect(s.procedures[1].stages[1].time == .gamma(mean: 25, sd: 10))
        #expect(s.offices[0].hourlyProfile == [0.25, 0.25, 0.5])
        #expect(s.name == "what-if")
    }

    @Test func switchesInterventionsOnAndOff() throws {
        let on = try load(["interventions.reservations={}", "interventions.ai_assistant.resolved=70%"])
        #expect(on.interventions.reservations == Reservations())
        #expect(on.interventions.aiAssistant?.resolved == 0.7)
        #expect(on.interventions.aiAssistant?.interviewFactor == AIAssistant().interviewFactor)
        // An intervention switched off must not leave shares that need it.
        let booked = ["move_in", "move_out", "relocation", "mynumber_card", "koseki", "health_insurance", "child_allowance"]
        let off = try load(["interventions.reservations=null"] + booked.map { "procedures.\($0).channels.booked=0" },
                           file: "reservations")
        #expect(off.interventions.reservations == nil)
        #expect(off.procedures.allSatisfy { $0.channels.booked == 0 })
        // Booked shares left without reservations run with default slots, with a warning each.
        let warned = try ScenarioLoader.load(path: ScenarioFixtures.path("reservations"),
                                             overrides: ["interventions.reservations=null"])
        #expect(warned.warnings.count == booked.count)
        #expect(warned.warnings.allSatisfy { $0.file == ScenarioFixtures.path("reservations") && $0.line != nil })
    }

    @Test func laterOverridesWin() throws {
        let s = try load(["simulation.seed=1", "simulation.seed=2"])
        #expect(s.simulation.seed == 2)
    }

    @Test func overriddenValuesAreInTheCanonicalText() throws {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path("baseline"), overrides: ["simulation.seed=99"])
        #expect(loaded.canonicalText.contains("\"seed\": 99,"))
        let again = try ScenarioLoader.load(yaml: loaded.canonicalText)
        #expect(again.scenario.simulation.seed == 99)
    }

    struct BadOverride: Sendable, CustomTestStringConvertible {
        var text: String
        var keyPath: String
        var message: String
        var testDescription: String { text }
    }

    static let bad: [BadOverride] = [
        .init(text: "offices[9].lobby_seats=100", keyPath: "offices[9]", message: "offices has no element [9] (it has 1)"),
        .init(text: "offices.八幡西区.lobby_seats=100", keyPath: "offices",
              message: "no element with id or name `八幡西区` (there are: 小倉北区)"),
        .init(text: "offices[0].lobby_seats=-5", keyPath: "offices[0].lobby_seats",
              message: "expected a non-negative integer, got -5"),
        .init(text: "simulation.replication=5", keyPath: "simulation.replication",
              message: "unknown key `replication`; did you mean `replications`?"),
        .init(text: "offices[0].lobby_seats.x=1", keyPath: "offices[0].lobby_seats.x",
              message: "offices[0].lobby_seats is 120, not a mapping"),
        .init(text: "simulation[0]=1", keyPath: "simulation[0]", message: "simulation is a mapping, not a list"),
        .init(text: "offices[x].name=a", keyPath: "", message: "bad index in `offices[x]`"),
        .init(text: "a..b=1", keyPath: "", message: "bad key path `a..b`"),
        .init(text: "=1", keyPath: "", message: "empty key path"),
        .init(text: "lobby_seats", keyPath: "", message: "expected key.path=value"),
        .init(text: "name=[unclosed", keyPath: "", message: "invalid YAML"),
        .init(text: "offices[0].opens=25:00", keyPath: "offices[0].opens", message: "expected a clock time between 00:00 and 24:00"),
    ]

    @Test("a bad override names itself, the key path and the problem", arguments: bad)
    func badOverride(_ bad: BadOverride) throws {
        let e = try #require(error([bad.text]))
        #expect(e.file == "--set \(bad.text)", "\(e)")
        #expect(e.keyPath == bad.keyPath, "\(e)")
        #expect(e.message.contains(bad.message), "\(e)")
        #expect(e.line == nil)
        #expect(e.description.hasPrefix("--set \(bad.text): "))
    }
}
