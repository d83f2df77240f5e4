import SimKernel
@testable import WardModel

/// Runs `n` replications of two scenarios with the same seed (common random
/// numbers) and returns the paired values of one KPI.
func paired(_ base: WardScenario, _ other: WardScenario, _ kind: KPIScopeKind, _ scope: String, _ name: String,
            replications n: Int = 12, seed: UInt64 = 4_242, days: DaySelection = .single(.ordinary)) throws -> (base: [Double], other: [Double]) {
    var a = try WardSimulator(scenario: base), b = try WardSimulator(scenario: other)
    a.hourlyRows = false; b.hourlyRows = false
    var x: [Double] = [], y: [Double] = []
    for r in 0..<n {
        let ka = a.runReplication(r, seed: seed, days: days), kb = b.runReplication(r, seed: seed, days: days)
        guard let va = ka.value(kind, scope, name), let vb = kb.value(kind, scope, name) else {
            throw HelperError.missing("\(kind) \(scope) \(name)")
        }
        x.append(va); y.append(vb)
    }
    return (x, y)
}

enum HelperError: Error { case missing(String) }
