// The simulation's own checks (`WardScenario.validateReferences()`, written
// with the simulation so its rules match what it does) run after the
// loader's, on scenarios the loader accepted. Their problems name Swift key
// paths (`visitTypes[0].share`); the scenario schema is the same names in
// snake_case, so each maps back to a YAML key path, file and line.

extension ScenarioDecoder {
    /// Runs the simulation's reference checks; errors become issues, warnings
    /// are returned (located the same way).
    mutating func referenceChecks(_ scenario: WardScenario, root: ScenarioNode) -> [ScenarioIssue] {
        let problems: [ScenarioProblem]
        var failed = false
        do {
            problems = try scenario.validateReferences()
        } catch {
            problems = error.problems
            failed = true
        }
        var located: [ScenarioIssue] = []
        for problem in problems {
            let path = Self.schemaPath(problem.path)
            let node = root.node(at: path)
            let origin = (node?.scalarText == nil ? root.keyOrigin(at: path) : nil) ?? node?.origin
                ?? nearestOrigin(root, path)
            located.append(ScenarioIssue(file: origin?.file, line: origin?.line, column: origin?.column,
                                         keyPath: path.description, message: problem.message))
        }
        if failed {
            for issue in located { record(issue) }
            return []
        }
        return located
    }

    /// The deepest existing node along a path (for paths to defaulted values).
    private func nearestOrigin(_ root: ScenarioNode, _ path: ScenarioPath) -> ScenarioOrigin? {
        var components = path.components
        while !components.isEmpty {
            components.removeLast()
            if let node = root.node(at: ScenarioPath(components: components)) { return node.origin }
        }
        return root.origin
    }

    /// `offices[0].backofficeStaff[1]` → `offices[0].backoffice_staff[1]`.
    static func schemaPath(_ swiftPath: String) -> ScenarioPath {
        var path = ScenarioPath.root
        for segment in swiftPath.split(separator: ".") {
            var rest = segment[...]
            let nameEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            if nameEnd > rest.startIndex { path = path + snakeCase(String(rest[..<nameEnd])) }
            rest = rest[nameEnd...]
            while rest.first == "[", let close = rest.firstIndex(of: "]") {
                if let i = Int(rest[rest.index(after: rest.startIndex)..<close]) { path = path + i }
                rest = rest[rest.index(after: close)...]
            }
        }
        return path
    }
}
