import Testing
import SimKernel
@testable import WardModel

@Suite("Determinism and random streams")
struct DeterminismTests {
    @Test("Same seed and replication ⇒ identical KPIs; another replication ⇒ different")
    func sameSeedSameResult() throws {
        let sim = try WardSimulator(scenario: ConservationTests.everything)
        let a = sim.runReplication(3, seed: 17), b = sim.runReplication(3, seed: 17)
        #expect(a.rows.count == b.rows.count)
        #expect(zip(a.rows, b.rows).allSatisfy { $0.name == $1.name && $0.scope == $1.scope && ($0.value == $1.value || ($0.value.isNaN && $1.value.isNaN)) })
        let c = sim.runReplication(4, seed: 17)
        #expect(a.city("wait_mean") != c.city("wait_mean"))
        #expect(a.city("demand") != c.city("demand"))
        let d = sim.runReplication(3, seed: 18)
        #expect(a.city("wait_mean") != d.city("wait_mean"))
    }

    @Test("A reused day model gives the bits a fresh one gives (year, then single days, then a traced run)")
    func reusedModelsMatchFreshOnes() throws {
        func bits(_ k: ReplicationKPIs) -> [String] {
            k.rows.map { "\($0.scopeKind.rawValue)|\($0.scope)|\($0.name)|\($0.value.bitPattern)" }
                + k.daily.map { "\($0.ordinal)|\($0.office)|\($0.served)|\($0.waitMean.bitPattern)|\($0.waitP90.bitPattern)" }
                + ["\(k.citizensSimulated)|\(k.invariantViolations)|\(k.days)"]
        }
        let reused = try WardSimulator(scenario: ConservationTests.everything)
        let plan: [(Int, UInt64, DaySelection)] = [(0, 5, .fiscalYear), (1, 5, .single(.peak)), (2, 9, .single(.ordinary)),
                                                   (2, 9, .single(.monday)), (0, 5, .fiscalYear)]
        for (r, seed, days) in plan {
            let fresh = try WardSimulator(scenario: ConservationTests.everything)
            let want = bits(fresh.runReplication(r, seed: seed, days: days))
            let got = bits(reused.runReplication(r, seed: seed, days: days))
            let differing = zip(got, want).filter { $0 != $1 }.count + abs(got.count - want.count)
            #expect(differing == 0, "replication \(r) seed \(seed) \(days): \(differing) values of a reused model differ from a fresh one's, first \(zip(got, want).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "-")")
        }
        // Copies share the pool; a traced run in between leaves it clean.
        var traced = reused
        traced.tracing = true
        _ = traced.runReplication(1, seed: 5, days: .single(.ordinary))
        let fresh = try WardSimulator(scenario: ConservationTests.everything)
        let after = bits(reused.runReplication(1, seed: 5, days: .single(.ordinary)))
        let want = bits(fresh.runReplication(1, seed: 5, days: .single(.ordinary)))
        #expect(after == want, "after a traced run: \(zip(after, want).filter { $0 != $1 }.count) values differ")
    }

    @Test("Adding an office leaves the other offices' demand unchanged")
    func officesIndependent() throws {
        var one = WardScenario.exampleCity
        one.offices = [one.offices[3]]
        let a = try WardSimulator(scenario: one).runReplication(0, seed: 9)
        let b = try WardSimulator(scenario: .exampleCity).runReplication(0, seed: 9)
        let name = one.offices[0].name
        #expect(a.value(.office, name, "demand") == b.value(.office, name, "demand"))
        #expect(a.value(.procedure, "\(name)/certificate", "demand") == b.value(.procedure, "\(name)/certificate", "demand"))
    }

    @Test("Days of a year are independent streams: two days of the same type differ")
    func daysDiffer() throws {
        var sim = try WardSimulator(scenario: .exampleBaseline)
        sim.hourlyRows = false
        let k = sim.runReplication(0, seed: 1, days: .fiscalYear)
        let waits = k.daily.filter { $0.dayType == .ordinary }.map(\.waitMean)
        #expect(Set(waits).count == waits.count, "\(waits.count - Set(waits).count) ordinary days repeat another day's mean wait")
    }
}
