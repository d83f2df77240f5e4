import Testing
@testable import Experiments

@Suite struct SweepSpecTests {
    @Test func fullGridRunsLikeAnOdometerLastFastest() throws {
        let spec = try SweepSpec(vary: ["staff.citizen=3:4:1", "policy=fifo,shortest,priority"])
        #expect(spec.points.map(\.key) == [
            "staff.citizen=3;policy=fifo", "staff.citizen=3;policy=shortest", "staff.citizen=3;policy=priority",
            "staff.citizen=4;policy=fifo", "staff.citizen=4;policy=shortest", "staff.citizen=4;policy=priority",
        ])
        #expect(spec.points.map(\.index) == Array(0..<6))
        #expect(spec.points[4].settings == [
            SweepSetting(key: "staff.citizen", value: "4"), SweepSetting(key: "policy", value: "shortest"),
        ])
    }

    @Test func gridSizeIsTheProduct() throws {
        let spec = try SweepSpec(vary: ["a=1:5:1", "b=x,y", "c=0.1:0.3:0.1"])
        #expect(spec.points.count == 5 * 2 * 3)
        #expect(Set(spec.points.map(\.key)).count == 30)
    }

    @Test func refusals() {
        #expect(throws: SweepSpecError.nothingToVary) { try SweepSpec(vary: []) }
        #expect(throws: SweepSpecError.duplicateKey("a")) { try SweepSpec(vary: ["a=1,2", "b=3", "a=4"]) }
        #expect(throws: SweepSpecError.tooManyPoints(SweepSpec.maximumPoints)) {
            try SweepSpec(vary: ["a=1:1000:1", "b=1:1000:1", "c=1:1000:1"])
        }
    }

    @Test func shardsPartitionThePoints() throws {
        let spec = try SweepSpec(vary: ["a=1:7:1"])
        #expect(try spec.shard(2, of: 3).map(\.index) == [1, 4])
        #expect(try spec.shard(1, of: 3).map(\.index) == [0, 3, 6])
        for n in 1...9 {
            var seen: [Int] = []
            for i in 1...n { seen += try spec.shard(i, of: n).map(\.index) }
            #expect(seen.sorted() == Array(0..<7), "shards of \(n) must hold every point once: \(seen)")
        }
        #expect(spec.points(in: .whole) == spec.points)
    }

    @Test func shardParsing() throws {
        let shard = try SweepShard(parsing: "3/8")
        #expect(shard.index == 3 && shard.count == 8 && shard.description == "3/8")
        for bad in ["0/8", "9/8", "3", "a/b", "3/0", "1/-1", "", "1/2/3"] {
            #expect(throws: SweepSpecError.malformedShard(argument: bad), "\(bad)") { try SweepShard(parsing: bad) }
        }
        #expect(throws: SweepSpecError.self) { try SweepShard(0, of: 2) }
    }

    @Test func identityIsStableAndCoversWhatDecidesResults() throws {
        let spec = try SweepSpec(vary: ["staff.citizen=3:4:1", "policy=fifo,shortest"])
        let id = spec.identity(scenarioHash: "abc", seed: 42, replications: 30, dayRange: "tue")
        // Pinned: the hash is the sweep's identity in stored files, so it must
        // not change between versions or platforms.
        #expect(id.specJSON == """
            {"format":1,"scenario_hash":"abc","seed":42,"replications":30,"days":"tue",\
            "vary":[{"key":"staff.citizen","range":["3","4","1"],"values":["3","4"]},\
            {"key":"policy","values":["fifo","shortest"]}],"sampling":"grid","points":4}
            """)
        #expect(id.specHash == fnv1a64Hex(id.specJSON) && id.specHash.count == 16)

        let same = try SweepSpec(vary: ["staff.citizen = 3:4:1", "policy=fifo, shortest"])
        #expect(same.identity(scenarioHash: "abc", seed: 42, replications: 30, dayRange: "tue") == id)

        let others = [
            spec.identity(scenarioHash: "abd", seed: 42, replications: 30, dayRange: "tue"),
            spec.identity(scenarioHash: "abc", seed: 43, replications: 30, dayRange: "tue"),
            spec.identity(scenarioHash: "abc", seed: 42, replications: 31, dayRange: "tue"),
            spec.identity(scenarioHash: "abc", seed: 42, replications: 30, dayRange: "wed"),
            spec.identity(scenarioHash: "abc", seed: 42, replications: 30, dayRange: "tue", extra: ["warmup": "1h"]),
            try SweepSpec(vary: ["policy=fifo,shortest", "staff.citizen=3:4:1"])
                .identity(scenarioHash: "abc", seed: 42, replications: 30, dayRange: "tue"),
            try SweepSpec(vary: ["staff.citizen=3,4", "policy=fifo,shortest"])
                .identity(scenarioHash: "abc", seed: 42, replications: 30, dayRange: "tue"),
            try SweepSpec(vary: ["staff.citizen=3:4:1", "policy=fifo,shortest"], latinHypercube: 2, seed: 42)
                .identity(scenarioHash: "abc", seed: 42, replications: 30, dayRange: "tue"),
        ]
        #expect(Set(others.map(\.specHash) + [id.specHash]).count == others.count + 1)
    }

    @Test func extraFieldsAreOrderIndependent() throws {
        let spec = try SweepSpec(vary: ["a=1,2"])
        let a = spec.identity(scenarioHash: "h", seed: 1, replications: 2, dayRange: "d", extra: ["x": "1", "y": "2"])
        let b = spec.identity(scenarioHash: "h", seed: 1, replications: 2, dayRange: "d", extra: ["y": "2", "x": "1"])
        #expect(a == b)
        #expect(a.specJSON.hasSuffix(",\"extra\":{\"x\":\"1\",\"y\":\"2\"}}"))
    }

    @Test func fnvKnownAnswers() {
        // Published FNV-1a 64-bit test vectors.
        #expect(fnv1a64Hex("") == "cbf29ce484222325")
        #expect(fnv1a64Hex("a") == "af63dc4c8601ec8c")
        #expect(fnv1a64Hex("foobar") == "85944171f73967e8")
    }

    @Test func jsonStringEscapes() {
        #expect(jsonString("a\"b\\c\nd\u{01}市民課") == "\"a\\\"b\\\\c\\nd\\u0001市民課\"")
    }
}
