import SimKernel

/// The order in which waiting customers are called.
public enum QueueDiscipline: Sendable, Hashable {
    /// First come, first served, whatever the class.
    case fifo
    /// Non-preemptive priority: the waiting customer of the best (lowest)
    /// `priority` rank is called next, FIFO within a rank; a customer in
    /// service is never interrupted.
    case priority
    /// Last come, first served (non-preemptive). Has the same mean wait as
    /// FIFO but a different wait distribution; used as a negative control.
    case lifo
}

/// One class of customers: Poisson arrivals, a service-time distribution and
/// optionally a patience (time until a waiting customer gives up).
///
/// ```swift
/// let walkIns = CustomerClass(arrivalRate: 9, service: .exponential(mean: 1),
///                             patience: .exponential(mean: 1))
/// ```
public struct CustomerClass: Sendable, Hashable {
    /// Poisson arrival rate per minute (scaled by the configuration's
    /// `arrivalProfile` when it has one).
    public var arrivalRate: Double
    /// Service time in minutes.
    public var service: Distribution
    /// Patience in minutes, counted from arrival; nil: waits forever.
    public var patience: Distribution?
    /// Priority rank under `.priority`: lower ranks are called first.
    public var priority: Int

    public init(arrivalRate: Double, service: Distribution, patience: Distribution? = nil, priority: Int = 0) {
        self.arrivalRate = arrivalRate
        self.service = service
        self.patience = patience
        self.priority = priority
    }
}

/// A stretch of time in a piecewise-constant arrival-rate profile.
public struct RatePeriod: Sendable, Hashable {
    /// Length of the period in minutes.
    public var minutes: Double
    /// Factor applied to every class's arrival rate during the period.
    public var multiplier: Double

    public init(minutes: Double, multiplier: Double) {
        self.minutes = minutes
        self.multiplier = multiplier
    }
}

/// A multi-server queue: `servers` identical servers in front of one waiting
/// line (or one line per priority rank).
///
/// ```swift
/// // M/M/10 with λ = 9, μ = 1, reporting P(W > 0.5 min):
/// let mm10 = QueueConfiguration(
///     servers: 10,
///     classes: [CustomerClass(arrivalRate: 9, service: .exponential(mean: 1))],
///     waitThresholds: [0.5])
/// ```
public struct QueueConfiguration: Sendable, Hashable {
    public var servers: Int
    public var classes: [CustomerClass]
    public var discipline: QueueDiscipline
    /// Piecewise-constant multiplier of the arrival rates, from time 0; the
    /// last period's multiplier holds for ever after (make it 0 to close the
    /// doors). Empty: constant rates.
    public var arrivalProfile: [RatePeriod]
    /// Thresholds t (minutes, ascending) for which P(W > t) is counted.
    public var waitThresholds: [Double]

    public init(servers: Int, classes: [CustomerClass], discipline: QueueDiscipline = .fifo,
                arrivalProfile: [RatePeriod] = [], waitThresholds: [Double] = []) {
        self.servers = servers
        self.classes = classes
        self.discipline = discipline
        self.arrivalProfile = arrivalProfile
        self.waitThresholds = waitThresholds
    }

    /// Checks the configuration; returns a description of the first problem.
    public func problem() -> String? {
        if servers < 1 { return "servers must be at least 1" }
        if classes.isEmpty { return "at least one customer class is needed" }
        if classes.count > Int(Int32.max) { return "too many classes" }
        for (k, c) in classes.enumerated() {
            if !(c.arrivalRate >= 0 && c.arrivalRate.isFinite) { return "class \(k): arrival rate must be finite and ≥ 0" }
        }
        if !arrivalProfile.isEmpty {
            if arrivalProfile.contains(where: { !($0.minutes > 0 && $0.minutes.isFinite) || !($0.multiplier >= 0 && $0.multiplier.isFinite) }) {
                return "rate periods need a positive length and a finite multiplier ≥ 0"
            }
        }
        if zip(waitThresholds, waitThresholds.dropFirst()).contains(where: { $0 > $1 }) {
            return "wait thresholds must be ascending"
        }
        return nil
    }
}
