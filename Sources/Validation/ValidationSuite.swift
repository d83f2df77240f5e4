import Experiments
import SimKernel

/// How one number is read off a replication's result.
public enum Estimator: Sendable, Hashable {
    /// Mean time in queue over all customers (abandoned ones until they left).
    case meanWait
    /// Mean time in queue of one class (index in the configuration).
    case meanWaitOfClass(Int)
    /// Mean time in queue of the customers who were served.
    case meanWaitOfServed
    /// Mean time in queue of the customers who gave up.
    case meanWaitOfAbandoned
    /// Share of customers who found every server busy.
    case probabilityOfWaiting
    /// Share of customers who waited longer than `t` minutes (t must be in
    /// the configuration's `waitThresholds`).
    case probabilityWaitExceeds(Double)
    /// Share of customers who gave up.
    case probabilityOfAbandonment
    /// Time-average number waiting.
    case meanQueueLength
    /// Time-average number of busy servers.
    case meanBusyServers
    /// Number of customers who arrived (after the warm-up).
    case arrivals

    /// The estimate from one replication.
    public func value(in r: QueueRunResult) -> Double {
        switch self {
        case .meanWait: return r.meanWait
        case .meanWaitOfClass(let k): return r.classes[k].wait.mean
        case .meanWaitOfServed: return r.total.meanWaitOfServed
        case .meanWaitOfAbandoned: return r.total.meanWaitOfAbandoned
        case .probabilityOfWaiting: return r.probabilityOfWaiting
        case .probabilityWaitExceeds(let t): return r.probabilityWaitExceeds(t)
        case .probabilityOfAbandonment: return r.probabilityOfAbandonment
        case .meanQueueLength: return r.meanInQueue
        case .meanBusyServers: return r.meanBusyServers
        case .arrivals: return Double(r.total.arrivals)
        }
    }
}

/// One measure of a validation case with its exact value.
public struct ValidationMeasure: Sendable, Hashable {
    /// Short name as printed, e.g. "Wq" or "P(W>0.5)".
    public var name: String
    /// The exact value from queueing theory.
    public var exact: Double
    public var estimator: Estimator

    public init(_ name: String, exact: Double, _ estimator: Estimator) {
        self.name = name; self.exact = exact; self.estimator = estimator
    }
}

/// A queue with exactly known measures, and how long to simulate it.
public struct ValidationCase: Sendable, Hashable {
    public var name: String
    public var configuration: QueueConfiguration
    /// Arrivals per replication, warm-up included.
    public var customers: Int
    /// Arrivals discarded at the start of each replication.
    public var warmupCustomers: Int
    public var replications: Int
    public var measures: [ValidationMeasure]

    public init(name: String, configuration: QueueConfiguration, customers: Int, warmupCustomers: Int,
                replications: Int, measures: [ValidationMeasure]) {
        self.name = name; self.configuration = configuration; self.customers = customers
        self.warmupCustomers = warmupCustomers; self.replications = replications; self.measures = measures
    }

    /// The same case with a different model (the exact values stay): how the
    /// negative controls show that a wrong model is caught.
    public func withConfiguration(_ change: (inout QueueConfiguration) -> Void) -> ValidationCase {
        var copy = self
        change(&copy.configuration)
        return copy
    }
}

/// The verdict on one measure: exact value against the simulated interval.
public struct ValidationOutcome: Sendable, Hashable {
    public var caseName: String
    public var measure: String
    public var exact: Double
    /// One estimate per replication.
    public var estimates: [Double]
    /// Student-t intervals across replications.
    public var interval95: ConfidenceInterval
    public var interval99: ConfidenceInterval

    /// Mean over replications.
    public var simulated: Double { interval95.mean }
    /// The verdict: the 99 % interval covers the exact value. (With some 30
    /// measures, a 95 % criterion would fail a correct model on one measure
    /// or more in most seeds.)
    public var covered: Bool { interval99.contains(exact) }
    public var coveredAt95: Bool { interval95.contains(exact) }
    /// Half-width of the 95 % interval relative to the exact value.
    public var relativeHalfWidth: Double { interval95.halfWidth / abs(exact) }

    /// One line for failure messages and logs.
    public var summary: String {
        "\(caseName) \(measure): exact \(exact), simulated \(simulated), "
            + "95 % CI [\(interval95.low), \(interval95.high)], 99 % CI [\(interval99.low), \(interval99.high)], "
            + (covered ? "covered" : "NOT covered")
    }
}

/// The validation suite: queues whose measures are known exactly, shared by
/// the test target and `wardsim validate` so the two cannot drift apart.
///
/// ```swift
/// for outcome in ValidationSuite.runAll() where !outcome.covered { print(outcome.summary) }
/// ```
///
/// Each case runs independent replications (each with its own warm-up) and
/// forms Student-t intervals across them. Run lengths are chosen so that the
/// 95 % half-width is a few per cent of the exact value: a model off by a
/// few per cent (service rate, server count, queue discipline) falls
/// outside. The whole suite simulates about 50 million customers: a few
/// seconds on two cores in a release build.
public enum ValidationSuite {
    /// The seed of the published verdicts (fixed, so runs are reproducible).
    public static let defaultSeed: UInt64 = 1

    public static let cases: [ValidationCase] = [
        mm1, mm5, mm10, md1, mg1, erlangA(arrivalRate: 9, patienceMean: 1, customers: 100_000),
        erlangA(arrivalRate: 11, patienceMean: 2, customers: 100_000), erlangB, priority, timeVarying,
    ]

    /// Runs one case: replications in parallel, one interval per measure.
    public static func run(_ validationCase: ValidationCase, seed: UInt64 = defaultSeed,
                           threads: Int = ParallelReplications.defaultThreads) -> [ValidationOutcome] {
        let c = validationCase
        let results = ParallelReplications.run(count: c.replications, threads: threads) { rep in
            MultiServerQueue.run(c.configuration, customers: c.customers, warmupCustomers: c.warmupCustomers,
                                 seed: seed, replication: rep)
        }
        return c.measures.map { m in
            let estimates = results.map { m.estimator.value(in: $0) }
            return ValidationOutcome(caseName: c.name, measure: m.name, exact: m.exact, estimates: estimates,
                                     interval95: ConfidenceInterval(of: estimates, level: 0.95),
                                     interval99: ConfidenceInterval(of: estimates, level: 0.99))
        }
    }

    /// Runs every case in order; `progress` hears the name of each case as it starts.
    public static func runAll(seed: UInt64 = defaultSeed, threads: Int = ParallelReplications.defaultThreads,
                              progress: (String) -> Void = { _ in }) -> [ValidationOutcome] {
        cases.flatMap { c -> [ValidationOutcome] in
            progress(c.name)
            return run(c, seed: seed, threads: threads)
        }
    }

    // MARK: The cases

    static func exponentialClass(_ lambda: Double, mu: Double = 1, patience: Double? = nil,
                                 priority: Int = 0) -> CustomerClass {
        CustomerClass(arrivalRate: lambda, service: .exponential(mean: 1 / mu),
                      patience: patience.map { .exponential(mean: $0) }, priority: priority)
    }

    /// M/M/1 at ρ = 0.9: heavy traffic, relaxation time ≈ 1/(μ(1 − √ρ)²) ≈ 380 min.
    static let mm1: ValidationCase = {
        let lambda = 0.9, mu = 1.0, t = 10.0
        let exact = QueueTheory.erlangC(arrivalRate: lambda, serviceRate: mu, servers: 1)
        return ValidationCase(
            name: "M/M/1 ρ=0.9",
            configuration: QueueConfiguration(servers: 1, classes: [exponentialClass(lambda, mu: mu)], waitThresholds: [t]),
            customers: 400_000, warmupCustomers: 10_000, replications: 20,
            measures: [
                ValidationMeasure("Wq", exact: exact.meanWait, .meanWait),
                ValidationMeasure("P(wait)", exact: exact.probabilityOfWaiting, .probabilityOfWaiting),
                ValidationMeasure("P(W>10)", exact: exact.probabilityWaitExceeds(t), .probabilityWaitExceeds(t)),
            ])
    }()

    static let mm5: ValidationCase = {
        let lambda = 4.0, mu = 1.0, c = 5
        let exact = QueueTheory.erlangC(arrivalRate: lambda, serviceRate: mu, servers: c)
        return ValidationCase(
            name: "M/M/5 λ=4 μ=1",
            configuration: QueueConfiguration(servers: c, classes: [exponentialClass(lambda, mu: mu)]),
            customers: 200_000, warmupCustomers: 2_000, replications: 20,
            measures: [
                ValidationMeasure("P(wait)", exact: exact.probabilityOfWaiting, .probabilityOfWaiting),
                ValidationMeasure("Wq", exact: exact.meanWait, .meanWait),
                ValidationMeasure("Lq (time avg)", exact: exact.meanQueueLength, .meanQueueLength),
                ValidationMeasure("busy servers", exact: exact.meanBusyServers, .meanBusyServers),
            ])
    }()

    static let mm10: ValidationCase = {
        let lambda = 9.0, mu = 1.0, c = 10, t1 = 0.5, t2 = 2.0
        let exact = QueueTheory.erlangC(arrivalRate: lambda, serviceRate: mu, servers: c)
        return ValidationCase(
            name: "M/M/10 λ=9 μ=1",
            configuration: QueueConfiguration(servers: c, classes: [exponentialClass(lambda, mu: mu)],
                                              waitThresholds: [t1, t2]),
            customers: 500_000, warmupCustomers: 5_000, replications: 20,
            measures: [
                ValidationMeasure("P(wait)", exact: exact.probabilityOfWaiting, .probabilityOfWaiting),
                ValidationMeasure("Wq", exact: exact.meanWait, .meanWait),
                ValidationMeasure("P(W>0.5)", exact: exact.probabilityWaitExceeds(t1), .probabilityWaitExceeds(t1)),
                ValidationMeasure("P(W>2)", exact: exact.probabilityWaitExceeds(t2), .probabilityWaitExceeds(t2)),
            ])
    }()

    static let md1: ValidationCase = {
        let lambda = 0.8, service = Distribution.fixed(1)
        return ValidationCase(
            name: "M/D/1 ρ=0.8",
            configuration: QueueConfiguration(servers: 1, classes: [CustomerClass(arrivalRate: lambda, service: service)]),
            customers: 200_000, warmupCustomers: 2_000, replications: 20,
            measures: [
                ValidationMeasure("Wq", exact: QueueTheory.pollaczekKhinchine(arrivalRate: lambda, service: service), .meanWait),
                ValidationMeasure("P(wait)", exact: lambda * service.mean, .probabilityOfWaiting),
            ])
    }()

    static let mg1: ValidationCase = {
        let lambda = 0.7, service = Distribution.lognormal(mean: 1, sd: 1.5)
        return ValidationCase(
            name: "M/G/1 lognormal(1, 1.5) ρ=0.7",
            configuration: QueueConfiguration(servers: 1, classes: [CustomerClass(arrivalRate: lambda, service: service)]),
            customers: 400_000, warmupCustomers: 5_000, replications: 20,
            measures: [
                ValidationMeasure("Wq", exact: QueueTheory.pollaczekKhinchine(arrivalRate: lambda, service: service), .meanWait),
                ValidationMeasure("P(wait)", exact: lambda * service.mean, .probabilityOfWaiting),
            ])
    }()

    /// M/M/10+M, μ = 1; λ = 11 is overloaded: only abandonment keeps it stable.
    static func erlangA(arrivalRate lambda: Double, patienceMean: Double, customers: Int) -> ValidationCase {
        let c = 10, mu = 1.0
        let exact = QueueTheory.erlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: 1 / patienceMean)
        let theta = 1 / patienceMean
        let waits = exact.waitsByPosition, pAbandon = exact.probabilityOfAbandonment
        // E[W·1{abandoned}] = E[W] − E[W·1{served}].
        let waitOfAbandoned = (waits.all - waits.served * (1 - pAbandon)) / pAbandon
        return ValidationCase(
            name: "M/M/10+M λ=\(format(lambda)) θ=\(format(theta))",
            configuration: QueueConfiguration(servers: c, classes: [exponentialClass(lambda, mu: mu, patience: patienceMean)]),
            customers: customers, warmupCustomers: 2_000, replications: 20,
            measures: [
                ValidationMeasure("P(abandon)", exact: exact.probabilityOfAbandonment, .probabilityOfAbandonment),
                ValidationMeasure("Wq (all)", exact: exact.meanWait, .meanWait),
                ValidationMeasure("Wq (served)", exact: waits.served, .meanWaitOfServed),
                ValidationMeasure("Wq (abandoned)", exact: waitOfAbandoned, .meanWaitOfAbandoned),
                ValidationMeasure("P(wait)", exact: exact.probabilityOfWaiting, .probabilityOfWaiting),
                // Abandoned customers stay in the line until skipped: this
                // checks that the live count behind the time average is exact.
                ValidationMeasure("Lq (time avg)", exact: exact.meanQueueLength, .meanQueueLength),
            ])
    }

    /// The Erlang loss system M/M/5/5 as a queue whose customers have no
    /// patience at all (fixed 0): whoever finds every server busy leaves.
    static let erlangB: ValidationCase = {
        let lambda = 4.0, c = 5
        return ValidationCase(
            name: "M/M/5/5 loss (patience 0)",
            configuration: QueueConfiguration(servers: c, classes: [
                CustomerClass(arrivalRate: lambda, service: .exponential(mean: 1), patience: .fixed(0))]),
            customers: 100_000, warmupCustomers: 1_000, replications: 20,
            measures: [
                ValidationMeasure("P(lost) Erlang B", exact: QueueTheory.erlangB(offeredLoad: lambda, servers: c),
                                  .probabilityOfAbandonment),
                ValidationMeasure("busy servers", exact: lambda * (1 - QueueTheory.erlangB(offeredLoad: lambda, servers: c)),
                                  .meanBusyServers),
            ])
    }()

    /// Two classes, non-preemptive priority, exponential service with
    /// different rates (μ₁ = 2, μ₂ = 1), total ρ = 0.8.
    static let priority: ValidationCase = {
        let high = exponentialClass(0.6, mu: 2, priority: 0)
        let low = exponentialClass(0.5, mu: 1, priority: 1)
        let exact = QueueTheory.cobham(classes: [(high.arrivalRate, high.service), (low.arrivalRate, low.service)])
        return ValidationCase(
            name: "M/M/1 priority 2 classes ρ=0.8",
            configuration: QueueConfiguration(servers: 1, classes: [high, low], discipline: .priority),
            customers: 400_000, warmupCustomers: 5_000, replications: 20,
            measures: [
                ValidationMeasure("Wq class 1 (high)", exact: exact[0], .meanWaitOfClass(0)),
                ValidationMeasure("Wq class 2 (low)", exact: exact[1], .meanWaitOfClass(1)),
            ])
    }()

    /// The rate profile of the time-varying run: a morning with a peak above
    /// capacity, then the doors close (rate 0) so the system empties.
    public static let timeVaryingProfile: [RatePeriod] = [
        RatePeriod(minutes: 60, multiplier: 0.5), RatePeriod(minutes: 120, multiplier: 1.5),
        RatePeriod(minutes: 90, multiplier: 0.8), RatePeriod(minutes: 60, multiplier: 1.2),
        RatePeriod(minutes: 1, multiplier: 0),
    ]

    /// M(t)/M/3+M over one day: λ(t) = 2.5 × profile, patience mean 5.
    /// Exact: the expected number of arrivals, ∫λ(t)dt. Little's law on the
    /// same runs is checked as a sample-path identity in the tests.
    public static let timeVarying: ValidationCase = {
        let base = 2.5
        let expected = timeVaryingProfile.reduce(0.0) { $0 + base * $1.minutes * $1.multiplier }
        return ValidationCase(
            name: "M(t)/M/3+M time-varying day",
            configuration: QueueConfiguration(servers: 3, classes: [exponentialClass(base, mu: 1, patience: 5)],
                                              arrivalProfile: timeVaryingProfile),
            customers: Int.max / 2, warmupCustomers: 0, replications: 400,
            measures: [ValidationMeasure("arrivals per day", exact: expected, .arrivals)])
    }()

    static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
