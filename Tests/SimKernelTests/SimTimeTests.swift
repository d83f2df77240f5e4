import Testing
@testable import SimKernel

@Suite("SimTime")
struct SimTimeTests {
    @Test("durations people write", arguments: [
        ("90s", 90_000), ("5m", 300_000), ("1h30m", 5_400_000), ("2.5m", 150_000), ("250ms", 250),
        ("1h", 3_600_000), ("10min", 600_000), ("1d", 86_400_000), ("1m30s", 90_000), ("0.5s", 500),
    ] as [(String, Int64)])
    func parsesDurations(_ text: String, _ ms: Int64) {
        #expect(SimTime(duration: text[...])?.milliseconds == ms)
    }

    @Test("rejects what is not a duration", arguments: ["5", "abc", "5x", "", "m", "1h30", "-5m", "1.2.3m", "5 m", "h1"])
    func rejectsDurations(_ text: String) {
        #expect(SimTime(duration: text[...]) == nil)
    }

    @Test("clock times")
    func parsesClock() {
        #expect(SimTime(clock: "08:30") == .clock(8, 30))
        #expect(SimTime(clock: "17:15:30") == .clock(17, 15, 30))
        #expect(SimTime.clock(17, 15, 30).milliseconds == 62_130_000)
        #expect(SimTime(clock: "8:30") == .clock(8, 30))  // a one-digit hour is fine; minutes need two
        #expect(SimTime(clock: "25:30") == .hours(25.5))  // overnight runs may pass 24:00
        for bad in ["8:3", "25:99", "08:60", "08:30:60", "0830", "08:30:", ":30", "ab:cd", "", "08:30:15:00", "-1:30"] {
            #expect(SimTime(clock: bad[...]) == nil, "accepted \(bad)")
        }
    }

    @Test("description")
    func description() {
        #expect(SimTime.clock(8, 34, 30).description == "08:34:30")
        #expect((SimTime.clock(8, 30) + .minutes(4.5)).description == "08:34:30")
        #expect(SimTime.milliseconds(1_500).description == "00:00:01.500")
        #expect(SimTime.milliseconds(7).description == "00:00:00.007")
        #expect(SimTime.milliseconds(-90_000).description == "-00:01:30")
        #expect(SimTime.hours(26).description == "26:00:00")
        #expect(SimTime.zero.description == "00:00:00")
    }

    @Test("units, rounding and arithmetic")
    func arithmetic() {
        #expect(SimTime.minutes(4.5).milliseconds == 270_000)
        #expect(SimTime.hours(1.5) == .minutes(90))
        #expect(SimTime.seconds(0.0004).milliseconds == 0)
        #expect(SimTime.seconds(0.0006).milliseconds == 1)
        #expect(SimTime.minutes(-1).milliseconds == -60_000)
        #expect(SimTime.minutes(90).hours == 1.5)
        #expect(SimTime.seconds(30).minutes == 0.5)
        #expect(SimTime.milliseconds(2_500).seconds == 2.5)
        var t = SimTime.clock(12, 0)
        t += .minutes(15)
        #expect(t == .clock(12, 15))
        t -= .hours(1)
        #expect(t == .clock(11, 15))
        #expect(SimTime.clock(12, 0) - .clock(11, 45) == .minutes(15))
        #expect(SimTime.minutes(15) * 4 == .hours(1))
        #expect(SimTime.clock(11, 59, 59) < .clock(12, 0))
        #expect(SimTime.distantFuture > .hours(24 * 365 * 1_000))
    }
}
