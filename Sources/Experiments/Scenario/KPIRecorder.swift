import Foundation
import RunStore
import WardModel

/// Hands one run's replications to the run store as plain arrays of numbers.
///
/// A compiled scenario reports the same KPIs in the same order in every
/// replication, so the names are turned into the store's `KPIKeyList` once
/// per run; each later replication is only checked against them (the same
/// count, then the names compared, mostly by identity) and its values
/// copied. A replication that reports other KPIs gets a list of its own,
/// so nothing is ever stored under the wrong names.
///
/// ```swift
/// var recorder = KPIRecorder(store: store, run: id)
/// try ScenarioExperiment.run(simulator, plan: plan) { batch in try recorder.record(batch) }
/// try store.finishRun(id, status: .done)
/// ```
///
/// Cost per replication: O(KPIs) comparisons and one array of values; the
/// store then writes one JSON array per replication.
public struct KPIRecorder {
    public let store: RunStore
    public let run: RunID
    private var packer = KPIValuePacker()

    public init(store: RunStore, run: RunID) { self.store = store; self.run = run }

    /// Stores a finished batch of replications in one transaction.
    public mutating func record(_ batch: [ReplicationKPIs]) throws {
        let groups = packer.pack(batch)
        if !groups.isEmpty { try store.record(valueGroups: groups, for: run) }
    }
}

/// The packing half of `KPIRecorder`, without a store.
struct KPIValuePacker {
    private var keys: KPIKeyList?
    /// The rows the current key list was made from (their names only matter).
    private var reference: [WardModel.KPIRow] = []

    /// The batch's values, grouped by key list in replication order (one
    /// group unless the KPIs changed within the batch).
    mutating func pack(_ batch: [ReplicationKPIs]) -> [(keys: KPIKeyList, values: [ReplicationValues])] {
        var groups: [(keys: KPIKeyList, values: [ReplicationValues])] = []
        for rep in batch {
            var changed = false
            if keys == nil || !Self.sameKeys(rep.rows, reference) {
                reference = rep.rows
                keys = KPIKeyList(rep.rows.map {
                    KPIKey(scope: KPIScope(rawValue: $0.scopeKind.rawValue), scopeName: $0.scope, kpi: $0.name)
                })
                changed = true
            }
            var values = [Double](repeating: 0, count: rep.rows.count)
            for i in rep.rows.indices { values[i] = rep.rows[i].value }
            let item = ReplicationValues(replication: rep.replication, values: values)
            if changed || groups.isEmpty {
                groups.append((keys!, [item]))
            } else {
                groups[groups.count - 1].values.append(item)
            }
        }
        return groups
    }

    /// Whether two replications report the same KPIs in the same order.
    /// O(KPIs); strings of one shape compare by representation first.
    static func sameKeys(_ a: [WardModel.KPIRow], _ b: [WardModel.KPIRow]) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices {
            guard a[i].scopeKind == b[i].scopeKind, sameText(a[i].name, b[i].name), sameText(a[i].scope, b[i].scope)
            else { return false }
        }
        return true
    }

    /// Byte equality. Two Strings with the same 16-byte representation (one
    /// small string, or one shared buffer) are equal without looking further;
    /// otherwise their UTF-8 bytes are compared (`==` would compare by
    /// canonical equivalence, which the store does not use).
    @inline(__always)
    static func sameText(_ a: String, _ b: String) -> Bool {
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
        if let fast, let result = fast { return result }
        return a.utf8.elementsEqual(b.utf8)
    }
}
