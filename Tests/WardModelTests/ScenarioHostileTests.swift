import Foundation
import Testing
@testable import WardModel

/// Hostile files fail fast and cleanly: no hang, no crash, no huge allocation.
@Suite("Hostile scenario files")
struct ScenarioHostileTests {
    /// The classic billion laughs: 9 levels of 9 aliases = 9⁹ ≈ 387 M strings.
    static let billionLaughs: String = {
        var text = "version: 1\nlol0: &lol0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for i in 1...8 {
            text += "lol\(i): &lol\(i) [" + Array(repeating: "*lol\(i - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        return text
    }()

    func expectFastError(_ text: String, _ fragment: String, line: Int? = nil,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        var error: ScenarioError?
        let elapsed = seconds {
            error = loadError({ () throws(ScenarioError) in try ScenarioLoader.load(yaml: text, name: "hostile") },
                              sourceLocation: sourceLocation)
        }
        #expect(elapsed < 1, "took \(elapsed) s", sourceLocation: sourceLocation)
        guard let error else { return }
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        if let line { #expect(error.line == line, "\(error)", sourceLocation: sourceLocation) }
    }

    @Test func billionLaughsStopsAtTheNodeLimit() {
        expectFastError(Self.billionLaughs, "more than 200000 values once aliases are expanded", line: 7)
    }

    @Test func aliasBombAsAMappingKey() {
        // Yams' composer would hash this key (walking 9⁸ nodes) before any check of ours.
        expectFastError(Self.billionLaughs.split(separator: "\n").prefix(6).joined(separator: "\n") + "\n? *lol4\n: x\n",
                        "mapping keys must be plain text, not a list", line: 7)
        expectFastError("version: 1\na: &a [1]\n? *a\n: x\n", "mapping keys must be plain text, not a list", line: 3)
    }

    @Test func aliasesWithinLimitsWork() throws {
        // Anchors, aliases and merge keys are fine in moderation (rosters share shifts).
        let text = ScenarioFixtures.baseline(
            replacing: "          - {name: counter wave 1, count: 4, shifts: [\"08:30-11:30\", \"12:30-17:15\"]}",
            with: "          - &wave {name: counter wave 1, count: 4, shifts: &lunch1 [\"08:30-11:30\", \"12:30-17:15\"]}")
            .replacingOccurrences(of: "          - {name: counter wave 2, count: 4, shifts: [\"08:30-12:30\", \"13:30-17:15\"]}",
                                  with: "          - {<<: *wave, name: counter wave 2, shifts: [\"08:30-12:30\", \"13:30-17:15\"]}")
        let loaded = try ScenarioLoader.load(yaml: text, name: "anchors")
        let base = try ScenarioLoader.load(yaml: ScenarioFixtures.baselineText, name: "anchors")
        #expect(loaded.scenario == base.scenario)
    }

    @Test func undefinedAlias() {
        expectFastError("version: 1\nname: *nowhere\n", "alias *nowhere refers to no anchor", line: 2)
    }

    @Test("deep nesting: 10 000 levels in flow and block style")
    func deepNesting() {
        expectFastError("version: 1\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n",
                        "nested more than 64 levels deep", line: 2)
        expectFastError("version: 1\nx: " + String(repeating: "{a: ", count: 10_000) + String(repeating: "}", count: 10_000) + "\n",
                        "nested more than 64 levels deep", line: 2)
        var block = "version: 1\n"
        for i in 0..<2_000 { block += String(repeating: " ", count: i) + "k:\n" }
        expectFastError(block, "nested more than 64 levels deep")
        expectFastError("version: 1\nx:\n" + String(repeating: "- ", count: 10_000) + "1\n", "nested more than 64 levels deep")
    }

    @Test func deepAliasNesting() {
        // Each level is shallow, but the alias stacks them.
        var text = "version: 1\na0: &a0 [1]\n"
        for i in 1...70 { text += "a\(i): &a\(i) [*a\(i - 1)]\n" }
        expectFastError(text, "nests values more than 64 levels deep")
    }

    @Test func manyValuesWithoutAliases() {
        // 2 bytes a value: 4 MB of text would be 2 M values.
        expectFastError("version: 1\nx: [" + String(repeating: "1,", count: 300_000) + "1]\n",
                        "more than 200000 values")
    }

    @Test func hundredMegabyteFileIsRefusedBeforeReading() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("huge.yaml").path
        // A sparse 100 MB file: creating it costs nothing; reading it would.
        #expect(FileManager.default.createFile(atPath: path, contents: Data("version: 1\n".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        var error: ScenarioError?
        let elapsed = seconds { error = loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: path) } }
        #expect(elapsed < 0.5, "took \(elapsed) s")
        #expect(error?.message == "the file is 100 MB; scenario files are limited to 4 MB")
        #expect(error?.file == path)
    }

    @Test func textOverTheLimitIsRefused() {
        var limits = ScenarioLimits()
        limits.maximumFileBytes = 1_000
        let e = loadError { () throws(ScenarioError) in
            try ScenarioLoader.load(yaml: ScenarioFixtures.baselineText, name: "x", limits: limits)
        }
        #expect(e?.message.contains("longer than 1000 bytes") == true)
    }

    @Test func extendsCycle() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a.yaml", "version: 1\nextends: b.yaml\n")
        try dir.write("b.yaml", "version: 1\nname: b\nextends: sub/c.yaml\n")
        try dir.write("sub/c.yaml", "version: 1\nextends: ../a.yaml\n")
        let e = try #require(loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: a) })
        #expect(e.message == "cycle: \(a) → \(dir.path)/b.yaml → \(dir.path)/sub/c.yaml → \(a)")
        #expect(e.file == "\(dir.path)/sub/c.yaml" && e.line == 2 && e.keyPath == "extends")
        try dir.write("self.yaml", "version: 1\nextends: self.yaml\n")
        let selfLoop = try #require(loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: dir.path + "/self.yaml") })
        #expect(selfLoop.message.hasPrefix("cycle:"))
    }

    @Test func extendsMayNotEscapeTheDirectory() throws {
        let outer = try TemporaryDirectory()
        try outer.write("secret.yaml", "version: 1\nname: secret\n")
        let top = try outer.write("scenarios/top.yaml", "version: 1\nextends: ../secret.yaml\n")
        let e = try #require(loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: top) })
        #expect(e.message.contains("is outside the scenario directory"), "\(e)")
        #expect(e.line == 2 && e.column == 10)

        try outer.write("scenarios/abs.yaml", "version: 1\nextends: /etc/passwd\n")
        let abs = try #require(loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: outer.path + "/scenarios/abs.yaml") })
        #expect(abs.message == "/etc/passwd is an absolute path; write a path relative to this file")

        // A symlink inside the directory that points outside is followed, then refused.
        try FileManager.default.createSymbolicLink(atPath: outer.path + "/scenarios/link.yaml",
                                                   withDestinationPath: outer.path + "/secret.yaml")
        try outer.write("scenarios/vialink.yaml", "version: 1\nextends: link.yaml\n")
        let link = try #require(loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: outer.path + "/scenarios/vialink.yaml") })
        #expect(link.message.contains("is outside the scenario directory"), "\(link)")

        try FileManager.default.createSymbolicLink(atPath: outer.path + "/scenarios/zero.yaml", withDestinationPath: "/dev/zero")
        try outer.write("scenarios/viazero.yaml", "version: 1\nextends: zero.yaml\n")
        let zero = try #require(loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: outer.path + "/scenarios/viazero.yaml") })
        #expect(zero.message.contains("is outside the scenario directory"), "\(zero)")

        try outer.write("scenarios/missing.yaml", "version: 1\nextends: nothere.yaml\n")
        let missing = try #require(loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: outer.path + "/scenarios/missing.yaml") })
        #expect(missing.message == "no such file \(outer.path)/scenarios/nothere.yaml")
    }

    @Test func specialFilesAreRefused() throws {
        let dir = try TemporaryDirectory()
        let fifo = dir.path + "/fifo.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        var error: ScenarioError?
        let elapsed = seconds { error = loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: fifo) } }
        #expect(elapsed < 1)
        #expect(error?.message == "is not a regular file")
        let device = loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: "/dev/zero") }
        #expect(device?.message == "is not a regular file")
        let directory = loadError { () throws(ScenarioError) in try ScenarioLoader.load(path: dir.path) }
        #expect(directory?.message == "is a directory, not a scenario file")
    }

    @Test func binaryAndOddText() {
        expectFastError("version: 1\nname: a\u{0}b\n", "not readable as UTF-8 YAML text", line: 2)
        let bytes: [UInt8] = Array("version: 1\nname: ".utf8) + [0xFF, 0xFE, 0x00] + Array("\n".utf8)
        let e = loadError { () throws(ScenarioError) in try ScenarioLoader.load(bytes: bytes, name: "bin") }
        #expect(e?.message.contains("UTF-8") == true && e?.line == 2)
        expectFastError("version: 1\n---\nversion: 1\n", "holds one YAML document", line: 2)
        expectFastError("", "empty")
        expectFastError("# only a comment\n", "empty")
        expectFastError("just text", "expected a scenario")
    }
}
