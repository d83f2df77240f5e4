/// One KPI's identity: what it is about (scope and scope name) and its name.
public struct KPIKey: Sendable, Hashable {
    public var scope: KPIScope
    /// The office, section, procedure or channel; "all" for `.total`.
    public var scopeName: String
    public var kpi: String

    public init(scope: KPIScope, scopeName: String = "all", kpi: String) {
        self.scope = scope; self.scopeName = scopeName; self.kpi = kpi
    }
}

/// The KPIs every replication of a run reports, in the order of its values.
///
/// A model reports the same KPIs in the same order in every replication of
/// one scenario, so a run names them once and then hands the store plain
/// arrays of numbers (`ReplicationValues`): the store recognises the list
/// once per connection (by identity: copies of one list share it) instead
/// of comparing hundreds of names per replication.
///
/// ```swift
/// let keys = KPIKeyList([KPIKey(scope: .total, kpi: "wait_mean_min"), KPIKey(scope: .total, kpi: "served")])
/// try store.record(values: [ReplicationValues(replication: 0, values: [12.4, 310])], keys: keys, for: run)
/// ```
public struct KPIKeyList: Sendable {
    /// Shared by copies; its identity is what the store's cache recognises.
    final class Storage: Sendable {
        let keys: [KPIKey]
        let layoutKeys: [LayoutKey]
        init(_ keys: [KPIKey]) {
            self.keys = keys
            layoutKeys = keys.map { LayoutKey(scope: $0.scope.rawValue, name: $0.scopeName, kpi: $0.kpi) }
        }
    }

    let storage: Storage

    /// O(n).
    public init(_ keys: [KPIKey]) { storage = Storage(keys) }

    public var keys: [KPIKey] { storage.keys }
    public var count: Int { storage.keys.count }
}

/// One replication's KPI values, in the order of a `KPIKeyList`; NaN means
/// undefined (stored as null).
public struct ReplicationValues: Sendable {
    public var replication: Int
    public var values: [Double]

    public init(replication: Int, values: [Double]) {
        self.replication = replication; self.values = values
    }
}
