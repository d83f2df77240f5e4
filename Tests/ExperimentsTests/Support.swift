import Foundation
import WardModel

/// The repository's `scenarios/` directory, found from this source file.
let scenariosDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios").path

func scenarioPath(_ name: String) -> String { scenariosDirectory + "/" + name + ".yaml" }

func loadScenario(_ name: String, _ overrides: [String] = []) throws -> LoadedScenario {
    try ScenarioLoader.load(path: scenarioPath(name), overrides: overrides)
}

/// A fresh temporary directory, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("experiments-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    return try body(dir)
}

/// The citizen section's counter staff: three lunch waves of `perWave` each.
func citizenStaff(perWave: Int) -> [String] {
    (0..<3).map { "offices[0].sections[0].staff[\($0)].count=\(perWave)" }
}
