import Testing
import Foundation
import SimKernel
@testable import WardModel

@Suite("KPI tools")
struct KPIToolsTests {
    @Test("Wait quantiles equal sort-based type-7 quantiles")
    func quantiles() {
        var rng = RandomStream(seed: 5, stream: "q")
        for n in [1, 2, 3, 17, 100, 257, 1_001, 20_000] {
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

    @Test("The radix sort orders floats as the standard sort does", arguments: [257, 1_000, 65_536])
    func radixSort(n: Int) {
        var rng = RandomStream(seed: UInt64(n), stream: "radix")
        // Negatives, zeros, ties, a narrow range (shared high bytes: skipped passes) and a wide one.
        let makers: [(inout RandomStream) -> Float] = [
            { Float(-20 * log($0.nextUniform())) },
            { Float($0.nextInt(below: 7)) - 3 },
            { 1_000 + Float($0.nextUniform()) * 0.001 },
            { Float($0.nextUniform() - 0.5) * 1e30 },
        ]
        for make in makers {
            var a = (0..<n).map { _ in make(&rng) }
            let want = a.sorted()
            a.withUnsafeMutableBufferPointer { FloatSort.sort($0) }
            #expect(a.map(\.bitPattern) == want.map(\.bitPattern), "n=\(n): radix order differs")
            #expect(zip(a, a.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test("A day's quantile sorts its slice only; later whole-range quantiles are still exact")
    func rangeThenWhole() {
        var rng = RandomStream(seed: 9, stream: "range")
        var w = WaitSamples(), ref = Samples(), day = Samples()
        for i in 0..<2_000 {
            let x = Double(Float(30 * rng.nextUniform()))
            w.add(x); ref.add(x); if i >= 500 && i < 1_300 { day.add(x) }
        }
        #expect(abs(w.quantile(0.9, in: 500..<1_300) - day.quantile(0.9)) <= 1e-12 * day.quantile(0.9))
        for p in [0.5, 0.9, 0.95] { #expect(abs(w.quantile(p) - ref.quantile(p)) <= 1e-12 * ref.quantile(p)) }
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
