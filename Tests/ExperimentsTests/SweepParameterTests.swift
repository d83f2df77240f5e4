import SimKernel
import Testing
@testable import Experiments

@Suite struct SweepParameterTests {
    @Test func listValuesAreKeptAsWritten() throws {
        let p = try SweepParameter(parsing: " policy = fifo , shortest,5m, 30% ,4 ")
        #expect(p.key == "policy")
        #expect(p.kind == .list)
        #expect(p.values == ["fifo", "shortest", "5m", "30%", "4"])
    }

    @Test func integerRangeIsInclusive() throws {
        let p = try SweepParameter(parsing: "staff.citizen=2:5:1")
        #expect(p.values == ["2", "3", "4", "5"])
        #expect(p.kind == .range(low: "2", high: "5", step: "1"))
    }

    @Test func decimalRangeIsExact() throws {
        // Float stepping gives 0.30000000000000004 and then misses 0.3 or 1.0.
        #expect(try SweepParameter(parsing: "share=0.1:0.3:0.1").values == ["0.1", "0.2", "0.3"])
        let tenths = try SweepParameter(parsing: "share=0:1:0.1").values
        #expect(tenths == ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"])
        #expect(try SweepParameter(parsing: "x=1.0:2.00:0.25").values == ["1", "1.25", "1.5", "1.75", "2"])
    }

    @Test func rangeStopsAtLastStepBelowHigh() throws {
        #expect(try SweepParameter(parsing: "x=1:2:0.3").values == ["1", "1.3", "1.6", "1.9"])
        #expect(try SweepParameter(parsing: "x=3:3:1").values == ["3"])
    }

    @Test func negativeRange() throws {
        #expect(try SweepParameter(parsing: "x=-1:1:0.5").values == ["-1", "-0.5", "0", "0.5", "1"])
    }

    @Test func percentageRange() throws {
        #expect(try SweepParameter(parsing: "reservation.share=10%:30%:10%").values == ["10%", "20%", "30%"])
        #expect(try SweepParameter(parsing: "x=0%:1%:0.5%").values == ["0%", "0.5%", "1%"])
    }

    @Test func durationRangesUseOneUnitThatReadsBack() throws {
        let minutes = try SweepParameter(parsing: "patience=5m:10m:1m")
        #expect(minutes.values == ["5m", "6m", "7m", "8m", "9m", "10m"])
        #expect(minutes.kind == .range(low: "5m", high: "10m", step: "1m"))
        #expect(try SweepParameter(parsing: "x=1m:2m:30s").values == ["60s", "90s", "120s"])
        #expect(try SweepParameter(parsing: "x=1h:2h:30m").values == ["60m", "90m", "120m"])
        #expect(try SweepParameter(parsing: "x=300s:600s:150s").values == ["300s", "450s", "600s"])
        #expect(try SweepParameter(parsing: "x=1s:1.5s:250ms").values == ["1000ms", "1250ms", "1500ms"])
        // Every value reads back as the intended duration.
        let values = try SweepParameter(parsing: "x=1m:2m:30s").values
        #expect(values.map { SimTime(duration: $0[...])?.milliseconds } == [60_000, 90_000, 120_000])
    }

    @Test func sameRangeWrittenDifferentlyGivesSameValues() throws {
        #expect(try SweepParameter(parsing: "x=300s:600s:60s") == SweepParameter(parsing: "x=5m:10m:1m"))
        #expect(try SweepParameter(parsing: "x=1.0:3.0:1.0") == SweepParameter(parsing: "x=1:3:1"))
    }

    @Test func clockTimeIsAValueNotARange() throws {
        let p = try SweepParameter(parsing: "open=08:30")
        #expect(p.kind == .list && p.values == ["08:30"])
        #expect(try SweepParameter(parsing: "open=08:30,09:00").values == ["08:30", "09:00"])
        #expect(try SweepParameter(parsing: "mode=a:b:c").values == ["a:b:c"])
    }

    /// Each malformed `--vary` gives one line naming the argument and the problem.
    @Test(arguments: [
        ("staff", "expected key=values"),
        ("=3", "no key before '='"),
        ("x=", "no values after '='"),
        ("x= ", "no values after '='"),
        ("x=1,,2", "an empty value"),
        ("x=1,2,", "an empty value"),
        ("x=2:8", "a range needs low:high:step"),
        ("x=1:5:0", "the step must be greater than zero"),
        ("x=1:5:-1", "the step must be greater than zero"),
        ("x=5:1:1", "low 5 is above high 1"),
        ("x=5m:10:1m", "mixes a duration and a number"),
        ("x=10%:0.5:10%", "mixes a percentage and a number"),
        ("x=1:abc:1", "range part \"abc\" is not a number"),
        ("x=0:1:0.000001", "more than 100000 values"),
        ("x=1234567890123456:1234567890123457:1", "range part \"1234567890123456\""),
        ("x=a;b", "may not contain ';'"),
        ("x=a=b", "may not contain '='"),
        ("x=4,4", "the value 4 is listed twice"),
        ("staff citizen=3", "the key may not contain whitespace"),
        ("a;b=3", "the key may not contain ';'"),
    ])
    func malformedVary(argument: String, problem: String) {
        do {
            let p = try SweepParameter(parsing: argument)
            Issue.record("--vary \(argument) should be refused, got \(p.values)")
        } catch {
            #expect(error.description.contains(problem), "\(error.description) should say \(problem)")
            #expect(error.description.hasPrefix("--vary \"\(argument)\": "), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }
}
