import SimKernel

// The two distribution kinds that need kernel support beyond the base
// enum (empirical observations and mixtures). Kept in one place so that
// turning them on once the kernel has them is a one-file change.

extension ScenarioDecoder {
    static func empirical(_ values: [Double], node: ScenarioNode, at path: ScenarioPath,
                          decoder: inout ScenarioDecoder) -> Distribution? {
        decoder.report(node, at: path, "empirical distributions need a newer simulation kernel (not available in this build)")
        return nil
    }

    static func mixture(_ parts: [(weight: Double, distribution: Distribution)], node: ScenarioNode,
                        at path: ScenarioPath, decoder: inout ScenarioDecoder) -> Distribution? {
        decoder.report(node, at: path, "mixture distributions need a newer simulation kernel (not available in this build)")
        return nil
    }
}
