import Foundation
import SimKernel
import WardModel

/// Estimates over replications by position instead of by key.
///
/// Every replication of one scenario reports the same KPIs in the same
/// order, so the i-th row of each is the same KPI: tallying by position
/// skips hashing a (scope, scope name, KPI) key per value — strings with
/// Japanese office names, which Swift hashes by Unicode equivalence. When the rows do not line up (or a key repeats), the
/// callers fall back to `Estimates`, and the results are the same either
/// way: same estimates, same order (first defined value, replication by
/// replication), same order of additions to each tally.
///
/// ```swift
/// PositionalEstimates.summarise(reps)    // nil: rows do not line up, use Estimates.summarise
/// ```
enum PositionalEstimates {
    /// Like `Estimates.summarise(replications.map(ScenarioExperiment.measures))`.
    /// O(replications × rows); nil when the rows do not line up.
    static func summarise(_ replications: [ReplicationKPIs], level: Double) -> [Estimate]? {
        guard let first = replications.first?.rows, uniqueKeys(first),
              replications.allSatisfy({ sameLayout($0.rows, first) })
        else { return nil }
        var tallies = [Tally](repeating: Tally(), count: first.count)
        var firstSeen = [Int?](repeating: nil, count: first.count)
        var order: [Int] = []
        for (r, replication) in replications.enumerated() {
            var seenHere: [Int] = []
            for (i, row) in replication.rows.enumerated() where !row.value.isNaN {
                if firstSeen[i] == nil { firstSeen[i] = r; seenHere.append(i) }
                tallies[i].add(row.value)
            }
            order += seenHere
        }
        var intervals = IntervalBuilder(level: level)
        return order.map { Estimate(key: key(first[$0]), interval: intervals.interval(tallies[$0])) }
    }

    /// Like `Estimates.pairedDifferences` of the two runs' measures. nil when
    /// the rows of all replications of both do not line up.
    static func differences(base: [ReplicationKPIs], other: [ReplicationKPIs], level: Double) -> [Estimate]? {
        precondition(base.count == other.count, "paired runs need the same replications")
        guard let first = other.first?.rows, uniqueKeys(first),
              base.allSatisfy({ sameLayout($0.rows, first) }), other.allSatisfy({ sameLayout($0.rows, first) })
        else { return nil }
        var tallies = [Tally](repeating: Tally(), count: first.count)
        var seen = [Bool](repeating: false, count: first.count)
        var order: [Int] = []
        for (b, o) in zip(base, other) {
            for i in o.rows.indices {
                let bv = b.rows[i].value, ov = o.rows[i].value
                guard !bv.isNaN, !ov.isNaN else { continue }
                if !seen[i] { seen[i] = true; order.append(i) }
                tallies[i].add(ov - bv)
            }
        }
        var intervals = IntervalBuilder(level: level)
        return order.map { Estimate(key: key(first[$0]), interval: intervals.interval(tallies[$0])) }
    }

    static func key(_ row: KPIRow) -> MeasureKey {
        MeasureKey(scope: row.scopeKind.rawValue, scopeName: row.scope, kpi: row.name)
    }

    /// Same KPIs in the same order, compared byte by byte (not by Unicode
    /// equivalence, which walks non-ASCII text scalar by scalar).
    static func sameLayout(_ a: [KPIRow], _ b: [KPIRow]) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices {
            guard a[i].scopeKind == b[i].scopeKind, sameBytes(a[i].name, b[i].name), sameBytes(a[i].scope, b[i].scope)
            else { return false }
        }
        return true
    }

    static func uniqueKeys(_ rows: [KPIRow]) -> Bool {
        var keys = Set<MeasureKey>()
        keys.reserveCapacity(rows.count)
        return rows.allSatisfy { keys.insert(key($0)).inserted }
    }

    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
        if let fast, let result = fast { return result }
        return a.utf8.elementsEqual(b.utf8)
    }
}
