/// What every KPI row name means: unit, scopes and a one-line definition,
/// for reports, `--json` consumers and the run store's documentation.
///
/// Names ending in `_hHH` (e.g. `queue_length_h09`) are per clock hour HH
/// (09:00–10:00), averaged per simulated day; they are listed here once with
/// `HH` in the name.
///
/// ```swift
/// KPICatalogue.entry("wait_p90")?.unit     // "min"
/// ```
public enum KPICatalogue {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var unit: String
        public var scopes: [KPIScopeKind]
        public var meaning: String
    }

    /// The entry for a row name (hourly names are matched by their pattern).
    public static func entry(_ name: String) -> Entry? {
        if let e = entries.first(where: { $0.name == name }) { return e }
        if name.count > 4, name.dropLast(2).hasSuffix("_h"), name.suffix(2).allSatisfy(\.isNumber) {
            let pattern = name.dropLast(2) + "HH"
            return entries.first { $0.name == pattern }
        }
        return nil
    }

    static let place: [KPIScopeKind] = [.city, .office]
    static let waits: [KPIScopeKind] = [.city, .office, .section, .procedure, .channel]

    public static let entries: [Entry] = [
        Entry(name: "days", unit: "days", scopes: place, meaning: "working days simulated in the replication"),
        Entry(name: "demand", unit: "visits", scopes: [.city, .office, .procedure], meaning: "visits wanted before channel choice (procedure: times the procedure was wanted)"),
        Entry(name: "demand_walk_in", unit: "procedures", scopes: [.procedure], meaning: "demand of the procedure that walked in"),
        Entry(name: "demand_booked", unit: "procedures", scopes: [.procedure], meaning: "demand that booked a slot (no-shows and overflow included)"),
        Entry(name: "demand_online", unit: "procedures", scopes: [.procedure], meaning: "demand applied for online"),
        Entry(name: "demand_convenience_store", unit: "procedures", scopes: [.procedure], meaning: "demand issued at a convenience store"),
        Entry(name: "demand_ai_resolved", unit: "procedures", scopes: [.procedure], meaning: "demand the AI assistant resolved without a visit"),
        Entry(name: "demand_ai_handed_on", unit: "procedures", scopes: [.procedure], meaning: "demand the AI assistant handed on to a counter (shorter interview)"),
        Entry(name: "visits", unit: "visits", scopes: [.city, .office, .channel], meaning: "visits that came to the office (walk-in, or booked and showed up)"),
        Entry(name: "persons", unit: "persons", scopes: place, meaning: "people who came (a family shares one ticket)"),
        Entry(name: "served", unit: "visits", scopes: [.city, .office, .channel], meaning: "visits that finished every procedure done in person"),
        Entry(name: "reneged", unit: "visits", scopes: [.city, .office, .channel], meaning: "left after their patience ran out before being called"),
        Entry(name: "balked", unit: "visits", scopes: [.city, .office, .channel], meaning: "left on arrival at the sight of a long displayed queue"),
        Entry(name: "abandonment_rate", unit: "share", scopes: place, meaning: "(reneged + balked) / visits"),
        Entry(name: "deflected", unit: "visits", scopes: place, meaning: "visits avoided: every procedure went online, to a convenience store or was resolved by the AI assistant"),
        Entry(name: "no_shows", unit: "visits", scopes: place, meaning: "booked slots nobody came to"),
        Entry(name: "booked_visits", unit: "visits", scopes: place, meaning: "visits that came at a booked slot"),
        Entry(name: "booked_overflow", unit: "visits", scopes: place, meaning: "wanted to book but every later slot was taken: walked in instead"),
        Entry(name: "unserved", unit: "visits", scopes: place, meaning: "still inside when the day's events ran out (0 unless the model is wrong)"),
        Entry(name: "absent_calls", unit: "calls", scopes: place, meaning: "calls nobody answered because the citizen was away (moved to the back)"),
        Entry(name: "ghost_calls", unit: "calls", scopes: place, meaning: "calls of tickets whose holder had left (reneged)"),
        Entry(name: "reworks", unit: "forms", scopes: place, meaning: "forms sent back for correction"),
        Entry(name: "calls", unit: "calls", scopes: [.section], meaning: "citizens called to the section's counters (one per counter or issue stage)"),
        Entry(name: "stages_done", unit: "stages", scopes: [.section], meaning: "counter and issue stages finished"),
        Entry(name: "completed", unit: "procedures", scopes: [.procedure], meaning: "procedures finished in person"),
        Entry(name: "wait_mean", unit: "min", scopes: waits, meaning: "waiting in counter queues, from taking the ticket (or returning) to being called: per served visit summed over its queues (city, office, channel), per procedure, per call (section). Back-office examination time is not waiting here; it is in time in office"),
        Entry(name: "wait_median", unit: "min", scopes: waits, meaning: "median of the same waits (type-7 quantile)"),
        Entry(name: "wait_p90", unit: "min", scopes: waits, meaning: "90th percentile of the same waits"),
        Entry(name: "wait_p95", unit: "min", scopes: waits, meaning: "95th percentile of the same waits"),
        Entry(name: "wait_max", unit: "min", scopes: waits, meaning: "longest of the same waits"),
        Entry(name: "served_within_15", unit: "share", scopes: [.city, .office, .section], meaning: "share of those waits of at most 15 minutes"),
        Entry(name: "served_within_30", unit: "share", scopes: [.city, .office, .section, .channel], meaning: "share of those waits of at most 30 minutes"),
        Entry(name: "served_within_60", unit: "share", scopes: [.city, .office, .section], meaning: "share of those waits of at most 60 minutes"),
        Entry(name: "time_in_office_mean", unit: "min", scopes: [.city, .office, .channel], meaning: "arrival to departure, served visits"),
        Entry(name: "lobby_occupancy_mean", unit: "persons", scopes: place, meaning: "people waiting in the lobby (queues and back-office waits), time-average over opening hours"),
        Entry(name: "lobby_occupancy_max", unit: "persons", scopes: place, meaning: "most people waiting at once (city: sum of the offices' maxima)"),
        Entry(name: "lobby_standing_person_minutes", unit: "person·min", scopes: place, meaning: "waiting beyond the seats: Σ over time of (waiting − seats)⁺"),
        Entry(name: "lobby_occupancy_hHH", unit: "persons", scopes: [.office], meaning: "mean people waiting during clock hour HH"),
        Entry(name: "arrivals_hHH", unit: "visits/day", scopes: [.office], meaning: "visits arriving during clock hour HH, per day"),
        Entry(name: "staff_overtime_minutes", unit: "staff·min", scopes: [.city, .office, .section], meaning: "time on duty past the end of shifts (finishing a citizen, serving the lobby after closing)"),
        Entry(name: "closing_delay_minutes_mean", unit: "min", scopes: place, meaning: "last citizen's departure after the doors closed, mean per day"),
        Entry(name: "closing_delay_minutes_max", unit: "min", scopes: place, meaning: "the same, worst day"),
        Entry(name: "staff_on_duty_hours", unit: "staff·h", scopes: [.city, .office, .section], meaning: "hours on duty (counter and back-office staff of the ward; section: counter staff)"),
        Entry(name: "staff_scheduled_hours", unit: "staff·h", scopes: [.section], meaning: "hours in the roster"),
        Entry(name: "staff_busy_hours_counter", unit: "staff·h", scopes: place, meaning: "hours counter staff spent serving or calling"),
        Entry(name: "staff_busy_hours_backoffice", unit: "staff·h", scopes: place, meaning: "hours the ward's back-office staff spent on examinations and online applications"),
        Entry(name: "staff_busy_hours", unit: "staff·h", scopes: [.city, .office, .section], meaning: "counter + back-office busy hours of the ward (section: counter staff); compare scenarios for staff hours freed"),
        Entry(name: "staff_busy_hours_total", unit: "staff·h", scopes: [.city], meaning: "staff_busy_hours plus the back-office centre"),
        Entry(name: "utilisation_counter", unit: "share", scopes: place, meaning: "counter staff busy ÷ on duty"),
        Entry(name: "utilisation_backoffice", unit: "share", scopes: place, meaning: "ward back-office staff busy ÷ on duty"),
        Entry(name: "utilisation", unit: "share", scopes: [.section], meaning: "the section's counter staff busy ÷ on duty"),
        Entry(name: "utilisation_hHH", unit: "share", scopes: [.section], meaning: "the same during clock hour HH"),
        Entry(name: "staff_on_duty_hHH", unit: "staff", scopes: [.section], meaning: "mean counter staff on duty during clock hour HH"),
        Entry(name: "queue_length_mean", unit: "citizens", scopes: [.section], meaning: "citizens waiting in the section's queues, time-average over opening hours"),
        Entry(name: "queue_length_max", unit: "citizens", scopes: [.section], meaning: "longest queue"),
        Entry(name: "queue_length_hHH", unit: "citizens", scopes: [.section], meaning: "mean queue during clock hour HH"),
        Entry(name: "backoffice_tasks", unit: "tasks", scopes: [.section], meaning: "examinations done for citizens waiting in the lobby"),
        Entry(name: "backoffice_online_tasks", unit: "tasks", scopes: [.section], meaning: "online applications worked on"),
        Entry(name: "backoffice_busy_hours", unit: "staff·h", scopes: [.section], meaning: "busy hours of the section's back-office staff"),
        Entry(name: "backoffice_on_duty_hours", unit: "staff·h", scopes: [.section], meaning: "on-duty hours of the section's back-office staff"),
        Entry(name: "backoffice_utilisation", unit: "share", scopes: [.section], meaning: "back-office busy ÷ on duty"),
        Entry(name: "centre_tasks", unit: "tasks", scopes: [.city], meaning: "examinations done by the back-office centre for citizens in a lobby"),
        Entry(name: "centre_online_tasks", unit: "tasks", scopes: [.city], meaning: "online applications worked on by the centre"),
        Entry(name: "centre_busy_hours", unit: "staff·h", scopes: [.city], meaning: "busy hours of the back-office centre"),
        Entry(name: "centre_on_duty_hours", unit: "staff·h", scopes: [.city], meaning: "on-duty hours of the back-office centre"),
        Entry(name: "centre_utilisation", unit: "share", scopes: [.city], meaning: "centre busy ÷ on duty"),
        Entry(name: "citizen_hours_in_office", unit: "person·h", scopes: place, meaning: "people × time in the office, everyone who came"),
        Entry(name: "citizen_hours_travel", unit: "person·h", scopes: place, meaning: "people × travel time of the visits made"),
        Entry(name: "citizen_hours_saved", unit: "person·h", scopes: place, meaning: "people × (travel + service + the day's mean wait) of avoided visits, plus people × service time of procedures done remotely within visits that still happened"),
        Entry(name: "online_applications", unit: "applications", scopes: place, meaning: "procedures applied for online"),
        Entry(name: "online_done", unit: "applications", scopes: place, meaning: "online applications worked on the same day"),
        Entry(name: "online_backlog", unit: "applications", scopes: place, meaning: "online applications left at the end of the day (summed over days)"),
        Entry(name: "fees_yen", unit: "yen", scopes: place, meaning: "fees of procedures done at the counter"),
    ]
}
