import Foundation
import SimKernel
import Testing
@testable import WardModel

/// Thousands of seeded mutations of baseline.yaml: the loader must always
/// return a scenario or a `ScenarioError` (typed throws rule out anything
/// else), never crash, never hang, and every error must say where and what.
@Suite("Scenario fuzzing")
struct ScenarioFuzzTests {
    static let tokens: [String] = [
        "*a", "&a ", "<<: ", "!replace ", "!!binary ", "- ", "{", "}", "[", "]", "\"", "'", "%", "-1", "1e309", "null",
        "~", ": ", "::", "\t", "? ", "#", "|", ">", "0x1F", "8:30", "25:00", "120%", "-10m", "5", ".inf", "yes",
        "\u{0}", "\u{FEFF}", "区", "---\n", "...\n", "{lognormal: {mean: 1m, sd: 1m}}", "[1, [2, [3]]]",
        "version: 2", "extends: x.yaml", "x-a: &a [1, 2]", "\n", " ", "\\", "@", "`",
        "9999999999999999999:00", "1e13h", "99999999999999999999", "{empirical: []}", "{mixture: [{weight: 1, fixed: 1m}]}",
    ]

    /// One random edit of the text's bytes or lines.
    static func mutate(_ bytes: [UInt8], _ rng: inout RandomStream) -> [UInt8] {
        var b = bytes
        func lines() -> [[UInt8]] { b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
        func join(_ ls: [[UInt8]]) -> [UInt8] { Array(ls.joined(separator: [0x0A])) }
        switch rng.nextInt(below: 9) {
        case 0 where !b.isEmpty:  // flip a byte to anything
            b[rng.nextInt(below: b.count)] = UInt8(rng.nextInt(below: 256))
        case 1 where !b.isEmpty:  // flip a byte to printable ASCII
            b[rng.nextInt(below: b.count)] = UInt8(32 + rng.nextInt(below: 95))
        case 2:  // delete a line
            var ls = lines()
            if !ls.isEmpty { ls.remove(at: rng.nextInt(below: ls.count)) }
            b = join(ls)
        case 3:  // duplicate a line
            var ls = lines()
            if !ls.isEmpty { let i = rng.nextInt(below: ls.count); ls.insert(ls[i], at: i) }
            b = join(ls)
        case 4:  // swap two lines
            var ls = lines()
            if ls.count > 1 { ls.swapAt(rng.nextInt(below: ls.count), rng.nextInt(below: ls.count)) }
            b = join(ls)
        case 5:  // swap key and value on a line
            var ls = lines()
            if !ls.isEmpty {
                let i = rng.nextInt(below: ls.count)
                let text = String(decoding: ls[i], as: UTF8.self)
                if let colon = text.range(of: ": ") {
                    let indent = text.prefix(while: { $0 == " " || $0 == "-" })
                    let key = text[indent.endIndex..<colon.lowerBound], value = text[colon.upperBound...]
                    ls[i] = Array((indent + value + ": " + key).utf8)
                }
            }
            b = join(ls)
        case 6:  // insert a token
            let token = Array(tokens[rng.nextInt(below: tokens.count)].utf8)
            b.insert(contentsOf: token, at: rng.nextInt(below: b.count + 1))
        case 7:  // change a number
            let digits = b.indices.filter { b[$0] >= 0x30 && b[$0] <= 0x39 }
            if !digits.isEmpty {
                let i = digits[rng.nextInt(below: digits.count)]
                let replacement = Array(["0", "-3", "99999999999999999999", "1.5", "007", "1e-9", "", "%"][rng.nextInt(below: 8)].utf8)
                b.replaceSubrange(i...i, with: replacement)
            }
        default:  // shift a line's indentation
            var ls = lines()
            if !ls.isEmpty {
                let i = rng.nextInt(below: ls.count)
                if rng.nextInt(below: 2) == 0 { ls[i].insert(contentsOf: [0x20, 0x20], at: 0) }
                else if ls[i].first == 0x20 { ls[i].removeFirst() }
            }
            b = join(ls)
        }
        return b
    }

    @Test("3 000 mutated baselines: a scenario or a clean ScenarioError, quickly")
    func mutatedBaselines() throws {
        let original = Array(ScenarioFixtures.baselineText.utf8)
        try #require(!original.isEmpty)
        var rng = RandomStream(seed: 20_260_401, stream: "scenario-fuzz")
        var loaded = 0, rejected = 0
        var slowest = 0.0
        let total = seconds {
            for _ in 0..<3_000 {
                var bytes = original
                for _ in 0...rng.nextInt(below: 4) { bytes = Self.mutate(bytes, &rng) }
                let elapsed = seconds {
                    do throws(ScenarioError) {
                        let result = try ScenarioLoader.load(bytes: bytes, name: "fuzz")
                        #expect(!result.canonicalText.isEmpty)
                        loaded += 1
                    } catch {
                        rejected += 1
                        #expect(!error.issues.isEmpty)
                        for issue in error.issues {
                            #expect(!issue.message.isEmpty && issue.file != nil, "\(issue)")
                        }
                    }
                }
                slowest = max(slowest, elapsed)
            }
        }
        // Both outcomes must occur, or the mutations are too weak or too strong to test anything.
        #expect(loaded > 100 && rejected > 1_000, "loaded \(loaded), rejected \(rejected)")
        #expect(slowest < 0.5, "slowest load \(slowest) s")
        #expect(total < 30, "3 000 loads took \(total) s")
    }

    @Test("random --set overrides never crash")
    func randomOverrides() {
        var rng = RandomStream(seed: 7, stream: "override-fuzz")
        let paths = ["offices[0].lobby_seats", "offices.小倉北区.sections[1]", "procedures.certificate.stages[9]",
                     "simulation", "interventions.reservations.lateness", "visit_types[0].share", "offices[0].sections.citizen.staff",
                     "a.b.c", "calendar.day_factors.peak", "behaviour.patience", "offices[0].hourly_profile[3]", "name"]
        let values = ["1", "-1", "{}", "[]", "null", "{exponential: 5m}", "[1, 2]", "5m", "08:30", "120%", "x", "", "*a", "{a: [b",
                      "99999999999999999:00", "9e999", "\u{0}"]
        for _ in 0..<500 {
            let text = paths[rng.nextInt(below: paths.count)] + "=" + values[rng.nextInt(below: values.count)]
            do throws(ScenarioError) {
                _ = try ScenarioLoader.load(yaml: ScenarioFixtures.baselineText, name: "fuzz", overrides: [text])
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
