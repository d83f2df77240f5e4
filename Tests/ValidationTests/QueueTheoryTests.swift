import Foundation
import SimKernel
import Testing
@testable import Validation

/// The exact formulas, checked against textbook closed forms and against
/// each other (two derivations of the same quantity must agree).
@Suite struct QueueTheoryTests {
    func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
        abs(a - b) <= relative * max(abs(a), abs(b))
    }

    /// Σ_{k<c} a^k/k! and a^c/c!, summed directly (fine for small c).
    func poissonTerms(_ a: Double, _ c: Int) -> (below: Double, top: Double) {
        var term = 1.0, below = 0.0
        for k in 0..<c { below += term; term *= a / Double(k + 1) }
        return (below, term)
    }

    @Test func mm1IsErlangCWithOneServer() {
        let q = QueueTheory.erlangC(arrivalRate: 0.9, serviceRate: 1, servers: 1)
        #expect(close(q.probabilityOfWaiting, 0.9))
        #expect(close(q.meanWait, 0.9 / (1 * (1 - 0.9))), "M/M/1 ρ=0.9: Wq = ρ/(μ−λ) = 9, got \(q.meanWait)")
        #expect(close(q.probabilityWaitExceeds(10), 0.9 * exp(-0.1 * 10)))
    }

    @Test(arguments: [(4.0, 5), (9.0, 10), (0.5, 1), (17.3, 20)])
    func erlangBAndCMatchTheClosedForms(load: Double, servers: Int) {
        let (below, top) = poissonTerms(load, servers)
        let b = top / (below + top)
        #expect(close(QueueTheory.erlangB(offeredLoad: load, servers: servers), b, relative: 1e-12))
        let waiting = top * Double(servers) / (Double(servers) - load)
        let c = waiting / (below + waiting)
        let q = QueueTheory.erlangC(arrivalRate: load, serviceRate: 1, servers: servers)
        #expect(close(q.probabilityOfWaiting, c, relative: 1e-12), "Erlang C \(q.probabilityOfWaiting) vs direct \(c)")
    }

    @Test func erlangCStaysFiniteForManyServers() {
        // Factorials overflow long before c = 2000; the recursion does not.
        let q = QueueTheory.erlangC(arrivalRate: 1_950, serviceRate: 1, servers: 2_000)
        #expect(q.probabilityOfWaiting > 0 && q.probabilityOfWaiting < 1)
    }

    @Test func pollaczekKhinchineReducesToMM1AndHalvesForMD1() {
        let mm1 = QueueTheory.pollaczekKhinchine(arrivalRate: 0.8, service: .exponential(mean: 1))
        #expect(close(mm1, QueueTheory.erlangC(arrivalRate: 0.8, serviceRate: 1, servers: 1).meanWait))
        let md1 = QueueTheory.pollaczekKhinchine(arrivalRate: 0.8, service: .fixed(1))
        #expect(close(md1, mm1 / 2), "M/D/1 waits half as long as M/M/1 at the same load")
        #expect(close(md1, 2))
    }

    @Test func cobhamWithOneClassIsPollaczekKhinchine() {
        let service = Distribution.lognormal(mean: 1, sd: 1.5)
        let w = QueueTheory.cobham(classes: [(0.7, service)])
        #expect(close(w[0], QueueTheory.pollaczekKhinchine(arrivalRate: 0.7, service: service)))
    }

    /// Kleinrock's conservation law: in a work-conserving M/G/1 queue the
    /// load-weighted waits do not depend on the order of service,
    /// Σ ρ_k W_k = ρ·W0/(1 − ρ).
    @Test func cobhamObeysTheConservationLaw() {
        let classes: [(arrivalRate: Double, service: Distribution)] = [
            (0.2, .exponential(mean: 0.5)), (0.3, .fixed(1)), (0.25, .lognormal(mean: 0.8, sd: 1.2)),
        ]
        let w = QueueTheory.cobham(classes: classes)
        let rho = classes.reduce(0.0) { $0 + $1.arrivalRate * $1.service.mean }
        let w0 = classes.reduce(0.0) { $0 + $1.arrivalRate * QueueTheory.secondMoment($1.service) / 2 }
        let weighted = zip(classes, w).reduce(0.0) { $0 + $1.0.arrivalRate * $1.0.service.mean * $1.1 }
        #expect(close(weighted, rho * w0 / (1 - rho)))
        #expect(w[0] < w[1] && w[1] < w[2], "higher priority waits less")
    }

    @Test(arguments: [(9.0, 1.0), (11.0, 0.5), (30.0, 2.0), (100.0, 0.1)])
    func erlangAIsConsistent(lambda: Double, theta: Double) {
        let a = QueueTheory.erlangA(arrivalRate: lambda, serviceRate: 1, servers: 10, abandonmentRate: theta)
        #expect(close(a.distribution.reduce(0, +), 1, relative: 1e-12))
        // Flow balance: served = λ(1 − P(abandon)) = μ·E[busy servers].
        let busy = a.distribution.enumerated().reduce(0.0) { $0 + Double(min($1.offset, 10)) * $1.element }
        #expect(close(busy, lambda * (1 - a.probabilityOfAbandonment), relative: 1e-10),
                "μE[busy] \(busy) vs λ(1−P(ab)) \(lambda * (1 - a.probabilityOfAbandonment))")
        // Little's law (Lq/λ) and the customer-by-customer derivation agree.
        let byPosition = a.waitsByPosition
        #expect(close(byPosition.all, a.meanWait, relative: 1e-10), "E[W] \(byPosition.all) vs Lq/λ \(a.meanWait)")
        #expect(byPosition.served > 0)
    }

    @Test func erlangAApproachesErlangCAsPatienceGrows() {
        let c = QueueTheory.erlangC(arrivalRate: 9, serviceRate: 1, servers: 10)
        let a = QueueTheory.erlangA(arrivalRate: 9, serviceRate: 1, servers: 10, abandonmentRate: 1e-7)
        #expect(close(a.probabilityOfWaiting, c.probabilityOfWaiting, relative: 1e-5))
        #expect(close(a.meanWait, c.meanWait, relative: 1e-4), "Erlang A \(a.meanWait) vs Erlang C \(c.meanWait)")
        #expect(close(a.waitsByPosition.served, c.meanWait, relative: 1e-4))
    }

    @Test func erlangAWithInstantAbandonmentIsErlangB() {
        // θ → ∞: nobody waits; whoever finds all servers busy is lost.
        let a = QueueTheory.erlangA(arrivalRate: 4, serviceRate: 1, servers: 5, abandonmentRate: 1e9)
        #expect(close(a.probabilityOfAbandonment, QueueTheory.erlangB(offeredLoad: 4, servers: 5), relative: 1e-6))
    }
}
