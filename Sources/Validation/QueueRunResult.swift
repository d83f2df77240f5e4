import SimKernel

/// What one class of customers experienced in one run (customers after the
/// warm-up only). "Wait" is time in queue: until service starts, or until
/// the customer gave up.
///
/// ```swift
/// let walkIns = result.classes[0]
/// walkIns.wait.mean                 // minutes, everyone
/// walkIns.meanWaitOfServed          // minutes, those who were served
/// walkIns.probabilityOfAbandonment
/// ```
public struct ClassStatistics: Sendable, Hashable {
    /// Customers who arrived.
    public var arrivals = 0
    /// Customers who found every server busy and had to queue.
    public var delayed = 0
    /// Customers who gave up waiting.
    public var abandoned = 0
    /// Time in queue of every customer (minutes; abandoned: until they left).
    public var wait = Tally()
    /// Total time in queue of the customers who were served, in milliseconds
    /// (an exact integer sum: cheaper than a second tally on the hot path).
    public var servedWaitMilliseconds: Int64 = 0
    /// Total time in system of every customer, wait plus service (abandoned:
    /// wait), in milliseconds; exact, for Little's-law identities.
    public var sojournMilliseconds: Int64 = 0
    /// `waitExceeding[j]`: customers whose wait exceeded `waitThresholds[j]`.
    public var waitExceeding: [Int]

    public init(thresholds: Int) { waitExceeding = Array(repeating: 0, count: thresholds) }

    /// Adds another class's (or replication's) counts and tallies.
    public mutating func merge(_ other: ClassStatistics) {
        arrivals += other.arrivals
        delayed += other.delayed
        abandoned += other.abandoned
        wait.merge(other.wait)
        servedWaitMilliseconds += other.servedWaitMilliseconds
        sojournMilliseconds += other.sojournMilliseconds
        for j in waitExceeding.indices { waitExceeding[j] += other.waitExceeding[j] }
    }

    /// Served customers.
    public var served: Int { arrivals - abandoned }
    /// Mean time in queue of the served customers (minutes).
    public var meanWaitOfServed: Double { Double(servedWaitMilliseconds) / 60_000 / Double(served) }
    /// Mean time in queue of the customers who gave up (minutes).
    public var meanWaitOfAbandoned: Double {
        (wait.sum - Double(servedWaitMilliseconds) / 60_000) / Double(abandoned)
    }
    /// Mean time in system of every customer (minutes).
    public var meanSojourn: Double { Double(sojournMilliseconds) / 60_000 / Double(arrivals) }
    /// Share of arrivals who had to queue.
    public var probabilityOfWaiting: Double { Double(delayed) / Double(arrivals) }
    /// Share of arrivals who gave up.
    public var probabilityOfAbandonment: Double { Double(abandoned) / Double(arrivals) }
}

/// The measures of one replication of `MultiServerQueue`.
///
/// ```swift
/// let r = MultiServerQueue.run(mm10, customers: 500_000, warmupCustomers: 5_000, seed: 1, replication: 0)
/// r.meanWait, r.probabilityOfWaiting, r.probabilityWaitExceeds(0.5), r.meanInQueue
/// ```
///
/// Customer measures cover the customers after the warm-up. Time averages
/// cover the steady-state window from the first counted arrival to the last
/// arrival (so the drain at the end does not dilute them); the integrals
/// cover the window start until the system emptied.
public struct QueueRunResult: Sendable, Hashable {
    /// Per customer class, in configuration order.
    public var classes: [ClassStatistics]
    /// The thresholds (minutes) behind `ClassStatistics.waitExceeding`.
    public var waitThresholds: [Double]
    /// Time average of the number in system over the window.
    public var meanInSystem: Double
    /// Time average of the number waiting over the window.
    public var meanInQueue: Double
    /// Time average of the number of busy servers over the window.
    public var meanBusyServers: Double
    /// Start of the measurement window (arrival of the first counted customer; 0 without warm-up).
    public var windowStart: SimTime
    /// Arrival of the last customer.
    public var lastArrival: SimTime
    /// When the last customer left.
    public var end: SimTime
    /// ∫ number in system dt from `windowStart` to `end`, in customer-minutes.
    public var inSystemIntegral: Double
    /// ∫ number waiting dt from `windowStart` to `end`, in customer-minutes.
    public var inQueueIntegral: Double
    /// Events handled and stale (cancelled) events dropped.
    public var handledEvents: Int
    public var droppedEvents: Int

    /// Every class together.
    public var total: ClassStatistics {
        var all = ClassStatistics(thresholds: waitThresholds.count)
        for c in classes { all.merge(c) }
        return all
    }

    /// Mean time in queue over all counted customers (minutes).
    public var meanWait: Double { total.wait.mean }
    /// Share of counted customers who had to queue.
    public var probabilityOfWaiting: Double { total.probabilityOfWaiting }
    /// Share of counted customers who gave up.
    public var probabilityOfAbandonment: Double { total.probabilityOfAbandonment }

    /// P(W > t) for a `t` listed in the configuration's `waitThresholds`.
    public func probabilityWaitExceeds(_ t: Double) -> Double {
        guard let j = waitThresholds.firstIndex(of: t) else {
            preconditionFailure("threshold \(t) was not requested in waitThresholds")
        }
        let all = total
        return Double(all.waitExceeding[j]) / Double(all.arrivals)
    }
}
