import Foundation

/// `wardsim comparisons`: the stored comparisons of a store as a table or JSON,
/// so that a comparison made by `wardsim compare` can be found again and
/// reported (`wardsim report --compare ID`).
///
/// ```swift
/// print(ComparisonListing.table(try store.comparisons()), terminator: "")
/// // id  created           base  others  label
/// //  1  2025-06-01 09:30     1  2,3     no-writing, reservations vs baseline
/// ```
public enum ComparisonListing {
    /// One line per comparison, oldest first; times in `timeZone`.
    public static func table(_ comparisons: [ComparisonRecord], timeZone: TimeZone = .current) -> String {
        var table = TextTable(["id", "created", "base", "others", "label"], rightAligned: [0, 2])
        for c in comparisons {
            table.append([
                c.id.description, DisplayText.timestamp(c.createdAt, in: timeZone), c.baseRun.description,
                c.otherRuns.map(\.description).joined(separator: ","), c.label,
            ])
        }
        return table.text
    }

    /// A JSON array: `[{"id": 1, "label": "…", "base_run": 1, "other_runs": [2, 3], "note": null, "created": "…"}]`.
    public static func json(_ comparisons: [ComparisonRecord]) -> String {
        JSONText.array(comparisons.map { c in
            JSONText.object([
                ("id", .int(c.id.rawValue)),
                ("label", .string(c.label)),
                ("base_run", .int(c.baseRun.rawValue)),
                ("other_runs", .array(c.otherRuns.map { .int($0.rawValue) })),
                ("note", c.note.map(JSONText.string) ?? .null),
                ("created", c.createdAt.map { .string(DisplayText.iso8601($0)) } ?? .null),
            ])
        }).text + "\n"
    }
}
