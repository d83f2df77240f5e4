import Testing
@testable import WardModel

/// The counters that key per-citizen draws must never give two draws of a
/// day the same word: that would silently correlate two stage times.
@Suite("Stream keys")
struct StreamKeysTests {
    @Test func stageCountersAreDistinctWithinScenarioLimits() {
        var seen = Set<UInt64>()
        var made = 0
        // At most 32 procedures a visit, 64 stages a procedure, one repetition.
        for demand: Int32 in [0, 1, 2, 1_000, Int32.max] {
            for pos in 0..<32 {
                for original in 0..<64 {
                    for rep in 0..<2 {
                        seen.insert(StreamKeys.stageCounter(demand: demand, pos: pos, original: original, rep: rep))
                        made += 1
                    }
                }
            }
        }
        #expect(seen.count == made)
    }

    @Test func procedureCountersAreDistinct() {
        var seen = Set<UInt64>()
        for demand: Int32 in [0, 1, 255, 256, Int32.max] { for pos in 0..<32 { seen.insert(StreamKeys.procedureCounter(demand: demand, pos: pos)) } }
        #expect(seen.count == 5 * 32)
    }

    @Test func uniformsStayInsideTheOpenInterval() {
        for word: UInt64 in [0, 1, .max, .max - 1, 1 << 63] {
            let u = StreamKeys.uniform(word)
            #expect(u > 0 && u < 1, "word \(word) gave \(u)")
        }
    }
}
