import RunStore

// `RunStore` is both a module and a class, so `RunStore.KPIRow` cannot be
// spelled where WardModel's `KPIRow` is also visible. This file sees only
// the store's types.
public typealias StoredKPIRow = KPIRow
