import RunStore

/// What identifies a sweep in the run store: a canonical JSON text of
/// everything that decides its points and their results, and a hash of it.
///
/// Shards (`--shard`), resumed runs (`--resume`) and runs with another
/// `--jobs` compute the same identity and so find the same sweep; anything
/// that changes the points or their results (scenario, grid, sampling,
/// seed, replications, days) gives another.
///
/// ```swift
/// let spec = try SweepSpec(vary: ["staff.citizen=3:5:1"])
/// let id = spec.identity(scenarioHash: sha, seed: 42, replications: 30, dayRange: "tue")
/// id.specJSON   // {"format":1,"scenario_hash":"…","seed":42,"replications":30,"days":"tue","vary":[…],…}
/// id.specHash   // 16 hex digits
/// // SweepRecord(specHash: id.specHash, …, specJSON: id.specJSON, pointCount: spec.points.count, …)
/// ```
public struct SweepIdentity: Sendable, Hashable {
    /// Compact JSON with a fixed key order, identical on every platform.
    public let specJSON: String
    /// FNV-1a (64 bit) of `specJSON`'s UTF-8 bytes, as 16 lower-case hex
    /// digits. Not cryptographic: it tells a file's few sweeps apart (a
    /// collision among 10 000 sweeps has odds of about 3 · 10⁻¹²), nothing more.
    public let specHash: String
}

extension SweepSpec {
    /// The sweep's identity. `extra` holds anything else that decides the
    /// results and is not in the resolved scenario (its keys are sorted, so
    /// their order does not matter); leave out what only splits the work.
    public func identity(
        scenarioHash: String, seed: UInt64, replications: Int, dayRange: String, extra: [String: String] = [:]
    ) -> SweepIdentity {
        let vary = parameters.map { p -> String in
            let values = "[" + p.values.map(jsonString).joined(separator: ",") + "]"
            switch p.kind {
            case .list:
                return "{\"key\":\(jsonString(p.key)),\"values\":\(values)}"
            case let .range(low, high, step):
                return "{\"key\":\(jsonString(p.key)),\"range\":[\(jsonString(low)),\(jsonString(high)),"
                    + "\(jsonString(step))],\"values\":\(values)}"
            }
        }
        let sampling: String
        switch self.sampling {
        case .fullGrid: sampling = "\"grid\""
        case let .latinHypercube(points, lhsSeed): sampling = "{\"lhs\":\(points),\"seed\":\(lhsSeed)}"
        }
        var fields = [
            "\"format\":1",
            "\"scenario_hash\":\(jsonString(scenarioHash))",
            "\"seed\":\(seed)",
            "\"replications\":\(replications)",
            "\"days\":\(jsonString(dayRange))",
            "\"vary\":[\(vary.joined(separator: ","))]",
            "\"sampling\":\(sampling)",
            "\"points\":\(points.count)",
        ]
        if !extra.isEmpty {
            let pairs = extra.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            fields.append("\"extra\":{\(pairs.joined(separator: ","))}")
        }
        let json = "{" + fields.joined(separator: ",") + "}"
        return SweepIdentity(specJSON: json, specHash: fnv1a64Hex(json))
    }
}

/// FNV-1a, 64 bit, over the UTF-8 bytes, as 16 hex digits.
func fnv1a64Hex(_ text: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// A JSON string literal (RFC 8259 escapes), byte-identical everywhere:
/// the run store's own quoting, so stored identities agree.
func jsonString(_ text: String) -> String { JSONText.quoted(text) }
