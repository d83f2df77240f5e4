import ArgumentParser
import RunStore

/// `wardsim comparisons [--json] [--db FILE]`: the comparisons in the store.
struct ComparisonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comparisons",
        abstract: "List the stored comparisons (id, created, base run, other runs, label); report one with `wardsim report --compare ID`.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Write JSON instead of a table.")
    var json = false

    func run() throws {
        try reportingFailures {
            let db = try store.open(.readOnly)
            let comparisons = try db.comparisons()
            if json {
                writeOutput(ComparisonListing.json(comparisons))
            } else if comparisons.isEmpty {
                writeError("\(db.path) has no comparisons yet (`wardsim compare … --db \(db.path)` stores one)")
            } else {
                writeOutput(ComparisonListing.table(comparisons))
            }
        }
    }
}
