import ArgumentParser
import RunStore

/// `--db FILE`: which run-store file a command uses. Shared by every
/// command that reads or writes runs (`@OptionGroup var store: StoreOptions`).
///
/// Precedence: `--db`, then the `WARDSIM_DB` environment variable, then
/// `wardsim.sqlite` in the working directory (`RunStore.path(option:)`).
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"),
            help: ArgumentHelp("The run-store file (default: $WARDSIM_DB, else wardsim.sqlite).", valueName: "file"))
    var db: String?

    var path: String { RunStore.path(option: db) }

    /// Opens the store. Commands that only read open it `.readOnly`, so they
    /// never create a file and never migrate one.
    func open(_ mode: RunStore.AccessMode) throws -> RunStore {
        let path = self.path
        do {
            return try RunStore.open(path: path, mode: mode)
        } catch {
            // The default file is missing: say how to choose another.
            guard case .fileMissing = error, db == nil else { throw error }
            throw CommandFailure(
                .storeError, "\(path) does not exist; choose a run store with --db FILE or \(RunStore.environmentVariable)")
        }
    }
}

/// Parses a run or sweep id as typed on the command line.
///
/// ```swift
/// let id = try parseID("3", what: "run")   // 3
/// try parseID("abc", what: "run")          // CommandFailure: run id must be a whole number such as 3, got "abc"
/// ```
func parseID(_ text: String, what: String) throws -> Int64 {
    guard let id = Int64(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
        throw CommandFailure(.badInput, "\(what) id must be a whole number such as 3, got \"\(text)\"")
    }
    return id
}
