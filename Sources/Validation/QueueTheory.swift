#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SimKernel

/// Exact steady-state results of classical queues, the yardstick the
/// simulation is validated against. Rates are per minute, times in minutes.
///
/// ```swift
/// QueueTheory.erlangC(arrivalRate: 9, serviceRate: 1, servers: 10).meanWait   // ≈ 0.6687
/// QueueTheory.pollaczekKhinchine(arrivalRate: 0.8, service: .fixed(1))        // M/D/1: 2.0
/// ```
public enum QueueTheory {
    // MARK: Erlang B / C (M/M/c)

    /// Erlang B blocking probability for offered load `a = λ/μ` on `c`
    /// servers, by the recursion B(k) = a·B(k−1) / (k + a·B(k−1)): stable for
    /// any c (no factorials, no powers). O(c).
    public static func erlangB(offeredLoad a: Double, servers c: Int) -> Double {
        precondition(c >= 0 && a >= 0)
        var b = 1.0
        for k in stride(from: 1, through: c, by: 1) { b = a * b / (Double(k) + a * b) }
        return b
    }

    /// The M/M/c queue (Erlang C).
    public struct ErlangC: Sendable, Hashable {
        public var arrivalRate: Double
        public var serviceRate: Double
        public var servers: Int
        /// Probability that an arrival has to wait (all servers busy).
        public var probabilityOfWaiting: Double
        /// Mean time in queue, Wq = C / (cμ − λ).
        public var meanWait: Double { probabilityOfWaiting / (Double(servers) * serviceRate - arrivalRate) }
        /// Mean number waiting, Lq = λ·Wq.
        public var meanQueueLength: Double { arrivalRate * meanWait }
        /// Mean number of busy servers, λ/μ.
        public var meanBusyServers: Double { arrivalRate / serviceRate }
        /// P(Wq > t) = C·exp(−(cμ − λ)·t) for FIFO service.
        public func probabilityWaitExceeds(_ t: Double) -> Double {
            probabilityOfWaiting * exp(-(Double(servers) * serviceRate - arrivalRate) * t)
        }
    }

    /// M/M/c with arrival rate λ and service rate μ per server; requires λ < cμ.
    /// Uses C = c·B / (c − a·(1 − B)) with B from the Erlang B recursion.
    public static func erlangC(arrivalRate lambda: Double, serviceRate mu: Double, servers c: Int) -> ErlangC {
        let a = lambda / mu
        precondition(c >= 1 && a < Double(c), "M/M/c needs λ < cμ")
        let b = erlangB(offeredLoad: a, servers: c)
        let p = Double(c) * b / (Double(c) - a * (1 - b))
        return ErlangC(arrivalRate: lambda, serviceRate: mu, servers: c, probabilityOfWaiting: p)
    }

    // MARK: M/G/1

    /// Mean time in queue of M/G/1 (Pollaczek–Khinchine):
    /// Wq = λ·E[S²] / (2(1 − ρ)), ρ = λ·E[S]. M/D/1 is `service: .fixed(d)`.
    public static func pollaczekKhinchine(arrivalRate lambda: Double, service: Distribution) -> Double {
        let rho = lambda * service.mean
        precondition(rho < 1, "M/G/1 needs ρ < 1")
        return lambda * secondMoment(service) / (2 * (1 - rho))
    }

    /// E[S²] = Var[S] + E[S]².
    public static func secondMoment(_ d: Distribution) -> Double { d.variance + d.mean * d.mean }

    // MARK: Non-preemptive priority (Cobham)

    /// Mean time in queue of each class in an M/G/1 queue with non-preemptive
    /// priority (Cobham, 1954). `classes` are listed from highest to lowest
    /// priority; W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)), W0 = Σ λ_i E[S_i²] / 2,
    /// σ_k = Σ_{i ≤ k} ρ_i. Requires total ρ < 1.
    public static func cobham(classes: [(arrivalRate: Double, service: Distribution)]) -> [Double] {
        let w0 = classes.reduce(0.0) { $0 + $1.arrivalRate * secondMoment($1.service) / 2 }
        var sigma = 0.0
        var waits: [Double] = []
        for c in classes {
            let before = sigma
            sigma += c.arrivalRate * c.service.mean
            precondition(sigma < 1, "priority M/G/1 needs total ρ < 1")
            waits.append(w0 / ((1 - before) * (1 - sigma)))
        }
        return waits
    }

    // MARK: Erlang A (M/M/c+M)

    /// The M/M/c+M queue (Erlang A): exponential patience with rate θ.
    public struct ErlangA: Sendable, Hashable {
        public var arrivalRate: Double
        public var serviceRate: Double
        public var servers: Int
        public var abandonmentRate: Double
        /// Stationary distribution of the number in system, truncated where
        /// the tail is below 1e-16 (checked when it is built).
        public var distribution: [Double]

        /// Mean number waiting, Lq = Σ (n − c)⁺ π_n.
        public var meanQueueLength: Double {
            var lq = 0.0
            for n in servers..<distribution.count { lq += Double(n - servers) * distribution[n] }
            return lq
        }
        /// Probability that an arrival abandons: θ·Lq/λ (abandonment flow over arrival flow).
        public var probabilityOfAbandonment: Double { abandonmentRate * meanQueueLength / arrivalRate }
        /// Probability that an arrival finds every server busy (PASTA).
        public var probabilityOfWaiting: Double {
            distribution[servers...].reduce(0, +)
        }
        /// Mean time in queue over all arrivals (served and abandoned), Lq/λ by Little's law.
        public var meanWait: Double { meanQueueLength / arrivalRate }

        /// Mean time in queue over all arrivals, E[W], computed customer by
        /// customer instead of through Little's law (a cross-check), and the
        /// mean wait of those who are served, E[W | served].
        ///
        /// An arrival who finds n ≥ c in system joins at position j = n − c + 1.
        /// At position i it leaves that position at rate r_i = cμ + iθ
        /// ((i − 1)θ from abandonments ahead, θ its own, cμ service
        /// completions); it moves up with probability (cμ + (i − 1)θ)/r_i, and
        /// the time spent there is Exp(r_i) whichever way it leaves.
        public var waitsByPosition: (all: Double, served: Double) {
            let cmu = Double(servers) * serviceRate
            var all = 0.0, servedWeighted = 0.0, served = 0.0
            // Going from position j − 1 to j prepends stage j, so one pass
            // over n gives every starting position: O(N).
            var expectedTime = 0.0 // E[time in queue] from position j
            var pServe = 1.0       // P(served) from position j
            var timeIfServed = 0.0 // E[W · 1{served}] from position j
            served += distribution[..<servers].reduce(0, +)  // no wait, served
            for n in servers..<distribution.count {
                let j = Double(n - servers + 1)
                let r = cmu + j * abandonmentRate
                let advance = (cmu + (j - 1) * abandonmentRate) / r
                // From position j: spend Exp(r), then with prob `advance` continue from j − 1.
                expectedTime = 1 / r + advance * expectedTime
                timeIfServed = advance * (pServe / r + timeIfServed)
                pServe = advance * pServe
                all += distribution[n] * expectedTime
                servedWeighted += distribution[n] * timeIfServed
                served += distribution[n] * pServe
            }
            return (all, servedWeighted / served)
        }
    }

    /// Builds the birth–death chain of M/M/c+M: birth rate λ, death rate
    /// μ·min(n, c) + θ·(n − c)⁺. Truncated once π_n/π_max < 1e-18, which the
    /// linearly growing abandonment rate guarantees quickly; a precondition
    /// checks that the cut-off tail is negligible. O(N).
    public static func erlangA(arrivalRate lambda: Double, serviceRate mu: Double, servers c: Int,
                               abandonmentRate theta: Double) -> ErlangA {
        precondition(theta > 0 && mu > 0 && lambda > 0 && c >= 1, "Erlang A needs θ, μ, λ > 0 and c ≥ 1")
        var terms: [Double] = [1]
        var term = 1.0, largest = 1.0
        var n = 0
        while true {
            n += 1
            let death = mu * Double(min(n, c)) + theta * Double(max(n - c, 0))
            term *= lambda / death
            terms.append(term)
            largest = max(largest, term)
            // Past the mode (death > λ) the terms decrease geometrically at
            // least; stop when they are negligible against the largest.
            if death > lambda && term < 1e-18 * largest { break }
            precondition(n < 10_000_000, "Erlang A chain did not converge")
            // Rescale to avoid overflow for large loads.
            if term > 1e250 {
                for i in terms.indices { terms[i] /= 1e250 }
                term /= 1e250; largest /= 1e250
            }
        }
        let total = terms.reduce(0, +)
        let pi = terms.map { $0 / total }
        precondition(pi.last! < 1e-16, "Erlang A truncation tail not negligible")
        return ErlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: theta, distribution: pi)
    }
}
