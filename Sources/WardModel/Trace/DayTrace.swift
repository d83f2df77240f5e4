import SimKernel

/// What a traced day notes while it runs, beyond the model's own state: the
/// first call of each visit and the demand that never came. Everything else
/// in a `CitizenTrace` is read from the model's citizens after the day.
///
/// Held by `WardDay.trace`, nil when not tracing: the model's hooks are then
/// one nil check each, and nothing here is allocated.
///
/// ```swift
/// var t = DayTrace()
/// t.called(3, at: 600_000)
/// t.called(3, at: 900_000)   // a later call: ignored
/// t.firstCall[3]             // 600_000
/// ```
struct DayTrace: Sendable {
    /// Demand of an office that did not come to it.
    struct NotComing: Sendable {
        var office: Int16
        var visitType: Int16
        var persons: Int16
        var channel: TraceChannel
        var outcome: CitizenOutcome
        var number: Int32
        var time: Int64
    }

    /// First call of each visit of the day (indices as in `WardDay.citizens`); -1: not (yet) called.
    var firstCall: [Int64] = []
    /// In (office, number) order, like the model's citizens.
    var notComing: [NotComing] = []

    mutating func startDay() {
        firstCall.removeAll(keepingCapacity: true)
        notComing.removeAll(keepingCapacity: true)
    }

    /// Notes that visit `i` was called and answered; keeps the first time.
    mutating func called(_ i: Int, at now: Int64) {
        if i >= firstCall.count { firstCall.append(contentsOf: repeatElement(-1, count: i + 1 - firstCall.count)) }
        if firstCall[i] < 0 { firstCall[i] = now }
    }

    func firstCall(of i: Int) -> Int64? {
        i < firstCall.count && firstCall[i] >= 0 ? firstCall[i] : nil
    }
}

extension WardDay {
    /// Hook for `createCitizen`: demand `k` of office `o` of visit type `v`,
    /// wanted at `t`, will not come. `uChannel` is its channel uniform (for a
    /// deflected demand, the channel is its first procedure's).
    mutating func traceNotComing(_ o: Int, _ k: Int32, _ t: Int64, _ v: Int, _ persons: Int, _ uChannel: Double,
                                 _ outcome: CitizenOutcome) {
        var channel = TraceChannel.booked
        if outcome == .deflected {
            switch c.procCuts[Int(c.visitProcs[c.visitStart[v]])].channel(uChannel) {
            case .online: channel = .online
            case .convenienceStore: channel = .convenienceStore
            case .aiResolved: channel = .aiResolved
            case .walkIn: channel = .walkIn        // not reached: a walk-in procedure comes in person
            case .booked: channel = .booked
            case .aiHandedOn: channel = .aiAssistant
            }
        }
        trace?.notComing.append(DayTrace.NotComing(
            office: Int16(o), visitType: Int16(v), persons: Int16(persons), channel: channel, outcome: outcome,
            number: k, time: t))
    }
}
