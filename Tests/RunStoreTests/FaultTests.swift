import Foundation
import Testing
@testable import RunStore

/// Files the store must refuse with one clear line, leaving them untouched.
@Suite struct FaultTests {
    /// Opens `path`, expects `expected`, and checks that the file's bytes and
    /// the directory listing did not change.
    func expectRefusal(_ path: String, in dir: String, _ expected: (RunStoreError) -> Bool,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let before = fileBytes(path), listing = directoryListing(dir)
        do {
            _ = try RunStore.open(path: path)
            Issue.record("opening \(path) should have failed", sourceLocation: sourceLocation)
        } catch {
            #expect(expected(error), "unexpected error: \(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n") && error.description.contains(path),
                    "one line naming the file: \(error.description)", sourceLocation: sourceLocation)
        }
        #expect(fileBytes(path) == before, "the file's bytes changed", sourceLocation: sourceLocation)
        #expect(directoryListing(dir) == listing, "files appeared or vanished: \(directoryListing(dir))",
                sourceLocation: sourceLocation)
    }

    @Test func textFileIsNotAWardsimDatabase() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/notes.txt"
            try "minutes of the meeting\n".write(toFile: path, atomically: true, encoding: .utf8)
            expectRefusal(path, in: dir) {
                if case .notWardsimDatabase(_, let reason) = $0 { return reason.contains("not an SQLite file") }
                return false
            }
        }
    }

    @Test func sqliteFileOfAnotherApplicationIsRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/other.sqlite"
            do {
                let db = try Database(path: path)
                try db.execute("CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('x'); PRAGMA application_id = 1234")
            }
            expectRefusal(path, in: dir) {
                if case .notWardsimDatabase(_, let reason) = $0 { return reason.contains("another application") }
                return false
            }
        }
    }

    @Test func sqliteFileWithoutApplicationIDButWithTablesIsRefused() throws {
        // Passes the header check (application_id 0, as for a fresh file), so
        // this exercises the check inside the opening transaction.
        try withTemporaryDirectory { dir in
            let path = dir + "/plain.sqlite"
            do {
                let db = try Database(path: path)
                try db.execute("CREATE TABLE runs(id INTEGER); INSERT INTO runs VALUES (1)")
            }
            expectRefusal(path, in: dir) {
                if case .notWardsimDatabase(_, let reason) = $0 { return reason.contains("without wardsim's tables") }
                return false
            }
        }
    }

    @Test func newerSchemaIsRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/future.sqlite"
            _ = try storeRun(try RunStore.open(path: path), sampleRun())
            do {
                let db = try Database(path: path)
                try db.execute("PRAGMA user_version = 7")
            }
            expectRefusal(path, in: dir) { $0 == .newerSchema(path: path, found: 7, known: Schema.currentVersion) }
            #expect(throws: RunStoreError.newerSchema(path: path, found: 7, known: Schema.currentVersion)) {
                try RunStore.open(path: path, mode: .readOnly)
            }
        }
    }

    @Test func newerSchemaStillInTheWALIsRefusedBeforeAnyWrite() throws {
        // The header on disk still says version 1 while the change sits in the
        // WAL of a connection that stays open: the check inside SQLite catches it.
        try withTemporaryDirectory { dir in
            let path = dir + "/future-wal.sqlite"
            _ = try storeRun(try RunStore.open(path: path), sampleRun())
            let holder = try Database(path: path)
            try holder.execute("PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 9")
            let before = fileBytes(path)
            #expect(throws: RunStoreError.newerSchema(path: path, found: 9, known: Schema.currentVersion)) {
                try RunStore.open(path: path)
            }
            #expect(fileBytes(path) == before)
        }
    }

    @Test func readOnlyFileIsRefusedForWritingButCanBeRead() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/archive.sqlite"
            let id = try storeRun(try RunStore.open(path: path), sampleRun())
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
            expectRefusal(path, in: dir) { $0 == .readOnly(path: path) }
            let reader = try RunStore.open(path: path, mode: .readOnly)
            #expect(try reader.run(id)?.status == .done)
            #expect(throws: RunStoreError.readOnly(path: path)) { try reader.beginRun(sampleRun()) }
        }
    }

    @Test func missingDirectoryIsReported() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/no/such/dir/w.sqlite"
            #expect(throws: RunStoreError.directoryMissing(path: path, directory: dir + "/no/such/dir")) {
                try RunStore.open(path: path)
            }
            #expect(!FileManager.default.fileExists(atPath: dir + "/no"))
            #expect(throws: RunStoreError.fileMissing(path: path)) { try RunStore.open(path: path, mode: .readOnly) }
            #expect(throws: RunStoreError.fileMissing(path: dir + "/absent.sqlite")) {
                try RunStore.open(path: dir + "/absent.sqlite", mode: .readOnly)
            }
            #expect(directoryListing(dir).isEmpty, "read-only open must not create the file")
        }
    }

    @Test func directoryInsteadOfFileIsRefused() throws {
        try withTemporaryDirectory { dir in
            #expect(throws: RunStoreError.notWardsimDatabase(path: dir, reason: "it is a directory")) {
                try RunStore.open(path: dir)
            }
        }
    }

    @Test func lockHeldBeyondTheTimeoutIsReportedAsBusy() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/busy.sqlite"
            let store = try RunStore.open(path: path, busyTimeout: .milliseconds(100))
            let id = try store.beginRun(sampleRun())
            let other = try Database(path: path)
            try other.execute("BEGIN IMMEDIATE")
            let clock = ContinuousClock()
            let start = clock.now
            #expect(throws: RunStoreError.busy(path: path, waited: .milliseconds(100))) {
                try store.record(kpis: sampleKPIs(replications: 1)[0], for: id)
            }
            #expect(clock.now - start >= .milliseconds(90), "must wait for the busy timeout before giving up")
            try other.execute("ROLLBACK")
            try store.record(kpis: sampleKPIs(replications: 1)[0], for: id)
            #expect(try store.kpis(run: id).count == 4)
            #expect(RunStoreError.busy(path: path, waited: .milliseconds(100)).description
                    == "\(path) is locked by another process (waited 100 ms); try again later")
        }
    }
}
