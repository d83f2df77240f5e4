/// A parameter sweep: the `--vary` options of `wardsim sweep`, and the
/// points they give — the full factorial grid, or a Latin-hypercube sample
/// of the range parameters (`--lhs N`).
///
/// ```swift
/// let spec = try SweepSpec(vary: ["staff.citizen=3:5:1", "policy=fifo,shortest"])
/// spec.points.count                  // 6
/// spec.points[1].key                 // "staff.citizen=3;policy=shortest"
/// let mine = spec.points(in: try SweepShard(parsing: "2/4"))   // points 1 and 5 (0-based)
/// ```
///
/// **Order.** Points are numbered from 0 in a fixed order: the grid runs
/// like an odometer over the `--vary` options in the order given, the last
/// one changing fastest. Under `--lhs` the sample points come in the order
/// drawn, each crossed with every combination of the list parameters (list
/// values are not sampled). The order — and so which points a shard gets —
/// depends only on the specification, never on `--jobs`.
///
/// Giving the same `--vary` options in another order is a different sweep
/// (another order, another `specHash`), so that shards of one sweep always
/// agree on which point is which.
public struct SweepSpec: Sendable, Hashable {
    public enum Sampling: Sendable, Hashable {
        /// Every combination of every parameter's values.
        case fullGrid
        /// `points` Latin-hypercube samples of the range parameters, drawn
        /// from the random stream "sweep.lhs" of `seed`.
        case latinHypercube(points: Int, seed: UInt64)
    }

    /// The `--vary` options in the order given.
    public let parameters: [SweepParameter]
    public let sampling: Sampling
    /// Every point of the sweep, numbered from 0 (`points[i].index == i`).
    public let points: [SweepPoint]

    /// The most points a sweep may have. Each is a full multi-replication
    /// run, and the points are held in memory; beyond this a typo in a step
    /// is likelier than a real plan.
    public static let maximumPoints = 100_000

    /// Parses the `--vary` arguments; `latinHypercube` is `--lhs N` (nil for
    /// the full grid) and `seed` seeds its sample (use the run seed, so the
    /// sample is as reproducible as the runs).
    public init(vary: [String], latinHypercube: Int? = nil, seed: UInt64 = 0) throws(SweepSpecError) {
        var parameters: [SweepParameter] = []
        for argument in vary { parameters.append(try SweepParameter(parsing: argument)) }
        try self.init(parameters: parameters,
                      sampling: latinHypercube.map { .latinHypercube(points: $0, seed: seed) } ?? .fullGrid)
    }

    public init(parameters: [SweepParameter], sampling: Sampling = .fullGrid) throws(SweepSpecError) {
        guard !parameters.isEmpty else { throw .nothingToVary }
        var keys = Set<String>()
        for p in parameters where !keys.insert(p.key).inserted { throw .duplicateKey(p.key) }
        self.parameters = parameters
        self.sampling = sampling

        let levels: [[Int]]  // per point: the value index of each parameter
        switch sampling {
        case .fullGrid:
            levels = try Self.grid(parameters.map(\.values.count))
        case let .latinHypercube(count, seed):
            levels = try Self.latinHypercube(parameters, points: count, seed: seed)
        }
        points = levels.enumerated().map { index, choice in
            SweepPoint(index: index, settings: zip(parameters, choice).map {
                SweepSetting(key: $0.key, value: $0.values[$1])
            })
        }
    }

    /// The points of one shard, in sweep order.
    public func points(in shard: SweepShard) -> [SweepPoint] {
        points.filter { shard.contains($0.index) }
    }

    /// The points of shard `i` of `n` (1-based `i`, as `--shard i/n`): the
    /// points whose 0-based index is `i − 1` modulo `n`. Every point belongs
    /// to exactly one of the shards 1…n.
    public func shard(_ i: Int, of n: Int) throws(SweepSpecError) -> [SweepPoint] {
        points(in: try SweepShard(i, of: n))
    }

    // MARK: Sampling

    /// The odometer over `counts`, last position fastest. O(points × parameters).
    static func grid(_ counts: [Int]) throws(SweepSpecError) -> [[Int]] {
        var total = 1
        for c in counts {
            let (product, overflow) = total.multipliedReportingOverflow(by: c)
            guard !overflow, product <= maximumPoints else { throw .tooManyPoints(maximumPoints) }
            total = product
        }
        var result: [[Int]] = []
        result.reserveCapacity(total)
        var current = [Int](repeating: 0, count: counts.count)
        for _ in 0..<total {
            result.append(current)
            var position = counts.count - 1
            while position >= 0 {
                current[position] += 1
                if current[position] < counts[position] { break }
                current[position] = 0
                position -= 1
            }
        }
        return result
    }

    /// A Latin-hypercube sample of the range parameters crossed with the
    /// full grid of the list parameters (see `LatinHypercube`).
    static func latinHypercube(_ parameters: [SweepParameter], points count: Int, seed: UInt64)
        throws(SweepSpecError) -> [[Int]]
    {
        guard count >= 1 else { throw .malformedLatinHypercube("the number of points must be at least 1, got \(count)") }
        let ranges = parameters.indices.filter { parameters[$0].isRange }
        let lists = parameters.indices.filter { !parameters[$0].isRange }
        guard !ranges.isEmpty else {
            throw .malformedLatinHypercube("samples range parameters, but every --vary is a list; give one as low:high:step")
        }
        let levelCounts = ranges.map { parameters[$0].values.count }
        let rangeGrid = levelCounts.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        guard count <= rangeGrid else {
            throw .malformedLatinHypercube(
                "\(count) points are more than the \(rangeGrid) combinations the ranges have; run the full grid instead")
        }
        let sample = LatinHypercube.sample(levels: levelCounts, points: count, seed: seed)
        let listGrid = try grid(lists.map { parameters[$0].values.count })
        guard sample.count.multipliedReportingOverflow(by: listGrid.count).overflow == false,
              sample.count * listGrid.count <= maximumPoints
        else { throw .tooManyPoints(maximumPoints) }

        var result: [[Int]] = []
        result.reserveCapacity(sample.count * listGrid.count)
        for drawn in sample {
            for combination in listGrid {
                var choice = [Int](repeating: 0, count: parameters.count)
                for (k, p) in ranges.enumerated() { choice[p] = drawn[k] }
                for (k, p) in lists.enumerated() { choice[p] = combination[k] }
                result.append(choice)
            }
        }
        return result
    }
}

/// One parameter's value at a sweep point.
public struct SweepSetting: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) { self.key = key; self.value = value }
}

/// One point of a sweep: a value for every `--vary` key.
public struct SweepPoint: Sendable, Hashable {
    /// Position in `SweepSpec.points`, from 0.
    public let index: Int
    /// One setting per `--vary`, in the order given.
    public let settings: [SweepSetting]

    public init(index: Int, settings: [SweepSetting]) { self.index = index; self.settings = settings }

    /// The point's stable identity within its sweep, `key=value` joined by
    /// `;` in `--vary` order: `"staff.citizen=4;policy=fifo"`. The run store
    /// keeps it per run (`RunRecord.pointKey`) and `--resume` skips the keys
    /// already done. Keys never contain `=`, `;`, `,`, `:`, `"` or spaces, and
    /// values never `=`, `;` or `"` (`SweepParameter` refuses them), so the
    /// text splits back unambiguously.
    public var key: String { settings.map { "\($0.key)=\($0.value)" }.joined(separator: ";") }
}
