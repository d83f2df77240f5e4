import Testing
import Foundation
import SimKernel
@testable import WardModel

/// The ward model reduced to M/M/c must reproduce Erlang C, and reduced to
/// M/G/1 with lognormal service (the stage-time form of the shipped
/// scenarios), Pollaczek–Khinchine.
@Suite("Model-level theory check")
struct TheoryCheckTests {
    /// One office, one section with `c` counters and `c` staff on duty all
    /// day, one single-stage procedure with exponential service, a flat
    /// hourly profile over `hours` hours: an M/M/c queue.
    static func mmc(servers c: Int, arrivalsPerHour lambda: Double, serviceMinutes: Double, hours: Int,
                    service: Distribution? = nil) -> WardScenario {
        let proc = Procedure(id: "p", name: "p", section: "desk", stages: [Stage(kind: .counter, time: service ?? .exponential(mean: serviceMinutes))])
        let desk = Section(id: "desk", name: "desk", counters: c,
                           staff: [StaffGroup(name: "clerks", count: c, shifts: [Shift(from: .zero, to: .hours(Double(hours)))])])
        let office = Office(name: "test", population: 0, visitsPerDay: lambda * Double(hours), opens: .zero,
                            doorsClose: .hours(Double(hours)), hourlyProfile: Array(repeating: 1, count: hours),
                            lobbySeats: 1_000, sections: [desk])
        return WardScenario(name: "mmc", procedures: [proc], visitTypes: [VisitType(id: "v", procedures: ["p"], share: 1)],
                            offices: [office])
    }

    /// Erlang C: probability of waiting and mean wait (minutes) for M/M/c.
    static func erlangC(servers c: Int, arrivalsPerHour lambda: Double, serviceMinutes: Double) -> (pWait: Double, meanWait: Double) {
        let a = lambda * serviceMinutes / 60
        var term = 1.0, sum = 1.0
        for k in 1..<c { term *= a / Double(k); sum += term }
        let last = term * a / Double(c) * Double(c) / (Double(c) - a)
        let p = last / (sum + last)
        let mu = 60 / serviceMinutes
        return (p, p / (Double(c) * mu - lambda) * 60)
    }

    @Test("M/M/5 at ρ = 0.8: mean wait and utilisation within their 99 % intervals")
    func erlangCMeanWait() throws {
        let (c, lambda, s, hours) = (5, 40.0, 6.0, 2_000)
        var sim = try WardSimulator(scenario: TheoryCheckTests.mmc(servers: c, arrivalsPerHour: lambda, serviceMinutes: s, hours: hours))
        sim.hourlyRows = false
        let exact = TheoryCheckTests.erlangC(servers: c, arrivalsPerHour: lambda, serviceMinutes: s)
        var waits: [Double] = [], utils: [Double] = [], within: [Double] = []
        for r in 0..<20 {
            let k = sim.runReplication(r, seed: 99)
            #expect(k.invariantViolations == 0)
            waits.append(try #require(k.city("wait_mean")))
            utils.append(try #require(k.city("utilisation_counter")))
            within.append(try #require(k.city("served_within_15")))
        }
        let w = ConfidenceInterval(of: waits, level: 0.99)
        #expect(w.contains(exact.meanWait), "Erlang C mean wait \(exact.meanWait) min; simulated \(w)")
        // A 15 % error in the model would be caught: the interval is much tighter.
        #expect(w.halfWidth < 0.06 * exact.meanWait, "interval too wide to test anything: \(w)")
        let u = ConfidenceInterval(of: utils, level: 0.99)
        #expect(abs(u.mean - 0.8) < max(u.halfWidth, 0.005) + 0.005, "utilisation \(u), expected 0.8 (staff on duty the whole day)")
        // Service level: P(W ≤ t) = 1 − C e^{−(cμ − λ) t}.
        let sl = 1 - exact.pWait * exp(-(Double(c) * 60 / s - lambda) * 0.25)
        let v = ConfidenceInterval(of: within, level: 0.99)
        #expect(abs(v.mean - sl) <= v.halfWidth + 0.002, "share within 15 min: exact \(sl), simulated \(v)")
    }

    @Test("M/G/1 with lognormal service at ρ = 0.75: Pollaczek–Khinchine mean wait within the 99 % interval")
    func pollaczekKhinchineLognormal() throws {
        // Lognormal mean 6, sd 4 minutes: E[S²] = 36 + 16 = 52.
        let (lambda, mean, sd, hours) = (7.5, 6.0, 4.0, 2_000)
        let service = Distribution.lognormal(mean: mean, sd: sd)
        var sim = try WardSimulator(scenario: TheoryCheckTests.mmc(servers: 1, arrivalsPerHour: lambda, serviceMinutes: mean,
                                                                   hours: hours, service: service))
        sim.hourlyRows = false
        let perMinute = lambda / 60, rho = perMinute * mean
        let exact = perMinute * (mean * mean + sd * sd) / (2 * (1 - rho))   // 13 min
        var waits: [Double] = []
        for r in 0..<20 {
            let k = sim.runReplication(r, seed: 7)
            #expect(k.invariantViolations == 0)
            waits.append(try #require(k.city("wait_mean")))
        }
        let w = ConfidenceInterval(of: waits, level: 0.99)
        #expect(w.contains(exact), "P-K mean wait \(exact) min; simulated \(w)")
        // Exponential service of the same mean would give 18 min, sd 3 would give 11.25: both outside.
        #expect(w.halfWidth < 0.06 * exact, "interval too wide to test anything: \(w)")
    }
}
