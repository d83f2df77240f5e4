/// `--shard i/n`: run only every n-th point of a sweep, starting with the
/// i-th — one slice for each of n Slurm array tasks or GNU parallel jobs,
/// each writing its own file (merged later with `wardsim merge`) or all
/// writing one shared file.
///
/// `i` is 1-based as on the command line: shard `i` of `n` holds the points
/// whose 0-based index is `i − 1` modulo `n`, so shards 1…n together hold
/// every point exactly once. With Slurm, `--shard $((SLURM_ARRAY_TASK_ID + 1))/N`
/// for `--array=0-(N-1)`, or `--shard $SLURM_ARRAY_TASK_ID/N` for `--array=1-N`.
///
/// ```swift
/// let shard = try SweepShard(parsing: "2/3")
/// (0..<7).filter(shard.contains)     // [1, 4]
/// ```
public struct SweepShard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based, 1 ≤ index ≤ count.
    public let index: Int
    public let count: Int

    /// The whole sweep (`1/1`).
    public static let whole = SweepShard(uncheckedIndex: 1, count: 1)

    public init(_ index: Int, of count: Int) throws(SweepSpecError) {
        guard count >= 1, (1...count).contains(index) else { throw .malformedShard(argument: "\(index)/\(count)") }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `i/n`, e.g. `"3/8"`.
    public init(parsing text: String) throws(SweepSpecError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingSpaces), let n = Int(parts[1].trimmingSpaces),
              n >= 1, (1...n).contains(i)
        else { throw .malformedShard(argument: text) }
        self.init(uncheckedIndex: i, count: n)
    }

    private init(uncheckedIndex index: Int, count: Int) { self.index = index; self.count = count }

    /// Whether the point with 0-based index `pointIndex` belongs to this shard.
    public func contains(_ pointIndex: Int) -> Bool { pointIndex % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
