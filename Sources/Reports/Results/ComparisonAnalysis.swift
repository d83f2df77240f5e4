/// The numbers behind a comparison report: each indicator's estimate per
/// run and its difference against the baseline, computed from the stored
/// per-replication KPIs. Kept apart from the page layout so tests can check
/// the figures directly.
///
/// ```swift
/// let a = ComparisonAnalysis(input)
/// a.estimate(.meanWait, run: 1)        // mean and 95 % CI of run 1's mean wait
/// a.difference(.meanWait, run: 1)      // run 1 − baseline, paired when the runs pair
/// ```
///
/// Cost: every call walks one KPI's replications, O(replications).
struct ComparisonAnalysis {
    let input: ReportInput
    let basis: AnnualBasis
    let level = 0.95

    init(_ input: ReportInput) {
        self.input = input
        self.basis = AnnualBasis(dayRanges: input.runs.map(\.record.dayRange))
    }

    var runs: [ReportRun] { input.runs }

    /// How an indicator's per-replication values are obtained (aligned with
    /// `run.values.replications`); `.freedAnnually` gives the staff hours
    /// themselves (the freeing is a difference, see `estimate`).
    func series(_ indicator: Indicator, _ run: ReportRun) -> [Double] {
        let v = run.values
        let days = v.series(.city("days")).map { $0.isFinite && $0 > 0 ? $0 : 1 }
        switch indicator.source {
        case let .perDay(kpi, scale):
            return v.series(.city(kpi)).map { $0 * scale }
        case let .dailyTotal(kpi, scale):
            return zip(v.series(.city(kpi)), days).map { $0 / $1 * scale }
        case let .annualTotal(kpi), let .freedAnnually(kpi):
            return zip(v.series(.city(kpi)), days).map { x, d in
                switch basis {
                case .ordinaryDayTimesWorkingDays: x / d * input.workingDaysPerYear
                case .fiscalYear: x
                case .perDay: x / d
                }
            }
        }
    }

    /// The indicator's values at the given replication indices (NaN where absent).
    func series(_ indicator: Indicator, _ run: ReportRun, at replications: [Int]) -> [Double] {
        let all = series(indicator, run)
        var position: [Int: Int] = [:]
        for (i, r) in run.values.replications.enumerated() { position[r] = i }
        return replications.map { position[$0].map { all[$0] } ?? .nan }
    }

    /// The indicator for run `index`, in stored units (fractions for shares).
    /// Nil for "staff hours freed" of the baseline itself.
    func estimate(_ indicator: Indicator, run index: Int) -> Estimate? {
        if case .freedAnnually = indicator.source {
            guard index > 0 else { return nil }
            let d = difference(indicator, run: index).estimate
            return Estimate(mean: -d.mean, low: -d.high, high: -d.low, level: d.level)
        }
        return Estimate.of(series(indicator, runs[index]), level: level).clamped(to: indicator.possibleRange)
    }

    struct Difference {
        /// Run − baseline, in stored units.
        var estimate: Estimate
        var paired: Bool
        /// Replications paired (or, unpaired, the smaller sample size).
        var count: Int
    }

    /// Run `index` minus the baseline: paired over the replications both
    /// have when the runs share random numbers, Welch otherwise.
    func difference(_ indicator: Indicator, run index: Int) -> Difference {
        let base = runs[0], run = runs[index]
        if run.pairs(with: base) {
            let common = base.commonReplications(with: run)
            let b = series(indicator, base, at: common), o = series(indicator, run, at: common)
            return Difference(estimate: Estimate.pairedDifference(base: b, other: o, level: level), paired: true,
                              count: common.count)
        }
        let b = series(indicator, base), o = series(indicator, run)
        return Difference(estimate: Estimate.welchDifference(base: b, other: o, level: level), paired: false,
                          count: min(b.count, o.count))
    }

    enum Assessment { case better, worse, undetermined }

    /// Better, worse or undetermined, from the interval and the indicator's good direction.
    func assessment(_ indicator: Indicator, _ d: Estimate) -> Assessment {
        switch d.direction {
        case .undetermined: .undetermined
        case .lower: indicator.lowerIsBetter ? .better : .worse
        case .higher: indicator.lowerIsBetter ? .worse : .better
        }
    }

    // MARK: Time of day

    /// Clock hours with a stored hourly value (`queue_length_h09` → 9) in any run.
    func hours(prefix: String) -> [Int] {
        var found = Set<Int>()
        for run in runs {
            for key in run.values.keys where key.kpi.hasPrefix(prefix + "_h") {
                if let h = Int(key.kpi.dropFirst(prefix.count + 2)) { found.insert(h) }
            }
        }
        return found.sorted()
    }

    /// Per hour, the estimate of the sum over all scopes of `kind` of the
    /// hourly KPI (queue length of every section, lobby of every office).
    func hourlyTotal(_ run: ReportRun, scope kind: String, prefix: String, hours: [Int]) -> [(hour: Int, estimate: Estimate)] {
        hours.compactMap { h in
            let kpi = prefix + "_h" + (h < 10 ? "0\(h)" : "\(h)")
            let keys = run.values.keys.filter { $0.scope == kind && $0.kpi == kpi }.sorted()
            guard !keys.isEmpty else { return nil }
            return (h, Estimate.of(run.values.sum(keys), level: level))
        }
    }

    /// Section scope names of a run that have hourly utilisation, in the
    /// scenario's section order (others after, sorted).
    func utilisationSections(_ run: ReportRun) -> [String] {
        let have = Set(run.values.keys.filter { $0.scope == "section" && $0.kpi.hasPrefix("utilisation_h") }.map(\.name))
        var ordered = run.facts.sections.map(\.scope).filter { have.contains($0) }
        ordered += have.subtracting(ordered).sorted()
        return ordered
    }

    /// Mean utilisation of a section in an hour over the replications with
    /// staff on duty; nil when no replication had anyone on duty.
    func utilisation(_ run: ReportRun, section: String, hour h: Int) -> Double? {
        let kpi = "utilisation_h" + (h < 10 ? "0\(h)" : "\(h)")
        let e = Estimate.of(run.values.series(KPIKey(scope: "section", name: section, kpi: kpi)), level: level)
        return e.mean.isFinite ? e.mean : nil
    }

    // MARK: Channels

    /// Requests per day by channel (`demand_<channel>` summed over the
    /// city-wide procedure rows, those without an office prefix).
    func requests(_ run: ReportRun, channel: String) -> Estimate {
        let keys = run.values.keys.filter { $0.scope == "procedure" && !$0.name.contains("/") && $0.kpi == "demand_" + channel }.sorted()
        guard !keys.isEmpty else { return Estimate(mean: .nan, low: .nan, high: .nan, level: level) }
        let days = run.values.series(.city("days")).map { $0.isFinite && $0 > 0 ? $0 : 1 }
        return Estimate.of(zip(run.values.sum(keys), days).map { $0 / $1 }, level: level)
    }
}
