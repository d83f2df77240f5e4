import SimKernel
import Testing
@testable import WardModel

@Suite("Scenario values")
struct ScenarioScalarTests {
    @Test func durations() {
        func minutes(_ t: String) -> Double? { ScenarioScalars.duration(t)?.minutes }
        #expect(minutes("90s") == 1.5)
        #expect(minutes("5m") == 5)
        #expect(minutes("1h30m") == 90)
        #expect(minutes("2.5min") == 2.5)
        #expect(minutes("250ms") == 250.0 / 60_000)
        #expect(minutes("-10m") == -10)
        #expect(minutes("1e-05m") == 1e-5)
        #expect(ScenarioScalars.duration("1h30m")?.milliseconds == 5_400_000)
        for bad in ["5", "", "m", "5x", "1.2.3m", "5 m m", "--5m", "inf m", "nanm", "5m-", "1e400m"] {
            #expect(ScenarioScalars.duration(bad) == nil, "\(bad)")
        }
    }

    @Test func clocks() {
        #expect(ScenarioScalars.clock("08:30") == .clock(8, 30))
        #expect(ScenarioScalars.clock("8:30") == .clock(8, 30))
        #expect(ScenarioScalars.clock("17:15:30") == .clock(17, 15, 30))
        #expect(ScenarioScalars.clock("24:00") == .clock(24, 0))
        for bad in ["25:00", "24:01", "08:60", "08", "8.30", "08:3", "", "-1:00", "9000000000000000000:00", "123:00"] {
            #expect(ScenarioScalars.clock(bad) == nil, "\(bad)")
        }
    }

    @Test func numbersAndShares() {
        #expect(ScenarioScalars.integer("247_500") == 247_500)
        #expect(ScenarioScalars.integer("-2") == -2)
        for bad in ["1.0", "0x1F", "1_", "_1", "", "-", "99999999999999999999", "８"] {
            #expect(ScenarioScalars.integer(bad) == nil, "\(bad)")
        }
        #expect(ScenarioScalars.number(".5") == 0.5)
        #expect(ScenarioScalars.number("1e-3") == 0.001)
        #expect(ScenarioScalars.number("-2.5") == -2.5)
        for bad in [".inf", ".nan", "1e", "1e400", "0x10", "1:30", "e5", ".", "1,5"] {
            #expect(ScenarioScalars.number(bad) == nil, "\(bad)")
        }
        #expect(ScenarioScalars.share("30%") == 0.3)
        #expect(ScenarioScalars.share("0.3") == 0.3)
        #expect(ScenarioScalars.share("%") == nil)
    }

    /// Decodes one distribution written in YAML flow style.
    func distribution(_ yaml: String, support: ScenarioDecoder.Support = .nonNegative) -> (Distribution?, [ScenarioIssue]) {
        let node: ScenarioNode
        do {
            guard let n = try YAMLComposer.compose(Array(yaml.utf8), file: "t", limits: .init()) else { return (nil, []) }
            node = n
        } catch {
            return (nil, error.issues)
        }
        var decoder = ScenarioDecoder()
        let d = decoder.distribution(node, at: ScenarioPath.root + "time", support: support)
        return (d, decoder.issues)
    }

    @Test func distributions() {
        #expect(distribution("{fixed: 90s}").0 == .fixed(1.5))
        #expect(distribution("{exponential: 5m}").0 == .exponential(mean: 5))
        #expect(distribution("{exponential: {mean: 5m}}").0 == .exponential(mean: 5))
        #expect(distribution("{uniform: [-10m, 5m]}", support: .any).0 == .uniform(min: -10, max: 5))
        #expect(distribution("{uniform: {min: 1m, max: 2m}}").0 == .uniform(min: 1, max: 2))
        #expect(distribution("{lognormal: {mean: 6m, sd: 4m}}").0 == .lognormal(mean: 6, sd: 4))
        #expect(distribution("{lognormal: {mean: 10m, cv: 0.5}}").0 == .lognormal(mean: 10, sd: 5))
        #expect(distribution("{gamma: {mean: 6m, sd: 0s}}").0 == .gamma(mean: 6, sd: 0))
        #expect(distribution("{erlang: {phases: 3, mean: 6m}}").0 == .erlang(phases: 3, mean: 6))
        #expect(distribution("{triangular: [3m, 5m, 8m]}").0 == .triangular(min: 3, mode: 5, max: 8))
        #expect(distribution("{triangular: {min: 3m, mode: 3m, max: 8m}}").0 == .triangular(min: 3, mode: 3, max: 8))
    }

    @Test func empiricalAndMixture() throws {
        let (e, eIssues) = distribution("{empirical: [4m, 6m30s, 3m]}")
        #expect(eIssues.isEmpty)
        #expect(e == (try Distribution.empirical(samples: [4, 6.5, 3])))
        let (m, mIssues) = distribution("{mixture: [{weight: 0.8, lognormal: {mean: 4m, sd: 2m}}, {weight: 0.2, fixed: 30m}]}")
        #expect(mIssues.isEmpty)
        #expect(m == (try Distribution.mixture(of: [(0.8, .lognormal(mean: 4, sd: 2)), (0.2, .fixed(30))])))
        let cases: [(String, String, String)] = [
            ("{empirical: []}", "time.empirical", "at least one observed value"),
            ("{empirical: [1m, -1m]}", "time.empirical[1]", "non-negative duration"),
            ("{mixture: []}", "time.mixture", "at least one component"),
            ("{mixture: [{lognormal: {mean: 4m, sd: 2m}}]}", "time.mixture[0]", "missing required key `weight`"),
            ("{mixture: [{weight: -1, fixed: 1m}]}", "time.mixture[0].weight", "positive number"),
            ("{mixture: [{weight: 1, fixed: 1m, exponential: 2m}]}", "time.mixture[0]", "exactly one kind"),
            ("{mixture: [{weight: 1, mixture: [{weight: 1, mixture: [{weight: 1, mixture: [{weight: 1, mixture: [{weight: 1, fixed: 1m}]}]}]}]}]}",
             "time.mixture[0].mixture[0].mixture[0].mixture[0].mixture", "at most 4 levels"),
        ]
        for (yaml, path, fragment) in cases {
            let (d, issues) = distribution(yaml)
            #expect(d == nil, "\(yaml)")
            #expect(issues.contains { $0.keyPath == path && $0.message.contains(fragment) }, "\(yaml): \(issues)")
        }
    }

    @Test func newerFieldsRoundTrip() throws {
        let text = ScenarioFixtures.baseline(
            replacing: "  - id: relocation\n",
            with: "    online_work: {mixture: [{weight: 3, empirical: [2m, 3m, 5m]}, {weight: 1, fixed: 10m}]}\n  - id: relocation\n")
            .replacingOccurrences(of: "{name: counter wave 3, count: 4, shifts: [\"08:30-13:30\", \"14:30-17:15\"]}",
                                  with: "{name: counter wave 3, count: 4, shifts: [\"08:30-13:30\", \"14:30-17:15\"], day_types: [monday, peak]}")
        let loaded = try ScenarioLoader.load(yaml: text, name: "newer")
        let moveOut = try #require(loaded.scenario.procedures.first { $0.id == "move_out" })
        #expect(moveOut.onlineWork?.mean == (try Distribution.mixture(of: [
            (3, try .empirical(samples: [2, 3, 5])), (1, .fixed(10))])).mean)
        #expect(loaded.scenario.offices[0].sections[0].staff[2].dayTypes == [.monday, .peak])
        let again = try ScenarioLoader.load(yaml: loaded.canonicalText)
        #expect(again.scenario.offices == loaded.scenario.offices)
        let againMoveOut = try #require(again.scenario.procedures.first { $0.id == "move_out" })
        // Mixture weights are written as probabilities: equal up to rounding in the last bit.
        #expect(abs((againMoveOut.onlineWork?.mean ?? 0) - (moveOut.onlineWork?.mean ?? 1)) < 1e-12)
    }

    @Test func impossibleDistributions() {
        let cases: [(String, String, String)] = [
            ("5m", "time", "expected a distribution such as"),
            ("{}", "time", "got an empty mapping"),
            ("{fixed: 1m, exponential: 2m}", "time", "exactly one kind, got fixed and exponential"),
            ("{lognormal: {mean: 0m, sd: 1m}}", "time.lognormal.mean", "lognormal needs mean > 0"),
            ("{lognormal: {mean: 5m}}", "time.lognormal", "needs a spread"),
            ("{lognormal: {mean: 5m, sd: 1m, cv: 1}}", "time.lognormal", "either sd or cv"),
            ("{lognormal: {mean: 5m, sd: -1m}}", "time.lognormal.sd", "non-negative duration"),
            ("{gamma: {mean: 5, sd: 1m}}", "time.gamma.mean", "add a unit"),
            ("{exponential: -5m}", "time.exponential", "non-negative duration"),
            ("{exponential: 0s}", "time.exponential", "exponential needs mean > 0"),
            ("{uniform: [5m, 1m]}", "time.uniform", "uniform needs min ≤ max"),
            ("{uniform: [1m]}", "time.uniform", "expected 2 durations"),
            ("{triangular: [1m, 1m, 1m]}", "time.triangular", "min < max"),
            ("{erlang: {phases: 0, mean: 5m}}", "time.erlang.phases", "positive integer"),
            ("{erlang: {phases: 1.5, mean: 5m}}", "time.erlang.phases", "positive integer"),
            ("{erlang: {phases: 99999, mean: 5m}}", "time.erlang.phases", "at most 1000"),
            ("{lognormal: {mean: 5m, spread: 1m}}", "time.lognormal.spread", "unknown key `spread`"),
            ("{lognormal: 5m}", "time.lognormal", "expected {mean: …, sd: …}"),
            ("{fixed: -1m}", "time.fixed", "non-negative duration"),
            ("{normal: 5m}", "time.normal", "unknown key `normal`"),
        ]
        for (yaml, path, fragment) in cases {
            let (d, issues) = distribution(yaml)
            #expect(d == nil, "\(yaml) gave \(String(describing: d))")
            #expect(issues.contains { $0.keyPath == path && $0.message.contains(fragment) }, "\(yaml): \(issues)")
        }
    }

    @Test func suggestions() {
        #expect(ScenarioDecoder.closest(to: "counter", in: ["counters", "staff"]) == "counters")
        #expect(ScenarioDecoder.closest(to: "lobbySeats", in: ["lobby_seats"]) == "lobby_seats")
        #expect(ScenarioDecoder.closest(to: "behavior", in: ScenarioDecoder.topLevelKeys) == "behaviour")
        #expect(ScenarioDecoder.closest(to: "zzzzzz", in: ["counters"]) == nil)
        #expect(ScenarioDecoder.editDistance("kitten", "sitting") == 3)
    }

    @Test func canonicalStringsEscape() {
        var out = ""
        ScenarioCanonical.writeString("a\"b\\c\nd\u{1}é区", into: &out)
        #expect(out == "\"a\\\"b\\\\c\\nd\\u0001é区\"")
    }

    @Test func citedSourcesComeFromCommentsOnly() {
        let text = """
            # Baseline (A5, B12; C3)
            name: "A1 # B2"   # D9 and Q7, not X1 or A123 or B0
            note: E5
            """
        #expect(ScenarioLoader.citedSources([Array(text.utf8)]) == ["A5", "B12", "C3", "D9", "Q7"])
        #expect(ScenarioLoader.openingComment(Array("# one\n#\n# two\nversion: 1\n# not this".utf8)) == "one\n\ntwo")
    }
}
