import SimKernel

// Building distributions through the kernel, which owns the rules for what
// parameters are possible (`Distribution.validate()`): the loader's own
// checks give precise key paths, the kernel's have the last word.

extension ScenarioDecoder {
    static func empirical(_ values: [Double], node: ScenarioNode, at path: ScenarioPath,
                          decoder: inout ScenarioDecoder) -> Distribution? {
        do {
            return try Distribution.empirical(samples: values)
        } catch {
            decoder.report(node, at: path, error.message)
            return nil
        }
    }

    static func mixture(_ parts: [(weight: Double, distribution: Distribution)], node: ScenarioNode,
                        at path: ScenarioPath, decoder: inout ScenarioDecoder) -> Distribution? {
        do {
            return try Distribution.mixture(of: parts)
        } catch {
            decoder.report(node, at: path, error.message)
            return nil
        }
    }

    /// The kernel's verdict on a distribution built from checked parameters.
    static func kernelChecked(_ d: Distribution, node: ScenarioNode, at path: ScenarioPath,
                              decoder: inout ScenarioDecoder) -> Distribution? {
        do {
            return try d.validated()
        } catch {
            decoder.report(node, at: path, error.message)
            return nil
        }
    }
}
