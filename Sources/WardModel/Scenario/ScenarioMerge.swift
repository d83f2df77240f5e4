// How an extending scenario changes the one it extends (`extends:`).
//
// - Mappings merge deeply: keys in the extending file replace or add to
//   those of the base; everything else is kept.
// - A null value (`reservations: null`, `key: ~`) removes the base value, so
//   the field takes its default (an intervention is switched off).
// - Lists are replaced wholesale, except lists of mappings that all carry an
//   `id` (procedures, visit types, sections) or all carry a `name` (offices,
//   staff groups), in both files: those merge element by element on that
//   key; elements only in the extending file are appended.
// - The `!replace` tag on a list or mapping replaces it wholesale:
//   `staff: !replace [...]`.

enum ScenarioMerge {
    static func merge(_ base: ScenarioNode, _ override: ScenarioNode) -> ScenarioNode {
        if override.tag == "!replace" {
            var replaced = override
            replaced.tag = nil
            return replaced
        }
        switch (base.kind, override.kind) {
        case (.mapping(let baseEntries), .mapping(let overrideEntries)):
            var entries = baseEntries
            for entry in overrideEntries {
                if let i = entries.firstIndex(where: { $0.key == entry.key }) {
                    entries[i].value = merge(entries[i].value, entry.value)
                    entries[i].keyOrigin = entry.keyOrigin
                } else {
                    entries.append(entry)
                }
            }
            return ScenarioNode(.mapping(entries), origin: override.origin)
        case (.sequence(let baseItems), .sequence(let overrideItems)):
            guard let key = mergeKey(baseItems, overrideItems) else { return override }
            var items = baseItems
            for item in overrideItems {
                let id = item.value(key)?.scalarText
                if let i = items.firstIndex(where: { $0.value(key)?.scalarText == id }) {
                    items[i] = merge(items[i], item)
                } else {
                    items.append(item)
                }
            }
            return ScenarioNode(.sequence(items), origin: override.origin)
        default:
            return override
        }
    }

    /// `id` or `name` when every element of both lists is a mapping with that
    /// key as text, unique within each list; nil otherwise.
    static func mergeKey(_ a: [ScenarioNode], _ b: [ScenarioNode]) -> String? {
        for key in ["id", "name"] {
            func keys(_ items: [ScenarioNode]) -> [String]? {
                var out: [String] = []
                for item in items {
                    guard let text = item.value(key)?.scalarText else { return nil }
                    out.append(text)
                }
                return Set(out).count == out.count ? out : nil
            }
            if !a.isEmpty, !b.isEmpty, keys(a) != nil, keys(b) != nil { return key }
        }
        return nil
    }
}
