/// One booked citizen who turned up.
public struct BookedArrival: Sendable, Hashable {
    /// Position of the booking in the slot list passed in.
    public var slotIndex: Int
    /// The booked time.
    public var slot: SimTime
    /// When the citizen actually arrives.
    public var arrival: SimTime
    /// Actual minus booked time: positive late, negative early.
    public var lateness: SimTime { arrival - slot }
}

/// Booked arrivals: citizens with a reservation arrive around their slot
/// time, early or late, and some do not come at all.
///
/// `lateness` is in **minutes** and may be negative (early): e.g.
/// `.uniform(min: -5, max: 10)` — up to 5 minutes early, 10 late.
/// `.fixed(0)` means everyone is punctual.
///
/// Per slot, in slot order, exactly two things are drawn from the stream: a
/// uniform for the no-show decision, then a lateness — the lateness is drawn
/// even for a no-show. So changing the no-show probability changes who comes
/// but not when the others come (common random numbers line up).
///
/// ```swift
/// let booked = try ScheduledArrivals(lateness: .uniform(min: -5, max: 10), noShowProbability: 0.1)
/// let slots = stride(from: 0, to: 16, by: 1).map { SimTime.clock(9, 0) + .minutes(Double($0) * 15) }
/// var rng = RandomStream(seed: 3, stream: "bookings", replication: r)
/// for b in booked.arrivals(forSlots: slots, using: &rng) { schedule(.bookedArrival(b.slotIndex), at: b.arrival) }
/// ```
public struct ScheduledArrivals: Sendable, Hashable {
    /// Arrival minus slot time, in minutes (negative = early).
    public let lateness: Distribution
    /// Probability that a booking is not kept.
    public let noShowProbability: Double

    /// Throws when the lateness distribution is invalid or the no-show
    /// probability is outside [0, 1].
    public init(lateness: Distribution = .fixed(0), noShowProbability: Double = 0) throws(ArrivalError) {
        do { try lateness.validate() } catch { throw ArrivalError("booked-arrival lateness: \(error.message)") }
        guard noShowProbability.isFinite, (0...1).contains(noShowProbability) else {
            throw ArrivalError("no-show probability must be in [0, 1] (got \(DistributionError.format(noShowProbability)))")
        }
        self.lateness = lateness
        self.noShowProbability = noShowProbability
    }

    /// The citizens who turn up for `slots`, sorted by arrival time (ties by
    /// slot order). Arrivals earlier than `notBefore` (e.g. before the doors
    /// open, or before the simulation starts) are moved to `notBefore`.
    ///
    /// Complexity: O(n log n) for n slots; allocates the result.
    public func arrivals(
        forSlots slots: [SimTime], notBefore: SimTime = .zero, using rng: inout RandomStream
    ) -> [BookedArrival] {
        var result: [BookedArrival] = []
        result.reserveCapacity(slots.count)
        for (i, slot) in slots.enumerated() {
            let missed = rng.nextUniform() < noShowProbability
            let late = SimTime.minutes(lateness.sample(using: &rng))
            if missed { continue }
            result.append(BookedArrival(slotIndex: i, slot: slot, arrival: Swift.max(slot + late, notBefore)))
        }
        result.sort { ($0.arrival, $0.slotIndex) < ($1.arrival, $1.slotIndex) }
        return result
    }
}
