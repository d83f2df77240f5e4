import Foundation
import Testing
@testable import SimKernel

@Suite("Arrival processes")
struct ArrivalTests {
    /// 08:30–17:15 with a lunch dip and a closed 12:45–13:00 (rate 0). All
    /// breakpoints lie on quarter hours, so 15-minute bins never straddle one.
    static let breakpoints: [SimTime] = [
        .clock(8, 30), .clock(9, 0), .clock(10, 0), .clock(11, 0), .clock(12, 0), .clock(12, 45),
        .clock(13, 0), .clock(14, 0), .clock(15, 0), .clock(16, 0), .clock(17, 15),
    ]
    static let rates: [Double] = [40, 80, 95, 70, 30, 0, 60, 75, 50, 20]  // per hour
    /// By hand: 20 + 80 + 95 + 70 + 22.5 + 0 + 60 + 75 + 50 + 25.
    static let lambda = 497.5
    static let profile = try! PiecewiseConstantRate(breakpoints: breakpoints, ratesPerHour: rates)

    /// Rate (per hour) in force at `t`, looked up by hand from the tables above.
    static func handRate(at t: SimTime) -> Double {
        guard let i = breakpoints.lastIndex(where: { $0 <= t }), i < rates.count else { return 0 }
        return rates[i]
    }

    static let binCount = 35  // quarter hours from 08:30 to 17:15
    static func bin(of t: SimTime) -> Int { Int((t - .clock(8, 30)).milliseconds / SimTime.minutes(15).milliseconds) }

    /// Arrivals per 15-minute bin summed over `days` days, and each day's total.
    static func simulate(_ profile: PiecewiseConstantRate, days: Int, seed: UInt64) -> (bins: [Int], totals: [Int]) {
        var bins = [Int](repeating: 0, count: binCount)
        var totals: [Int] = []
        for day in 0..<days {
            var rng = RandomStream(seed: seed, stream: "arrivals", replication: day)
            var process = NonHomogeneousPoisson(profile: profile)
            var t = SimTime.zero, n = 0
            while let next = process.next(after: t, using: &rng) {
                precondition(next >= t && next >= .clock(8, 30) && next < .clock(17, 15), "arrival \(next) out of order or range")
                bins[bin(of: next)] += 1
                t = next; n += 1
            }
            totals.append(n)
        }
        return (bins, totals)
    }

    static let days = 2_000
    static let run = simulate(profile, days: days, seed: 99)

    static func expectedBins(rate: (SimTime) -> Double, days: Int) -> [Double] {
        (0..<binCount).map { Double(days) * rate(.clock(8, 30) + .minutes(Double($0) * 15)) * 0.25 }
    }

    @Test("the profile's expected totals match the hand computation")
    func profileTotals() throws {
        #expect(abs(Self.profile.expectedTotal - Self.lambda) < 1e-9)
        #expect(abs(Self.profile.expectedCount(from: .clock(9, 30), to: .clock(10, 30)) - (40 + 47.5)) < 1e-9)
        #expect(Self.profile.rate(at: .clock(12, 50)) == 0)
        #expect(Self.profile.rate(at: .clock(17, 15)) == 0)
        #expect(Self.profile.rate(at: .clock(8, 29)) == 0)
        #expect(Self.profile.rate(at: .clock(8, 30)) == 40)
        // Inversion lands exactly on breakpoints and skips the closed interval.
        #expect(Self.profile.time(atCumulativeIntensity: 20) == .clock(9, 0))
        #expect(Self.profile.time(atCumulativeIntensity: 287.5) == .clock(13, 0))
        #expect(Self.profile.time(atCumulativeIntensity: 297.5) == .clock(13, 10))
        #expect(Self.profile.time(atCumulativeIntensity: Self.lambda) == nil)
        for t in stride(from: 0.0, to: 525, by: 7.3) {  // minutes after 08:30
            let time = SimTime.clock(8, 30) + .minutes(t)
            if Self.profile.rate(at: time) > 0 {
                let back = Self.profile.time(atCumulativeIntensity: Self.profile.cumulativeIntensity(at: time))
                #expect(back == time, "round trip at \(time) gave \(String(describing: back))")
            }
        }
    }

    @Test("counts per quarter hour fit the profile (chi-square over 2 000 days)")
    func countsFitProfile() {
        let expected = Self.expectedBins(rate: Self.handRate, days: Self.days)
        let fit = pearson(observed: Self.run.bins, expected: expected)
        #expect(!fit.impossible, "arrivals while the rate is 0: \(Self.run.bins)")
        // Independent Poisson cells, nothing estimated: df = number of cells.
        let p = chiSquarePValue(fit.statistic, degreesOfFreedom: fit.cells)
        #expect(p >= 0.001, "χ² = \(fit.statistic) on \(fit.cells) df, p = \(p); observed \(Self.run.bins), expected \(expected)")
    }

    @Test("the chi-square test rejects a profile shifted by 15 minutes")
    func countsRejectWrongProfile() {
        let shifted = Self.expectedBins(rate: { Self.handRate(at: $0 - .minutes(15)) }, days: Self.days)
        let kept = zip(Self.run.bins, shifted).filter { $0.1 > 0 }
        let fit = pearson(observed: kept.map(\.0), expected: kept.map(\.1))
        let p = chiSquarePValue(fit.statistic, degreesOfFreedom: fit.cells)
        #expect(p < 0.001, "χ² = \(fit.statistic), p = \(p)")
    }

    @Test("daily totals have Poisson mean and variance Λ")
    func poissonDispersion() {
        let totals = Self.run.totals.map(Double.init)
        var iterator = totals.makeIterator()
        // Poisson cumulants are all Λ: μ₄ = Λ + 3Λ².
        let check = MomentCheck(draws: totals.count, seed: 0, exactMean: Self.lambda, exactVariance: Self.lambda,
                                fourthCentralMoment: Self.lambda + 3 * Self.lambda * Self.lambda) { _ in iterator.next()! }
        #expect(check.passes, "\(check)")
    }

    @Test("a day-type factor scales the daily total")
    func scaledProfile() throws {
        let monday = try Self.profile.scaled(by: 1.3)
        #expect(abs(monday.expectedTotal - 1.3 * Self.lambda) < 1e-9)
        let totals = Self.simulate(monday, days: 1_000, seed: 5).totals.map(Double.init)
        var iterator = totals.makeIterator()
        let l = 1.3 * Self.lambda
        let check = MomentCheck(draws: totals.count, seed: 0, exactMean: l, exactVariance: l,
                                fourthCentralMoment: l + 3 * l * l) { _ in iterator.next()! }
        #expect(check.passes, "\(check)")
        #expect(throws: ArrivalError("rate factor must be finite and ≥ 0 (got -1)")) { try Self.profile.scaled(by: -1) }
    }

    @Test("gaps of a constant-rate process are exponential (KS)")
    func homogeneousGaps() throws {
        let p = try PiecewiseConstantRate(constantPerHour: 30, from: .zero, to: .hours(2_000))
        var process = NonHomogeneousPoisson(profile: p)
        var rng = RandomStream(seed: 8, stream: "gaps")
        var t = SimTime.zero, gaps: [Double] = []
        while let next = process.next(after: t, using: &rng) { gaps.append((next - t).minutes); t = next }
        let d = ksDistance(gaps) { 1 - exp(-$0 / 2) }  // mean gap 2 minutes
        #expect(d < 1.949 / Double(gaps.count).squareRoot(), "KS \(d) over \(gaps.count) gaps")
    }

    @Test("starting mid-day, in a closed interval, before or after the profile")
    func startingPoints() throws {
        var rng = RandomStream(seed: 3)
        var process = NonHomogeneousPoisson(profile: Self.profile)
        let afterClosed = try #require(process.next(after: .clock(12, 50), using: &rng))
        #expect(afterClosed >= .clock(13, 0))
        let first = try #require(process.next(after: .zero, using: &rng))
        #expect(first >= .clock(8, 30))
        #expect(process.next(after: .clock(17, 15), using: &rng) == nil)
        #expect(process.next(after: .clock(20, 0), using: &rng) == nil)
    }

    @Test("arrivalTimes equals calling next one arrival at a time")
    func wholeDay() {
        var a = RandomStream(seed: 4, stream: "x"), b = a
        let all = NonHomogeneousPoisson(profile: Self.profile).arrivalTimes(using: &a)
        var process = NonHomogeneousPoisson(profile: Self.profile)
        var t = Self.profile.start, one: [SimTime] = []
        while let next = process.next(after: t, using: &b) { one.append(next); t = next }
        #expect(all == one)
        #expect(all.count > 400 && all.count < 600)
    }

    @Test("common random numbers: a busier day moves the same arrivals earlier")
    func commonRandomNumbers() throws {
        // Inversion uses one uniform per arrival: under a uniformly scaled
        // constant rate the k-th arrival time scales by exactly 1/factor.
        let base = try PiecewiseConstantRate(constantPerHour: 60, from: .zero, to: .hours(8))
        var r1 = RandomStream(seed: 6), r2 = r1
        let slow = NonHomogeneousPoisson(profile: base).arrivalTimes(using: &r1)
        let fast = NonHomogeneousPoisson(profile: try base.scaled(by: 2)).arrivalTimes(using: &r2)
        for (s, f) in zip(slow, fast) {
            #expect(abs(Double(s.milliseconds) / 2 - Double(f.milliseconds)) <= 1, "slow \(s), fast \(f)")
        }
    }

    @Test("invalid profiles are rejected with a clear message")
    func invalidProfiles() {
        #expect(throws: ArrivalError("rate profile needs one more breakpoint than rates (got 2 breakpoints for 2 rates)")) {
            try PiecewiseConstantRate(breakpoints: [.zero, .hours(1)], ratesPerHour: [1, 2])
        }
        #expect(throws: ArrivalError("rate profile breakpoints must increase (got 01:00:00 after 01:00:00)")) {
            try PiecewiseConstantRate(breakpoints: [.zero, .hours(1), .hours(1)], ratesPerHour: [1, 2])
        }
        #expect(throws: ArrivalError("arrival rate must be finite and ≥ 0 (got -2 per hour in interval 2, from 09:00:00)")) {
            try PiecewiseConstantRate(start: .clock(8, 0), ratesPerHour: [1, -2])
        }
        #expect(throws: ArrivalError("rate profile needs at least one interval (got no rates)")) {
            try PiecewiseConstantRate(start: .clock(8, 0), ratesPerHour: [])
        }
        #expect(throws: ArrivalError("rate profile interval must be positive (got 00:00:00)")) {
            try PiecewiseConstantRate(start: .clock(8, 0), interval: .zero, ratesPerHour: [1])
        }
    }

    // MARK: Batches

    static let family = try! BatchSize(probabilities: [0.80, 0.12, 0.05, 0.03])

    @Test("batch sizes follow their distribution (chi-square, 10⁶ draws)")
    func batchSizes() {
        #expect(abs(Self.family.mean - 1.31) < 1e-12)
        #expect(abs(Self.family.variance - (2.21 - 1.31 * 1.31)) < 1e-12)
        var rng = RandomStream(seed: 12, stream: "size")
        var counts = [0, 0, 0, 0, 0]
        for _ in 0..<1_000_000 { counts[Self.family.sample(using: &rng)] += 1 }
        let fit = pearson(observed: counts, expected: [0, 800_000, 120_000, 50_000, 30_000])
        #expect(!fit.impossible, "\(counts)")
        let p = chiSquarePValue(fit.statistic, degreesOfFreedom: fit.cells - 1)
        #expect(p >= 0.001, "counts \(counts), χ² = \(fit.statistic), p = \(p)")
    }

    @Test("people per day are compound Poisson; sizes do not disturb arrival times")
    func batchArrivals() {
        var sizeRNG = RandomStream(seed: 13, stream: "size")
        var firstDayTimes: [SimTime] = []
        var day = 0
        // Compound Poisson cumulants κₙ = Λ E[Sⁿ]: E[S²] = 2.21, E[S⁴] = 14.45.
        let k2 = Self.lambda * 2.21, k4 = Self.lambda * 14.45
        let check = MomentCheck(draws: 2_000, seed: 14, exactMean: Self.lambda * 1.31, exactVariance: k2,
                                fourthCentralMoment: k4 + 3 * k2 * k2) { timeRNG in
            var batches = BatchArrivals(times: NonHomogeneousPoisson(profile: Self.profile), size: Self.family)
            var t = SimTime.zero, people = 0
            while let (next, size) = batches.next(after: t, times: &timeRNG, sizes: &sizeRNG) {
                if day == 0 { firstDayTimes.append(next) }
                people += size; t = next
            }
            day += 1
            return Double(people)
        }
        #expect(check.passes, "\(check)")
        var timeRNG = RandomStream(seed: 14, stream: "moments")
        #expect(firstDayTimes == NonHomogeneousPoisson(profile: Self.profile).arrivalTimes(using: &timeRNG))
    }

    @Test("invalid batch sizes are rejected")
    func invalidBatchSizes() {
        #expect(throws: DistributionError("batch size must be ≥ 1 (got 0)")) { try BatchSize(sizes: [0, 1], weights: [1, 1]) }
        #expect(throws: DistributionError("batch size needs at least one probability (got none)")) { try BatchSize(probabilities: []) }
        #expect(throws: DistributionError("batch size weights: discrete choice needs at least one positive weight (all are 0)")) {
            try BatchSize(probabilities: [0, 0])
        }
        var rng = RandomStream(seed: 1)
        #expect(BatchSize.single.sample(using: &rng) == 1)
    }

    // MARK: Booked arrivals

    static let slots: [SimTime] = (0..<32).map { .clock(9, 0) + .minutes(Double($0) * 15) }

    @Test("no-show rate and lateness match their parameters over 5 000 days")
    func bookedArrivals() throws {
        let booked = try ScheduledArrivals(lateness: .uniform(min: -5, max: 10), noShowProbability: 0.1)
        var shown = 0, lateness: [Double] = []
        for day in 0..<5_000 {
            var rng = RandomStream(seed: 21, stream: "bookings", replication: day)
            let arrivals = booked.arrivals(forSlots: Self.slots, using: &rng)
            shown += arrivals.count
            for (a, b) in zip(arrivals, arrivals.dropFirst()) {
                #expect(a.arrival <= b.arrival, "not sorted: \(a) before \(b)")
            }
            for a in arrivals {
                #expect(a.slot == Self.slots[a.slotIndex])
                lateness.append(a.lateness.minutes)
            }
        }
        let total = Double(5_000 * Self.slots.count)
        let noShowRate = 1 - Double(shown) / total, se = (0.1 * 0.9 / total).squareRoot()
        #expect(abs(noShowRate - 0.1) <= 4 * se, "no-show rate \(noShowRate) vs 0.1 ± \(4 * se)")
        #expect(lateness.min()! >= -5 && lateness.max()! <= 10)
        var iterator = lateness.makeIterator()
        let check = MomentCheck(draws: lateness.count, seed: 0, exactMean: 2.5, exactVariance: 18.75,
                                fourthCentralMoment: pow(15, 4) / 80) { _ in iterator.next()! }
        #expect(check.passes, "lateness: \(check)")
        let d = ksDistance(lateness) { min(max(($0 + 5) / 15, 0), 1) }
        #expect(d < 1.949 / Double(lateness.count).squareRoot(), "lateness KS \(d)")
    }

    @Test("changing the no-show probability keeps the others' arrival times")
    func bookedCommonRandomNumbers() throws {
        var r1 = RandomStream(seed: 22), r2 = r1
        let all = try ScheduledArrivals(lateness: .triangular(min: -10, mode: 0, max: 20)).arrivals(forSlots: Self.slots, using: &r1)
        let some = try ScheduledArrivals(lateness: .triangular(min: -10, mode: 0, max: 20), noShowProbability: 0.3)
            .arrivals(forSlots: Self.slots, using: &r2)
        #expect(all.count == Self.slots.count)
        #expect(some.count < all.count)
        let bySlot = Dictionary(uniqueKeysWithValues: all.map { ($0.slotIndex, $0.arrival) })
        for a in some { #expect(bySlot[a.slotIndex] == a.arrival) }
    }

    @Test("early arrivals are clamped to notBefore; edge probabilities")
    func bookedEdges() throws {
        var rng = RandomStream(seed: 23)
        let early = try ScheduledArrivals(lateness: .fixed(-20))
        let a = early.arrivals(forSlots: [.clock(8, 40), .clock(9, 30)], notBefore: .clock(8, 30), using: &rng)
        #expect(a.map(\.arrival) == [.clock(8, 30), .clock(9, 10)])
        #expect(try ScheduledArrivals(noShowProbability: 1).arrivals(forSlots: Self.slots, using: &rng).isEmpty)
        #expect(try ScheduledArrivals().arrivals(forSlots: Self.slots, using: &rng).map(\.arrival) == Self.slots)
        #expect(throws: ArrivalError("no-show probability must be in [0, 1] (got 1.5)")) { try ScheduledArrivals(noShowProbability: 1.5) }
        #expect(throws: ArrivalError("booked-arrival lateness: uniform needs min ≤ max (got min 10, max -5)")) {
            try ScheduledArrivals(lateness: .uniform(min: 10, max: -5))
        }
    }
}
