import Foundation
import Testing
@testable import RunStore

@Suite struct ComparisonTests {
    @Test func comparisonsRoundTripInOrder() throws {
        try withTemporaryDirectory { dir in
            let store = try RunStore.open(path: dir + "/c.sqlite")
            #expect(try store.comparisons().isEmpty)
            let base = try storeRun(store, sampleRun(scenario: "baseline"))
            let a = try storeRun(store, sampleRun(scenario: "reservations"))
            let b = try storeRun(store, sampleRun(scenario: "no-forms"))

            // Others keep the command-line order, not id order.
            let first = try store.beginComparison(base: base, others: [b, a], label: "bpr", note: "cap reached")
            let second = try store.beginComparison(base: a, others: [base])
            #expect(first < second)

            let record = try #require(try store.comparison(first))
            #expect(record.id == first && record.label == "bpr" && record.note == "cap reached")
            #expect(record.baseRun == base && record.otherRuns == [b, a] && record.allRuns == [base, b, a])
            let created = try #require(record.createdAt)
            #expect(abs(created.timeIntervalSinceNow) < 600)

            let all = try store.comparisons()
            #expect(all.map(\.id) == [first, second])
            #expect(all[1].label == "" && all[1].note == nil && all[1].otherRuns == [base])
            #expect(try store.comparison(ComparisonID(99)) == nil)

            // The view planners query from the sqlite3 shell: base at position 0.
            let view = try store.db.prepare(
                "SELECT position, role, run_id, scenario_name FROM comparison_list WHERE comparison_id = ? ORDER BY position")
            try view.bind(first.rawValue, at: 1)
            var rows: [String] = []
            while try view.step() { rows.append("\(view.int(0)) \(view.string(1)) \(view.int(2)) \(view.string(3))") }
            #expect(rows == ["0 base \(base) baseline", "1 other \(b) no-forms", "2 other \(a) reservations"])
        }
    }

    @Test func comparisonNeedsExistingRunsAndWritesNothingOtherwise() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/c.sqlite"
            let store = try RunStore.open(path: path)
            let base = try storeRun(store, sampleRun())
            #expect(throws: RunStoreError.unknownRun(path: path, id: RunID(7))) {
                try store.beginComparison(base: base, others: [RunID(7)])
            }
            #expect(throws: RunStoreError.unknownRun(path: path, id: RunID(8))) {
                try store.beginComparison(base: RunID(8), others: [base])
            }
            #expect(try store.comparisons().isEmpty)
            #expect(try store.db.scalarInt("SELECT count(*) FROM comparison_runs") == 0)

            let readOnly = try RunStore.open(path: path, mode: .readOnly)
            #expect(throws: RunStoreError.readOnly(path: path)) {
                try readOnly.beginComparison(base: base, others: [base])
            }
        }
    }

    /// Merging maps a comparison's runs to the destination's runs (copied or
    /// already present), copies it once however often it is merged, and
    /// leaves out one whose runs are not all finished.
    @Test func mergeCopiesComparisonsOfFinishedRuns() throws {
        try withTemporaryDirectory { dir in
            let a = dir + "/a.sqlite", b = dir + "/b.sqlite", merged = dir + "/m.sqlite"
            do {
                let store = try RunStore.open(path: a)
                let base = try storeRun(store, sampleRun(seed: 5, scenario: "baseline"))
                let other = try storeRun(store, sampleRun(seed: 5, scenario: "reservations"))
                _ = try store.beginComparison(base: base, others: [other], label: "one", note: "n")
                let unfinished = try store.beginRun(sampleRun(seed: 5, scenario: "ai-desk"))
                _ = try store.beginComparison(base: base, others: [unfinished], label: "killed")
            }
            do {
                // B holds the same baseline run (same key) plus another scenario.
                let store = try RunStore.open(path: b)
                let base = try storeRun(store, sampleRun(seed: 5, scenario: "baseline"))
                let other = try storeRun(store, sampleRun(seed: 5, scenario: "no-forms"))
                _ = try store.beginComparison(base: base, others: [other], label: "two")
            }
            let store = try RunStore.open(path: merged)
            // Something already in the destination shifts the ids.
            try storeRun(store, sampleRun(seed: 77))

            let first = try store.merge(from: a)
            #expect(first.comparisonsAdded == 1 && first.runsAdded == 2 && first.runsUnfinished == 1)
            let second = try store.merge(from: b)
            #expect(second.comparisonsAdded == 1 && second.runsAdded == 1 && second.runsSkipped == 1)
            #expect(try store.merge(from: a).comparisonsAdded == 0)
            #expect(try store.merge(from: b).comparisonsAdded == 0)

            let comparisons = try store.comparisons()
            #expect(comparisons.map(\.label) == ["one", "two"])
            let names = { (id: RunID) in try store.run(id)?.scenarioName ?? "?" }
            let one = comparisons[0], two = comparisons[1]
            #expect(try one.allRuns.map(names) == ["baseline", "reservations"] && one.note == "n")
            #expect(try two.allRuns.map(names) == ["baseline", "no-forms"])
            #expect(one.baseRun == two.baseRun, "B's baseline is A's (same run key), copied once")
            #expect(MergeText.line(source: "b", second) == "b: 1 run added, 1 already present, 1 comparison added")
        }
    }
}
