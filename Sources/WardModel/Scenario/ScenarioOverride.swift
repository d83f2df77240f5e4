// `--set key.path=value`: changes one value of the merged scenario before
// it is typed. Paths use the same keys as the files:
//
//   --set simulation.replications=50
//   --set offices[0].lobby_seats=100
//   --set offices.八幡西区.lobby_seats=100          (list element by name or id)
//   --set procedures.certificate.channels.online=20%
//   --set interventions.reservations={}           (switch on with defaults)
//   --set interventions.reservations=null         (switch off)
//   --set offices[0].hourly_profile=[10,20,30,20,20]
//
// The value is read as YAML (flow style), so lists and mappings work too.
// Missing mapping keys along the path are created; list elements are not.

struct ScenarioOverride {
    var text: String
    var path: [Step]
    var value: ScenarioNode

    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    var origin: ScenarioOrigin { ScenarioOrigin(file: "--set \(text)") }

    static func parse(_ text: String, limits: ScenarioLimits) throws(ScenarioError) -> ScenarioOverride {
        let label = "--set \(text)"
        guard let eq = text.firstIndex(of: "=") else {
            throw ScenarioError(file: label, message: "expected key.path=value, e.g. --set simulation.replications=50")
        }
        let pathText = String(text[..<eq])
        let valueText = String(text[text.index(after: eq)...])
        guard !pathText.isEmpty else {
            throw ScenarioError(file: label, message: "empty key path; write e.g. --set simulation.replications=50")
        }
        var steps: [Step] = []
        for segment in pathText.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = segment[...]
            let nameEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            let name = rest[..<nameEnd]
            if !name.isEmpty { steps.append(.key(String(name))) }
            rest = rest[nameEnd...]
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"),
                      let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0 else {
                    throw ScenarioError(file: label, message: "bad index in `\(segment)`; write e.g. offices[0]")
                }
                steps.append(.index(i))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty, !(name.isEmpty && segment.first != "[") else {
                throw ScenarioError(file: label, message: "bad key path `\(pathText)`; write e.g. offices[0].lobby_seats")
            }
        }
        guard !steps.isEmpty else {
            throw ScenarioError(file: label, message: "empty key path; write e.g. --set simulation.replications=50")
        }
        let parsed: ScenarioNode?
        do {
            parsed = try YAMLComposer.compose(Array(valueText.utf8), file: label, limits: limits)
        } catch {
            // Positions inside a one-line value mean little on a command line.
            throw ScenarioError(issues: error.issues.map { ScenarioIssue(file: label, message: "value: " + $0.message) })
        }
        let origin = ScenarioOrigin(file: label)
        let value = relabel(parsed ?? ScenarioNode(.scalar("", quoted: false), origin: origin), origin)
        return ScenarioOverride(text: text, path: steps, value: value)
    }

    /// Every node of an override value points at the `--set` argument.
    private static func relabel(_ node: ScenarioNode, _ origin: ScenarioOrigin) -> ScenarioNode {
        var copy = node
        copy.origin = origin
        switch node.kind {
        case .scalar: break
        case .mapping(let entries):
            copy.kind = .mapping(entries.map { .init(key: $0.key, keyOrigin: origin, value: relabel($0.value, origin)) })
        case .sequence(let items):
            copy.kind = .sequence(items.map { relabel($0, origin) })
        }
        return copy
    }

    func apply(to root: inout ScenarioNode) throws(ScenarioError) {
        try set(&root, steps: path[...], shown: ScenarioPath.root)
    }

    private func error(_ path: ScenarioPath, _ message: String) -> ScenarioError {
        ScenarioError(file: origin.file, keyPath: path.description, message: message)
    }

    private func set(_ node: inout ScenarioNode, steps: ArraySlice<Step>, shown: ScenarioPath) throws(ScenarioError) {
        guard let step = steps.first else {
            node = value
            return
        }
        let rest = steps.dropFirst()
        switch (step, node.kind) {
        case (.key(let key), .mapping(var entries)):
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if rest.isEmpty || !entries[i].value.isNull {
                    try set(&entries[i].value, steps: rest, shown: shown + key)
                } else {
                    var fresh = ScenarioNode(.mapping([]), origin: origin)
                    try set(&fresh, steps: rest, shown: shown + key)
                    entries[i].value = fresh
                }
            } else {
                var fresh = ScenarioNode(.mapping([]), origin: origin)
                try set(&fresh, steps: rest, shown: shown + key)
                entries.append(.init(key: key, keyOrigin: origin, value: fresh))
            }
            node.kind = .mapping(entries)
        case (.key(let key), .sequence(var items)):
            // A list element by its id or name.
            guard let i = items.firstIndex(where: { $0.value("id")?.scalarText == key })
                    ?? items.firstIndex(where: { $0.value("name")?.scalarText == key }) else {
                let names = items.compactMap { $0.value("id")?.scalarText ?? $0.value("name")?.scalarText }
                throw error(shown, "no element with id or name `\(key)`"
                            + (names.isEmpty ? "" : " (there are: \(names.joined(separator: ", ")))"))
            }
            try set(&items[i], steps: rest, shown: shown + i)
            node.kind = .sequence(items)
        case (.index(let i), .sequence(var items)):
            guard items.indices.contains(i) else {
                throw error(shown + i, "\(shown.description.isEmpty ? "the list" : shown.description) has no element [\(i)] (it has \(items.count))")
            }
            try set(&items[i], steps: rest, shown: shown + i)
            node.kind = .sequence(items)
        case (.index(let i), _):
            throw error(shown + i, "\(shown) is \(node.shortDescription), not a list")
        case (.key(let key), _):
            if node.isNull {
                node = ScenarioNode(.mapping([]), origin: origin)
                try set(&node, steps: steps, shown: shown)
                return
            }
            throw error(shown + key, "\(shown.description.isEmpty ? "the scenario" : shown.description) is \(node.shortDescription), not a mapping")
        }
    }
}
