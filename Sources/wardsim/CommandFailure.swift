import ArgumentParser
import Experiments
import Foundation
import RunStore
import WardModel

/// Exit codes of `wardsim`:
///
/// | code | meaning |
/// |---|---|
/// | 0 | success |
/// | 1 | a run failed: the simulation stopped with an error |
/// | 2 | bad input: a malformed option value, an unknown run, sweep or comparison id, a bad `--vary` |
/// | 3 | run-store error: not a wardsim database, newer schema, read-only file, missing file or directory, locked, I/O |
/// | 64 | usage error found by the argument parser (unknown option, missing argument), printed with the usage |
///
/// Errors a user can cause are one line on stderr, `wardsim: <message>`,
/// never a stack trace; stdout carries results only.
enum ExitStatus: Int32 {
    case runFailure = 1
    case badInput = 2
    case storeError = 3
}

/// An error a command reports as one line with a given exit status.
///
/// ```swift
/// throw CommandFailure(.badInput, "run id must be a whole number such as 3, got \"abc\"")
/// ```
struct CommandFailure: Error {
    let status: ExitStatus
    let message: String
    init(_ status: ExitStatus, _ message: String) { self.status = status; self.message = message }
}

/// Runs a command's body and turns whatever it throws into one line on
/// stderr and an exit status (see `ExitStatus`). Use as the whole body of
/// `run()`:
///
/// ```swift
/// func run() throws { try reportingFailures { … } }
/// ```
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let exit as CleanExit {
        throw exit
    } catch let scenario as ScenarioError {
        // A scenario may have several problems: one line each.
        for line in scenario.description.split(whereSeparator: \.isNewline) { writeError(String(line)) }
        throw ExitCode(ExitStatus.badInput.rawValue)
    } catch {
        let (status, message) = describe(error)
        writeError("wardsim: " + message)
        throw ExitCode(status.rawValue)
    }
}

/// The exit status and message for an error.
func describe(_ error: any Error) -> (ExitStatus, String) {
    switch error {
    case let failure as CommandFailure:
        return (failure.status, failure.message)
    case let store as RunStoreError:
        switch store {
        case .unknownRun, .unknownSweep, .unknownComparison, .mergeIntoItself: return (.badInput, store.description)
        default: return (.storeError, store.description)
        }
    case let spec as SweepSpecError:
        return (.badInput, spec.description)
    default:
        return (.runFailure, String(describing: error))
    }
}

/// Writes one line to stderr; embedded line breaks become spaces, so an
/// error is always exactly one line.
func writeError(_ line: String) {
    let single = line.split(whereSeparator: \.isNewline).joined(separator: " ")
    FileHandle.standardError.write(Data((single + "\n").utf8))
}

/// Writes results to stdout as they are (the text brings its own newlines).
func writeOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
