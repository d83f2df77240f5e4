import Foundation
import Testing
@testable import RunStore

/// The text forms under `wardsim runs/show/export`: CSV, JSON, tables, numbers.
@Suite struct ExportFormatTests {
    @Test func csvQuotesOnlyWhatRFC4180Requires() {
        #expect(CSVText.record(["a", "b c", "市民課"]) == "a,b c,市民課\r\n")
        #expect(CSVText.field("x,y") == "\"x,y\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.field("crlf\r\nhere") == "\"crlf\r\nhere\"")
        #expect(CSVText.field("") == "")
    }

    @Test func csvNumbersRoundTripAndUndefinedIsEmpty() {
        for x in [0.1, 12.5, 1e-05, 123456789.123, -3.0, 0.30000000000000004] {
            #expect(Double(CSVText.number(x)) == x, "\(x) → \(CSVText.number(x))")
        }
        #expect(CSVText.number(.nan) == "" && CSVText.number(.infinity) == "")
    }

    @Test func csvParsesBackToTheSameFields() {
        let rows = [["run", "scope_name", "value"], ["3", "say \"hi\", then", "1.5"], ["4", "two\nlines", ""]]
        let text = rows.map(CSVText.record).joined()
        #expect(parseCSV(text) == rows)
    }

    @Test func jsonLayoutAndValues() {
        let value = JSONText.object([
            ("id", .int(3)), ("seed", .unsigned(UInt64.max)), ("mean", .number(12.5)), ("sd", .number(.nan)),
            ("hw", .number(-.infinity)), ("ok", .bool(true)), ("none", .null), ("name", .string("市民課 \"x\"\n")),
            ("row", .object([("a", .int(1)), ("b", .string("x"))])),
            ("rows", .array([.object([("a", .int(1))]), .object([])])),
            ("empty", .array([])), ("spec", .raw("{\"format\":1}")),
        ])
        #expect(value.text == """
            {
              "id": 3,
              "seed": 18446744073709551615,
              "mean": 12.5,
              "sd": null,
              "hw": null,
              "ok": true,
              "none": null,
              "name": "市民課 \\"x\\"\\n",
              "row": {"a": 1, "b": "x"},
              "rows": [
                {"a": 1},
                {}
              ],
              "empty": [],
              "spec": {"format":1}
            }
            """)
        #expect((try? JSONSerialization.jsonObject(with: Data(value.text.utf8))) != nil, "must be valid JSON")
    }

    @Test func jsonQuotingIsPinned() {
        // Stored identities (run keys, sweep specifications) are built with it: the bytes must not change.
        #expect(JSONText.quoted("a\"b\\c\n\r\t\u{1}\u{1f}/é区") == #""a\"b\\c\n\r\t\u0001\u001f/é区""#)
        #expect(JSONText.quoted("") == "\"\"")
    }

    @Test func tableAlignsWideCharactersAndNumbers() {
        var table = TextTable(["name", "n"], rightAligned: [1])
        table.append(["市民課", "7"])
        table.append(["insurance", "120"])
        table.append(["", ""])
        #expect(table.text == """
            name         n
            市民課       7
            insurance  120

            """ + "\n")
        #expect(displayWidth("市民課") == 6 && displayWidth("abc") == 3 && displayWidth("ｶﾞ") == 2)
        #expect(displayWidth("e\u{301}") == 1)  // e + combining acute
    }

    @Test func decimalsFollowTheIntervalsPrecision() {
        #expect(DisplayText.decimals(mean: 12.4337, halfWidth: 0.4821) == 2)
        #expect(DisplayText.decimals(mean: 1240, halfWidth: 35) == 0)
        #expect(DisplayText.decimals(mean: 12, halfWidth: 3.2) == 1)
        #expect(DisplayText.decimals(mean: 0.02, halfWidth: 0.0013) == 4)
        #expect(DisplayText.decimals(mean: 0.5, halfWidth: 0) == 4)
        #expect(DisplayText.decimals(mean: 12, halfWidth: .infinity) == 2)
        #expect(DisplayText.decimals(mean: .nan, halfWidth: .nan) == 0)
        #expect(DisplayText.decimals(mean: 1e-12, halfWidth: 1e-13) == 6)
        #expect(DisplayText.fixed(12.4337, decimals: 2) == "12.43")
        #expect(DisplayText.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(DisplayText.fixed(-1.5, decimals: 1) == "-1.5")
        #expect(DisplayText.fixed(.nan, decimals: 2) == "–")
    }

    @Test func timestamps() throws {
        let date = try #require(parseTimestamp("2025-06-01T09:30:12.345Z"))
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(DisplayText.timestamp(date, in: tokyo) == "2025-06-01 18:30")
        #expect(DisplayText.timestamp(date, in: TimeZone(identifier: "UTC")!, seconds: true) == "2025-06-01 09:30:12")
        #expect(DisplayText.timestamp(nil, in: tokyo) == "–")
        #expect(DisplayText.iso8601(date) == "2025-06-01T09:30:12.345Z")
        // Every millisecond survives the round trip through the stored text.
        for ms in 0..<1000 {
            let text = "2025-06-01T09:30:12.\(String(repeating: "0", count: 3 - String(ms).count))\(ms)Z"
            #expect(DisplayText.iso8601(try #require(parseTimestamp(text))) == text)
        }
        #expect(DisplayText.iso8601(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
    }

    @Test func confidenceLevelHeader() {
        #expect(RunDetail.percent(0.95) == "95%")
        #expect(RunDetail.percent(0.975) == "97.5%")
    }

    @Test func mergeLines() {
        let report = MergeReport(runsAdded: 12, runsSkipped: 3, runsUnfinished: 1, sweepsAdded: 1)
        #expect(MergeText.line(source: "shard-1.sqlite", report)
            == "shard-1.sqlite: 12 runs added, 3 already present, 1 unfinished not copied, 1 sweep added")
        #expect(MergeText.line(source: "b", MergeReport(runsAdded: 1, runsSkipped: 0, runsUnfinished: 0, sweepsAdded: 0))
            == "b: 1 run added")
    }
}

/// A strict RFC 4180 reader for the tests: CRLF record ends, quoted fields
/// with doubled quotes. Independent of the writer on purpose.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = [], record: [String] = [], field = ""
    var inQuotes = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append("\"") } else { inQuotes = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            inQuotes = true
        } else if c == "," {
            record.append(field); field = ""
        } else if c == "\r" && chars.first == "\n" {
            chars.removeFirst()
            record.append(field); field = ""
            records.append(record); record = []
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}
