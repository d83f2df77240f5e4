import SimKernel

/// A scenario loaded from YAML: the typed value for the simulation plus what
/// a run store needs to trace it.
public struct LoadedScenario: Sendable, Hashable {
    /// The resolved, validated scenario.
    public var scenario: WardScenario
    /// Canonical JSON of the resolved scenario (see `ScenarioCanonical`):
    /// deterministic, complete, loadable again with `ScenarioLoader.load(yaml:)`.
    public var canonicalText: String
    /// Parameter ids of `shared/domain/parameters.md` cited in the comments of
    /// the files read (e.g. `["A5", "B12", "C3"]`), sorted.
    public var sources: [String]
    /// The files read, in merge order: bases first, the file named last.
    public var files: [String]
    /// Doubtful but runnable settings (e.g. hourly shares after closing),
    /// located like errors.
    public var warnings: [ScenarioIssue] = []
}

/// Reads scenario files: YAML → merged tree → `--set` overrides → typed and
/// checked `WardScenario`. Every failure is a `ScenarioError` naming file,
/// line, key path and what was expected; hostile input (huge files, alias
/// bombs, deep nesting, `extends:` cycles or escapes) fails fast.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(path: "scenarios/reservations.yaml",
///                                      overrides: ["simulation.replications=50"])
/// loaded.scenario.offices[0].name        // "八幡西区"
/// ```
///
/// `extends:` names one file or a list of files, relative to the extending
/// file; every file reached must lie inside the directory of the file named
/// in `path` (after resolving symlinks); absolute paths are refused.
public enum ScenarioLoader {
    /// Loads a scenario file, following `extends:` and applying overrides
    /// written `key.path=value`.
    public static func load(path: String, overrides: [String] = [],
                            limits: ScenarioLimits = .init()) throws(ScenarioError) -> LoadedScenario {
        let directory = ScenarioFiles.directory(of: path)
        guard let root = ScenarioFiles.realPath(directory) else {
            throw ScenarioError(file: path, message: "cannot open the file: no such directory \(directory)")
        }
        var state = ChainState(root: root == "/" ? "/" : root + "/", rootDisplay: directory, limits: limits)
        try state.visit(open: path, display: path, via: nil, stack: [])
        // Merge in linearised order: bases first, the file named last.
        var merged: ScenarioNode? = nil
        for (i, file) in state.files.enumerated() {
            let own = strip(file.tree, keepIdentity: i == state.files.count - 1)
            merged = merged.map { ScenarioMerge.merge($0, own) } ?? own
        }
        let named = state.files[state.files.count - 1]
        return try finish(merged!, defaultName: ScenarioFiles.stem(of: path), opening: named.bytes,
                          texts: state.files.map(\.bytes), overrides: overrides, limits: limits,
                          files: state.files.map(\.display))
    }

    /// The files of an `extends:` graph, linearised depth-first with bases
    /// before the files extending them, each file once (a diamond such as
    /// `extends: [reservations.yaml, no-writing.yaml]`, both extending
    /// `baseline.yaml`, applies baseline once, then each file's own content).
    private struct ChainState {
        struct File { var real: String; var display: String; var tree: ScenarioNode; var bytes: [UInt8] }
        let root: String
        let rootDisplay: String
        let limits: ScenarioLimits
        var files: [File] = []
        var opened = 0

        init(root: String, rootDisplay: String, limits: ScenarioLimits) {
            self.root = root; self.rootDisplay = rootDisplay; self.limits = limits
        }

        mutating func visit(open: String, display: String, via: ScenarioNode?,
                            stack: [(real: String, display: String)]) throws(ScenarioError) {
            let real = ScenarioFiles.realPath(open)
            if let via {
                // Reached through `extends:`: must exist, stay inside the root, not loop.
                guard let real else { throw issue(via, "no such file \(display)") }
                guard real.hasPrefix(root) else {
                    throw issue(via, "\(display) is outside the scenario directory \(rootDisplay == "." ? "./" : rootDisplay + "/")"
                                + " (extended files must be inside the directory of the file being loaded)")
                }
                if let i = stack.firstIndex(where: { $0.real == real }) {
                    let loop = (stack[i...].map(\.display) + [display]).joined(separator: " → ")
                    throw issue(via, "cycle: \(loop)")
                }
                if stack.count >= limits.maximumExtendsChain || opened >= 4 * limits.maximumExtendsChain {
                    throw issue(via, "more than \(limits.maximumExtendsChain) files deep")
                }
                if files.contains(where: { $0.real == real }) { return }  // already applied
            }
            opened += 1
            let bytes = try ScenarioFiles.read(real ?? open, display: display, limit: limits.maximumFileBytes)
            guard let tree = try YAMLComposer.compose(bytes, file: display, limits: limits) else {
                throw ScenarioError(file: display, message: "the file is empty; a scenario starts with `version: 1`")
            }
            try checkHeader(tree, file: display)
            let here = stack + [(real ?? open, display)]
            if let extends = tree.value("extends"), !extends.isNull {
                let targets = extends.items ?? [extends]
                if targets.count > limits.maximumExtendsChain {
                    throw issue(extends, "more than \(limits.maximumExtendsChain) files to extend")
                }
                for target in targets {
                    guard case .scalar(let name, _) = target.kind, !name.isEmpty else {
                        throw issue(target, "expected a file name such as baseline.yaml (or a list of them), got \(target.shortDescription)")
                    }
                    if name.hasPrefix("/") || name.hasPrefix("~") {
                        throw issue(target, "\(name) is an absolute path; write a path relative to this file")
                    }
                    try visit(open: ScenarioFiles.directory(of: open) + "/" + name,
                              display: ScenarioFiles.join(ScenarioFiles.directory(of: display), name),
                              via: target, stack: here)
                }
            }
            files.append(File(real: real ?? open, display: display, tree: tree, bytes: bytes))
        }
    }

    /// Loads a scenario from text (no `extends:`), e.g. a stored canonical text.
    public static func load(yaml text: String, name: String = "scenario", overrides: [String] = [],
                            limits: ScenarioLimits = .init()) throws(ScenarioError) -> LoadedScenario {
        try load(bytes: Array(text.utf8), name: name, overrides: overrides, limits: limits)
    }

    /// Loads a scenario from raw bytes (which need not be valid UTF-8).
    static func load(bytes: [UInt8], name: String, overrides: [String] = [],
                     limits: ScenarioLimits = .init()) throws(ScenarioError) -> LoadedScenario {
        let label = "<\(name)>"
        guard bytes.count <= limits.maximumFileBytes else {
            throw ScenarioError(file: label, message: "the text is longer than \(limits.maximumFileBytes) bytes")
        }
        guard let tree = try YAMLComposer.compose(bytes, file: label, limits: limits) else {
            throw ScenarioError(file: label, message: "the text is empty; a scenario starts with `version: 1`")
        }
        try checkHeader(tree, file: label)
        if let extends = tree.value("extends"), !extends.isNull {
            throw issue(extends, "only works when loading from a file")
        }
        return try finish(strip(tree, keepIdentity: true), defaultName: name, opening: bytes, texts: [bytes],
                          overrides: overrides, limits: limits, files: [])
    }

    // MARK: Steps

    /// Overrides, typing, checks; the comments of `opening` (the file named)
    /// give the default description, those of all `texts` the sources cited.
    private static func finish(_ merged: ScenarioNode, defaultName: String, opening: [UInt8], texts: [[UInt8]],
                               overrides: [String], limits: ScenarioLimits,
                               files: [String]) throws(ScenarioError) -> LoadedScenario {
        var tree = merged
        for text in overrides {
            let override = try ScenarioOverride.parse(text, limits: limits)
            try override.apply(to: &tree)
        }
        var decoder = ScenarioDecoder()
        let decoded = decoder.scenario(tree, defaultName: defaultName)
        guard decoder.issues.isEmpty, var scenario = decoded else {
            throw ScenarioError(issues: decoder.issues.isEmpty
                ? [ScenarioIssue(file: tree.origin.file, message: "not a complete scenario")] : decoder.issues)
        }
        if scenario.description.isEmpty && tree.value("description") == nil { scenario.description = openingComment(opening) }
        scenario = decoder.validate(scenario, root: tree)
        guard decoder.issues.isEmpty else { throw ScenarioError(issues: decoder.issues) }
        let warnings = decoder.referenceChecks(scenario, root: tree)
        guard decoder.issues.isEmpty else { throw ScenarioError(issues: decoder.issues) }
        return LoadedScenario(scenario: scenario, canonicalText: ScenarioCanonical.json(scenario),
                              sources: citedSources(texts), files: files, warnings: warnings)
    }

    /// Every file says which format version it is written in.
    private static func checkHeader(_ tree: ScenarioNode, file: String) throws(ScenarioError) {
        guard tree.entries != nil else {
            throw ScenarioError(file: file, line: tree.origin.line, column: tree.origin.column,
                                message: "expected a scenario (a mapping starting with `version: 1`), got \(tree.shortDescription)")
        }
        guard let version = tree.value("version") else {
            throw ScenarioError(file: file, line: 1, column: 1, message: "missing `version: 1` (the scenario format version)")
        }
        guard case .scalar("1", quoted: false) = version.kind else {
            throw issue(version, "unsupported format version \(version.shortDescription); this wardsim reads version 1",
                        path: "version")
        }
    }

    /// Drops the keys that belong to one file only: `version`, `extends`,
    /// and, for files being extended, `name` and `description` (a scenario's
    /// identity is never inherited).
    private static func strip(_ tree: ScenarioNode, keepIdentity: Bool) -> ScenarioNode {
        guard let entries = tree.entries else { return tree }
        let dropped: Set<String> = keepIdentity ? ["version", "extends"] : ["version", "extends", "name", "description"]
        var copy = tree
        // `x-…` keys hold shared anchors (`x-ward: &ward {...}`) and mean nothing themselves.
        copy.kind = .mapping(entries.filter { !dropped.contains($0.key) && !$0.key.hasPrefix("x-") })
        return copy
    }

    private static func issue(_ node: ScenarioNode, _ message: String, path: String = "extends") -> ScenarioError {
        ScenarioError(file: node.origin.file, line: node.origin.line, column: node.origin.column,
                      keyPath: path, message: message)
    }
}
