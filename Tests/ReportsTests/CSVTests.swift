import Testing
@testable import Reports

@Suite("CSV")
struct CSVTests {
    @Test("RFC 4180 quoting: commas, quotes, CR and LF; CRLF record ends")
    func quoting() {
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.field("cr\rhere") == "\"cr\rhere\"")
        #expect(CSVWriter.field("") == "")
        #expect(CSVWriter.field("市民課") == "市民課")
        #expect(CSVWriter.render([["a", "b"], ["1", "x,y"]]) == "a,b\r\n1,\"x,y\"\r\n")
        #expect(CSVWriter.render([["a"]], byteOrderMark: true) == "\u{FEFF}a\r\n")
    }

    @Test("a report table: intervals split into low and high, ASCII numbers, fractions for percentages")
    func table() {
        let t = ReportTable(caption: "c",
                            columns: [.init("Scenario"), .init("Mean", numeric: true), .interval("95 % CI"), .init("Share", numeric: true)],
                            rows: [[.text("Base, \"line\""), .number(-1234.56, decimals: 1), .interval(-2, 3.25, decimals: 2), .percent(0.125, decimals: 1)],
                                   [.text("Other"), .empty, .empty, .empty]])
        let csv = CSVWriter.render(t, localization: Localization(.en))
        #expect(csv == "Scenario,Mean,95 % CI low,95 % CI high,Share\r\n"
                + "\"Base, \"\"line\"\"\",-1234.6,-2.00,3.25,0.125\r\n"
                + "Other,,,,\r\n")
        let ja = CSVWriter.render(t, localization: Localization(.ja))
        #expect(ja.hasPrefix("Scenario,Mean,95 % CI 下限,95 % CI 上限,Share\r\n"))
    }
}
