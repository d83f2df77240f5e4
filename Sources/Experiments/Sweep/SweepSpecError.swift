/// A malformed `--vary`, `--lhs` or `--shard`, each with one line that names
/// the offending argument and says what was expected.
///
/// ```swift
/// do { _ = try SweepParameter(parsing: "staff.citizen=2:8") }
/// catch { print(error) }
/// // --vary "staff.citizen=2:8": a range needs low:high:step (e.g. 2:8:1 or 5m:10m:1m)
/// ```
public enum SweepSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `--vary` argument (as given) and what is wrong with it.
    case malformedVary(argument: String, problem: String)
    /// The same key in two `--vary` options.
    case duplicateKey(String)
    /// No `--vary` at all.
    case nothingToVary
    /// `--lhs` with an unusable count, or without range parameters.
    case malformedLatinHypercube(String)
    /// More points than a sweep may have.
    case tooManyPoints(Int)
    /// `--shard` that is not `i/n` with 1 ≤ i ≤ n.
    case malformedShard(argument: String)

    public var description: String {
        switch self {
        case let .malformedVary(argument, problem):
            return "--vary \"\(argument)\": \(problem)"
        case let .duplicateKey(key):
            return "--vary \(key) is given twice; list all its values in one --vary"
        case .nothingToVary:
            return "a sweep needs at least one --vary key=values (e.g. --vary staff.citizen=3,4,5)"
        case let .malformedLatinHypercube(problem):
            return "--lhs: \(problem)"
        case let .tooManyPoints(limit):
            return "the sweep would have more than \(limit) points; use coarser steps, fewer values or --lhs N"
        case let .malformedShard(argument):
            return "--shard \"\(argument)\": expected i/n with 1 ≤ i ≤ n (e.g. 3/8 runs every 8th point from the 3rd)"
        }
    }
}
