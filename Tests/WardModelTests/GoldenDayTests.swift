import Foundation
import SimKernel
import Testing
@testable import WardModel

/// Pins one seeded ordinary day of `scenarios/baseline.yaml`, so any change
/// that alters results — a new random draw, a reordered event, a different
/// rounding — is noticed. A change that is *meant* to alter results updates
/// these values in the same commit and says why.
@Suite("Golden day")
struct GoldenDayTests {
    static func day() throws -> ReplicationKPIs {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path("baseline"))
        let sim = try WardSimulator(scenario: loaded.scenario)
        return sim.runReplication(0, seed: 20_260_401, days: .single(.ordinary))
    }

    /// FNV-1a over every row's scope, name and the exact bits of its value.
    static func fingerprint(_ rows: [KPIRow]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func eat(_ text: String) { for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 } }
        for row in rows {
            eat(row.scopeKind.rawValue); eat("|"); eat(row.scope); eat("|"); eat(row.name); eat("|")
            eat(String(row.value.bitPattern, radix: 16)); eat("\n")
        }
        return String(h, radix: 16)
    }

    @Test func baselineOrdinaryDayIsPinned() throws {
        let rep = try Self.day()
        #expect(rep.invariantViolations == 0)
        #expect(rep.citizensSimulated == 511)
        #expect(rep.city("served") == 511)
        #expect(rep.city("wait_mean") == 7.314001793868232)
        #expect(rep.city("wait_p90") == 21.042333602905273)
        #expect(rep.rows.count == 602)
        #expect(Self.fingerprint(rep.rows) == "880f44e84c6f3422")
    }
}
