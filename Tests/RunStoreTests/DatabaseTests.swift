import Foundation
import Testing
@testable import RunStore

@Suite struct DatabaseTests {
    @Test func bindsAndReadsEveryType() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(i INTEGER, d REAL, s TEXT, b BLOB, n)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        try insert.bind([Int.max, 2.5, "héllo 区役所", Data([0, 1, 255]), nil])
        try insert.run()
        // Empty text and blob stay empty, not NULL; NaN becomes NULL.
        try insert.bind([Int64.min, Double.nan, "", Data(), UInt64.max])
        try insert.run()

        let query = try db.prepare("SELECT i, d, s, b, n, s IS NULL, b IS NULL FROM t ORDER BY rowid")
        #expect(try query.step())
        #expect(query.int(0) == Int.max)
        #expect(query.double(1) == 2.5)
        #expect(query.string(2) == "héllo 区役所")
        #expect(query.data(3) == Data([0, 1, 255]))
        #expect(query.isNull(4))
        #expect(try query.step())
        #expect(query.int64(0) == Int64.min)
        #expect(query.isNull(1) && query.double(1).isNaN)
        #expect(query.string(2) == "" && query.int(5) == 0, "empty string must not be stored as NULL")
        #expect(query.data(3).isEmpty && query.int(6) == 0, "empty blob must not be stored as NULL")
        #expect(UInt64(bitPattern: query.int64(4)) == UInt64.max)
        #expect(try !query.step())
    }

    @Test func namedParametersAndReuse() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(k TEXT, v INTEGER)")
        let insert = try db.prepare("INSERT INTO t VALUES (:k, :v)")
        for v in 1...3 {
            try insert.bind("key\(v)", named: ":k")
            try insert.bind(v * 10, named: ":v")
            try insert.run()
        }
        #expect(try db.scalarInt("SELECT sum(v) FROM t") == 60)
        #expect(try db.scalarText("SELECT k FROM t WHERE v = ?", 20) == "key2")
        #expect(throws: SQLiteError.self) { try insert.bind(1, named: ":missing") }
    }

    @Test func transactionRollsBackWhenBodyThrows() throws {
        struct Boom: Error {}
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x INTEGER)")
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
        #expect(!db.isInTransaction)

        // Nested: the inner savepoint rolls back alone.
        try db.transaction {
            try db.run("INSERT INTO t VALUES (1)")
            try? db.transaction {
                try db.run("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        #expect(try db.scalarInt("SELECT group_concat(x) FROM t") == 1)
    }

    @Test func errorsNameCodeMessageAndSQL() throws {
        let db = try Database(path: ":memory:")
        do {
            try db.run("INSERT INTO nowhere VALUES (1)")
            Issue.record("expected an error")
        } catch let error as SQLiteError {
            #expect(error.primaryCode == 1)
            #expect(error.message.contains("no such table: nowhere"))
            #expect(error.sql == "INSERT INTO nowhere VALUES (1)")
            #expect(error.description.contains("no such table: nowhere") && error.description.contains("in: INSERT"))
        }
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        try db.run("INSERT INTO t VALUES (1)")
        do {
            try db.run("INSERT INTO t VALUES (1)")
            Issue.record("expected a constraint error")
        } catch let error as SQLiteError {
            #expect(error.primaryCode == 19, "SQLITE_CONSTRAINT, got \(error.code)")
            #expect(error.code != 19, "extended code expected (SQLITE_CONSTRAINT_PRIMARYKEY), got \(error.code)")
        }
    }
}
