import SimKernel

// Distributions as planners write them, with times in units:
//
//   {fixed: 90s}
//   {exponential: 5m}                      or {exponential: {mean: 5m}}
//   {uniform: [-10m, 5m]}                  or {uniform: {min: -10m, max: 5m}}
//   {lognormal: {mean: 6m, sd: 4m}}        or {lognormal: {mean: 6m, cv: 0.7}}
//   {gamma: {mean: 6m, sd: 3m}}            (cv allowed too)
//   {erlang: {phases: 3, mean: 6m}}
//   {triangular: [3m, 5m, 8m]}             or {triangular: {min:, mode:, max:}}
//   {empirical: [4m, 6m30s, 12m]}          (observed values)
//   {mixture: [{weight: 0.8, lognormal: {...}}, {weight: 0.2, gamma: {...}}]}
//
// All values become minutes (Double), the unit `WardScenario` uses.

extension ScenarioDecoder {
    /// Which values a distribution may take.
    enum Support {
        /// Service and behaviour times: never negative.
        case nonNegative
        /// Offsets such as lateness relative to a booked slot.
        case any
    }

    static let distributionKinds = ["fixed", "exponential", "uniform", "lognormal", "gamma", "erlang",
                                    "triangular", "empirical", "mixture"]

    mutating func distribution(_ node: ScenarioNode?, at path: ScenarioPath, support: Support = .nonNegative,
                               nesting: Int = 0) -> Distribution? {
        guard let node else { return nil }
        let example = "a distribution such as {lognormal: {mean: 6m, sd: 4m}} or {fixed: 5m}"
        guard let entries = node.entries else {
            report(node, at: path, "expected \(example), got \(node.shortDescription)")
            return nil
        }
        let kinds = entries.filter { Self.distributionKinds.contains($0.key) }
        for entry in entries where !Self.distributionKinds.contains(entry.key) {
            report(nil, at: path + entry.key, unknownKeyMessage(entry.key, allowed: Self.distributionKinds), origin: entry.keyOrigin)
        }
        guard kinds.count == 1 else {
            if kinds.isEmpty {
                if entries.isEmpty { report(node, at: path, "expected \(example), got an empty mapping") }
            } else {
                report(node, at: path, "a distribution has exactly one kind, got \(kinds.map(\.key).joined(separator: " and "))")
            }
            return nil
        }
        let kindPath = path + kinds[0].key
        guard let d = distribution(kind: kinds[0].key, kinds[0].value, at: kindPath, support: support, nesting: nesting)
        else { return nil }
        return Self.kernelChecked(d, node: kinds[0].value, at: kindPath, decoder: &self)
    }

    private mutating func distribution(kind: String, _ value: ScenarioNode, at path: ScenarioPath,
                                       support: Support, nesting: Int) -> Distribution? {
        let signed = support == .any
        switch kind {
        case "fixed":
            guard let v = durationMinutes(value, at: path, allowNegative: signed) else { return nil }
            return .fixed(v)
        case "exponential":
            let meanNode: ScenarioNode?
            if value.entries != nil {
                meanNode = mapping(value, at: path, allowed: ["mean"], required: ["mean"])?["mean"]
            } else {
                meanNode = value
            }
            let meanPath = value.entries != nil ? path + "mean" : path
            guard let node = meanNode, let m = durationMinutes(node, at: meanPath) else { return nil }
            guard m > 0 else { report(node, at: meanPath, "exponential needs mean > 0, got \(node.shortDescription)"); return nil }
            return .exponential(mean: m)
        case "uniform":
            guard let v = bounds(value, at: path, names: ["min", "max"], signed: signed) else { return nil }
            guard v[0] <= v[1] else {
                report(value, at: path, "uniform needs min ≤ max, got min \(fmt(v[0])), max \(fmt(v[1]))")
                return nil
            }
            return .uniform(min: v[0], max: v[1])
        case "triangular":
            guard let v = bounds(value, at: path, names: ["min", "mode", "max"], signed: signed) else { return nil }
            guard v[0] <= v[1], v[1] <= v[2], v[0] < v[2] else {
                report(value, at: path, "triangular needs min ≤ mode ≤ max with min < max, got \(fmt(v[0])), \(fmt(v[1])), \(fmt(v[2]))")
                return nil
            }
            return .triangular(min: v[0], mode: v[1], max: v[2])
        case "lognormal", "gamma":
            guard let fields = mapping(value, at: path, allowed: ["mean", "sd", "cv"], required: ["mean"],
                                       what: "{mean: …, sd: …}") else { return nil }
            guard let m = durationMinutes(fields["mean"], at: path + "mean") else { return nil }
            guard m > 0 else { report(fields["mean"], at: path + "mean", "\(kind) needs mean > 0, got \(fmt(m))"); return nil }
            let sd: Double
            switch (fields["sd"], fields["cv"]) {
            case (let sdNode?, nil):
                guard let s = durationMinutes(sdNode, at: path + "sd") else { return nil }
                sd = s
            case (nil, let cvNode?):
                guard let cv = number(cvNode, at: path + "cv", bound: .nonNegative) else { return nil }
                sd = cv * m
            case (nil, nil):
                report(value, at: path, "\(kind) needs a spread: sd (a duration) or cv (sd ÷ mean)")
                return nil
            default:
                report(value, at: path, "give either sd or cv, not both")
                return nil
            }
            return kind == "gamma" ? .gamma(mean: m, sd: sd) : .lognormal(mean: m, sd: sd)
        case "erlang":
            guard let fields = mapping(value, at: path, allowed: ["phases", "mean"], required: ["phases", "mean"],
                                       what: "{phases: …, mean: …}"),
                  let k = integer(fields["phases"], at: path + "phases", minimum: 1, maximum: 1_000),
                  let m = durationMinutes(fields["mean"], at: path + "mean") else { return nil }
            guard m > 0 else { report(fields["mean"], at: path + "mean", "erlang needs mean > 0, got \(fmt(m))"); return nil }
            return .erlang(phases: k, mean: m)
        case "empirical":
            guard let items = list(value, at: path, what: "a list of observed durations") else { return nil }
            var values: [Double] = []
            for (i, item) in items.enumerated() {
                if let v = durationMinutes(item, at: path + i, allowNegative: signed) { values.append(v) }
            }
            guard values.count == items.count else { return nil }
            guard !values.isEmpty else { report(value, at: path, "empirical needs at least one observed value"); return nil }
            return Self.empirical(values, node: value, at: path, decoder: &self)
        case "mixture":
            guard nesting < 4 else { report(value, at: path, "mixtures nest at most 4 levels deep"); return nil }
            guard let items = list(value, at: path, what: "a list of {weight: …, <distribution>: …}") else { return nil }
            guard !items.isEmpty else { report(value, at: path, "a mixture needs at least one component"); return nil }
            var parts: [(weight: Double, distribution: Distribution)] = []
            for (i, item) in items.enumerated() {
                let itemPath = path + i
                guard let entries = item.entries else {
                    report(item, at: itemPath, "expected {weight: …, <distribution>: …}, got \(item.shortDescription)")
                    continue
                }
                guard let weightNode = item.value("weight") else {
                    report(item, at: itemPath, "missing required key `weight`")
                    continue
                }
                let weight = number(weightNode, at: itemPath + "weight", bound: .positive)
                let rest = ScenarioNode(.mapping(entries.filter { $0.key != "weight" }), origin: item.origin)
                let component = distribution(rest, at: itemPath, support: support, nesting: nesting + 1)
                if let weight, let component { parts.append((weight, component)) }
            }
            guard parts.count == items.count else { return nil }
            return Self.mixture(parts, node: value, at: path, decoder: &self)
        default:
            return nil
        }
    }

    /// `[a, b, …]` or `{min: a, …}` durations, in the order of `names`.
    private mutating func bounds(_ value: ScenarioNode, at path: ScenarioPath, names: [String], signed: Bool) -> [Double]? {
        var nodes: [(ScenarioNode?, ScenarioPath)] = []
        if let items = value.items {
            guard items.count == names.count else {
                report(value, at: path, "expected \(names.count) durations [\(names.joined(separator: ", "))], got \(items.count)")
                return nil
            }
            nodes = items.enumerated().map { ($0.element, path + $0.offset) }
        } else if let fields = mapping(value, at: path, allowed: names, required: names,
                                       what: "[\(names.joined(separator: ", "))]") {
            nodes = names.map { (fields[$0], path + $0) }
        } else {
            return nil
        }
        var values: [Double] = []
        for (node, p) in nodes {
            guard let node else { return nil }
            if let v = durationMinutes(node, at: p, allowNegative: signed) { values.append(v) }
        }
        return values.count == names.count ? values : nil
    }

    private func fmt(_ minutes: Double) -> String { ScenarioScalars.format(minutes: minutes) }
}
