import Foundation
import Testing
@testable import WardModel

/// Shared helpers for the scenario tests.
enum ScenarioFixtures {
    /// The repository's `scenarios/` directory, found from this source file.
    static let scenariosDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios")

    static let shipped = ["baseline", "reservations", "no-writing", "ai-consultation", "convenience-store",
                          "online-backoffice", "smart-ward-office", "baseline-peak", "smart-ward-office-peak",
                          "kitakyushu-city"]

    static func path(_ name: String) -> String {
        scenariosDirectory.appendingPathComponent(name + ".yaml").path
    }

    static let baselineText: String = {
        (try? String(contentsOfFile: path("baseline"), encoding: .utf8)) ?? ""
    }()

    /// 1-based line of the first line containing `fragment`.
    static func line(of fragment: String, in text: String) -> Int? {
        guard let range = text.range(of: fragment) else { return nil }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    /// The baseline with one exact substring replaced (the test fails if absent).
    static func baseline(replacing old: String, with new: String,
                         sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(baselineText.contains(old), "fixture text `\(old)` not in baseline.yaml", sourceLocation: sourceLocation)
        return baselineText.replacingOccurrences(of: old, with: new)
    }
}

/// A scratch directory, removed when the value is released.
final class TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wardsim-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}

/// The error a load throws, or nil (recording a test failure) if it succeeds.
func loadError(_ body: () throws(ScenarioError) -> LoadedScenario,
               sourceLocation: SourceLocation = #_sourceLocation) -> ScenarioError? {
    do {
        _ = try body()
        Issue.record("expected a ScenarioError, but the scenario loaded", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// CPU seconds this thread spent in `body`: the work done, unaffected by
/// other processes competing for the cores (wall time is not).
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}
