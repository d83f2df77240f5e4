import Testing
import Foundation
import SimKernel
@testable import WardModel

@Suite("KPI tools")
struct KPIToolsTests {
    @Test("Quickselect quantiles equal sort-based type-7 quantiles")
    func quantiles() {
        var rng = RandomStream(seed: 5, stream: "q")
        for n in [1, 2, 3, 17, 100, 1_001] {
            var w = WaitSamples()
            var all: [Double] = []
            for _ in 0..<n {
                let x = Double(Float(-20 * log(rng.nextUniform())))
                w.add(x); all.append(x)
            }
            var ref = Samples()
            for x in all { ref.add(x) }
            for p in [0, 0.1, 0.5, 0.9, 0.95, 1] {
                let got = w.quantile(p), want = ref.quantile(p)
                #expect(abs(got - want) <= 1e-9 * max(1, want), "n=\(n) p=\(p): \(got) vs \(want)")
            }
            #expect(abs(w.mean - all.reduce(0, +) / Double(n)) < 1e-9)
            #expect(w.shareWithin(15) == Double(all.filter { $0 <= 15 }.count) / Double(n))
        }
    }

    @Test("Ticket queues keep ticket order; returning citizens go before later tickets")
    func ticketOrder() {
        var q = TicketQueue()
        for t in [3, 4, 7] { q.insert(ticket: Int32(t), citizen: Int32(t * 10)) }
        q.insert(ticket: 1, citizen: 10)
        q.insert(ticket: 5, citizen: 50)
        let order = (q.startIndex..<q.endIndex).map { q.ticket(at: $0) }
        #expect(order == [1, 3, 4, 5, 7])
        q.remove(at: q.startIndex)
        #expect(q.citizen(at: q.startIndex) == 30)
        q.remove(at: q.startIndex + 1)
        #expect((q.startIndex..<q.endIndex).map { q.ticket(at: $0) } == [3, 5, 7])
    }

    @Test("Hourly levels split areas at hour boundaries")
    func hourly() {
        var h = HourlyLevels(units: 1, hours: 24)
        h.add(0, 2, at: SimTime.clock(9, 30).milliseconds)
        h.add(0, -2, at: SimTime.clock(11, 15).milliseconds)
        #expect(h.area(0, hour: 9) == 2 * 1_800_000)
        #expect(h.area(0, hour: 10) == 2 * 3_600_000)
        #expect(h.area(0, hour: 11) == 2 * 900_000)
        #expect(h.peak(0) == 2)
    }
}

@Suite("KPI catalogue")
struct KPICatalogueTests {
    @Test("Every KPI row a replication reports is in the catalogue, for its scope kind")
    func everyRowDocumented() throws {
        let k = try WardSimulator(scenario: ConservationTests.everything).runReplication(0, seed: 2)
        var missing = Set<String>()
        for row in k.rows {
            guard let e = KPICatalogue.entry(row.name), e.scopes.contains(row.scopeKind) else {
                missing.insert("\(row.scopeKind.rawValue) \(row.name)"); continue
            }
        }
        #expect(missing.isEmpty, "undocumented: \(missing.sorted())")
        #expect(KPICatalogue.entry("queue_length_h09")?.name == "queue_length_hHH")
        #expect(Set(KPICatalogue.entries.map(\.name)).count == KPICatalogue.entries.count)
    }
}
