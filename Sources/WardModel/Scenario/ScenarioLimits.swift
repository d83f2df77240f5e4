/// Bounds that keep a hostile or broken scenario from hanging or exhausting
/// the machine. Every limit fails with a clear `ScenarioError`, checked
/// before the work it guards (file size before reading, node count while
/// parsing, not after).
///
/// ```swift
/// var limits = ScenarioLimits()
/// limits.maximumFileBytes = 64 * 1024
/// let loaded = try ScenarioLoader.load(path: "x.yaml", limits: limits)
/// ```
public struct ScenarioLimits: Sendable, Hashable {
    /// Largest scenario file read (a real one is a few kilobytes).
    public var maximumFileBytes: Int = 4 * 1024 * 1024
    /// Most values a document may hold once aliases are expanded; stops
    /// "billion laughs" alias bombs as they are parsed.
    public var maximumNodes: Int = 200_000
    /// Deepest nesting of mappings and lists (a scenario needs about 8).
    public var maximumDepth: Int = 64
    /// Longest chain of `extends:` files.
    public var maximumExtendsChain: Int = 16

    public init() {}
}
