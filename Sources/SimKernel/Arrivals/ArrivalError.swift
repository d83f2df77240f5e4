/// Why an arrival process's parameters are impossible, in words a planner can
/// act on: `arrival rate must be finite and ≥ 0 (got -2 per hour in interval 3)`.
public struct ArrivalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
