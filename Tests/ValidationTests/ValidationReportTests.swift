import Foundation
import SimKernel
import Testing
@testable import Validation

/// What `wardsim validate` prints.
@Suite struct ValidationReportTests {
    /// Two hand-made outcomes: one covered, one not.
    let outcomes: [ValidationOutcome] = [
        ValidationOutcome(caseName: "M/M/1 ρ=0.9", measure: "Wq", exact: 9, estimates: [8.9, 9.1, 9.05],
                          interval95: ConfidenceInterval(mean: 9.0167, halfWidth: 0.1, count: 3, level: 0.95),
                          interval99: ConfidenceInterval(mean: 9.0167, halfWidth: 0.2, count: 3, level: 0.99)),
        ValidationOutcome(caseName: "wrong", measure: "P(wait)", exact: 0.5, estimates: [0.6, 0.61],
                          interval95: ConfidenceInterval(mean: 0.605, halfWidth: 0.01, count: 2, level: 0.95),
                          interval99: ConfidenceInterval(mean: 0.605, halfWidth: 0.02, count: 2, level: 0.99)),
    ]

    @Test func jsonHasExactlyTheDocumentedKeys() throws {
        let text = try ValidationReport.json(outcomes)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        for object in array {
            #expect(Set(object.keys) == ["case", "measure", "exact", "simulated", "ci_low", "ci_high", "covered"])
        }
        #expect(array[0]["case"] as? String == "M/M/1 ρ=0.9")
        #expect(array[0]["measure"] as? String == "Wq")
        #expect(array[0]["exact"] as? Double == 9)
        #expect(array[0]["simulated"] as? Double == 9.0167)
        #expect(abs((array[0]["ci_low"] as? Double ?? 0) - 8.8167) < 1e-12, "ci_low is the 99 % interval")
        #expect(abs((array[0]["ci_high"] as? Double ?? 0) - 9.2167) < 1e-12)
        #expect(array[0]["covered"] as? Bool == true)
        #expect(array[1]["covered"] as? Bool == false)
    }

    @Test func tableShowsValuesIntervalsAndVerdicts() {
        let lines = ValidationReport.table(outcomes).split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("case") && lines[0].contains("exact") && lines[0].contains("95 % CI")
                && lines[0].hasSuffix("verdict"))
        #expect(lines[2].contains("M/M/1 ρ=0.9") && lines[2].contains("9.0167") && lines[2].contains("[8.9167, 9.1167]")
                && lines[2].hasSuffix("covered"))
        #expect(lines[3].hasSuffix("NOT COVERED"))
        #expect(lines[4] == "1 of 2 measures covered by their 99 % interval; 1 by their 95 % interval.")
        // Columns line up: every verdict starts at the same offset.
        #expect(lines[2].firstRange(of: "covered")?.lowerBound.utf16Offset(in: lines[2])
                == lines[3].firstRange(of: "NOT COVERED")?.lowerBound.utf16Offset(in: lines[3]))
    }
}
