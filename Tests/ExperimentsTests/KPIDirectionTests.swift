import SimKernel
import Testing
@testable import Experiments

@Suite struct KPIDirectionTests {
    @Test func directionsFollowTheTable() {
        for kpi in ["wait_mean", "wait_p90", "wait_max", "time_in_office_mean", "reneged", "balked",
                    "abandonment_rate", "staff_overtime_minutes", "queue_length_mean", "lobby_occupancy_max"] {
            #expect(KPIDirection.of(kpi) == .lowerIsBetter, "\(kpi)")
        }
        for kpi in ["served_within_15", "served_within_30", "served_within_60", "deflected", "citizen_hours_saved"] {
            #expect(KPIDirection.of(kpi) == .higherIsBetter, "\(kpi)")
        }
        // Neutral on purpose (see KPIDirection), and anything unknown.
        for kpi in ["utilisation", "utilisation_counter", "served", "visits", "staff_busy_hours", "fees_yen",
                    "demand", "no_shows", "brand_new_kpi", ""] {
            #expect(KPIDirection.of(kpi) == .neutral, "\(kpi)")
        }
    }

    @Test func hourlyKPIsTakeTheirDailyDirection() {
        #expect(KPIDirection.of("queue_length_h09") == .lowerIsBetter)
        #expect(KPIDirection.of("lobby_occupancy_h16") == .lowerIsBetter)
        #expect(KPIDirection.of("utilisation_h10") == .neutral)
        #expect(KPIDirection.of("arrivals_h08") == .neutral)
        #expect(KPIDirection.dailyName("queue_length_h09") == "queue_length")
        // Not an hour suffix.
        #expect(KPIDirection.dailyName("wait_mean_h") == nil)
        #expect(KPIDirection.dailyName("queue_length_hx9") == nil)
        #expect(KPIDirection.dailyName("_h09") == nil)
        #expect(KPIDirection.of("wait_mean_hh") == .neutral)
    }

    func interval(_ mean: Double, _ halfWidth: Double, n: Int = 10) -> ConfidenceInterval {
        ConfidenceInterval(mean: mean, halfWidth: halfWidth, count: n, level: 0.95)
    }

    @Test func verdictReadsTheIntervalAndTheDirection() {
        // Interval below 0.
        #expect(Verdict(difference: interval(-2, 1), direction: .lowerIsBetter) == .better)
        #expect(Verdict(difference: interval(-2, 1), direction: .higherIsBetter) == .worse)
        #expect(Verdict(difference: interval(-2, 1), direction: .neutral) == .lower)
        // Interval above 0.
        #expect(Verdict(difference: interval(2, 1), direction: .lowerIsBetter) == .worse)
        #expect(Verdict(difference: interval(2, 1), direction: .higherIsBetter) == .better)
        #expect(Verdict(difference: interval(2, 1), direction: .neutral) == .higher)
        // Containing 0, including touching it and exactly zero.
        for d in [interval(0.5, 1), interval(-0.5, 1), interval(1, 1), interval(-1, 1), interval(0, 0)] {
            for direction in KPIDirection.allCases {
                #expect(Verdict(difference: d, direction: direction) == .noDetectableDifference, "\(d) \(direction)")
            }
        }
        // A constant nonzero difference (sd 0) is detected.
        #expect(Verdict(difference: interval(-3, 0), direction: .lowerIsBetter) == .better)
        // No interval.
        #expect(Verdict(difference: interval(-2, .infinity, n: 1), direction: .lowerIsBetter) == .undetermined)
        #expect(Verdict(difference: interval(.nan, .nan, n: 0), direction: .lowerIsBetter) == .undetermined)
        #expect(Verdict.noDetectableDifference.rawValue == "no detectable difference")
    }
}
