import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RunStore
import SimKernel
@testable import Reports

/// Run stores filled with synthetic KPI rows shaped like the ward model's
/// (city headline KPIs, hourly queue, lobby and utilisation, requests by
/// channel), for tests that read reports back against the store.
enum StoreFixtures {
    /// A fresh store in a temporary directory, removed when `body` returns.
    static func withStore<T>(_ body: (RunStore) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reports-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try RunStore.open(path: dir.appendingPathComponent("runs.sqlite").path)
        return try body(store)
    }

    /// The resolved scenario a run stores, as canonical JSON (the fields a report reads).
    static func scenarioJSON(name: String, description: String = "Test office. Visits B12, profile C3, population A5.",
                             interventions: String = "{\"reservations\": {\"slot_length\": \"15m\"}, \"smartphone_helpers\": null}",
                             seats: Int = 120) -> String {
        func quoted(_ s: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [s], options: [])
            let text = String(decoding: data, as: UTF8.self)
            return String(text.dropFirst().dropLast())
        }
        return """
            {"version": 1, "name": \(quoted(name)), "description": \(quoted(description)),
             "simulation": {"seed": 1, "replications": 8, "days": "ordinary"},
             "offices": [{"name": "小倉北区", "visits_per_day": 584, "lobby_seats": \(seats), "sections": [
               {"id": "citizen", "name": "市民課", "counters": 12,
                "staff": [{"name": "a", "count": 4, "day_types": []}, {"name": "peak", "count": 3, "day_types": ["peak"]}],
                "backoffice_staff": [{"name": "b", "count": 6, "day_types": []}]},
               {"id": "insurance", "name": "保険年金課", "counters": 5,
                "staff": [{"name": "a", "count": 5, "day_types": []}], "backoffice_staff": []}]}],
             "interventions": \(interventions)}
            """
    }

    static let sections = ["小倉北区/citizen", "小倉北区/insurance"]
    static let hours = Array(8...18)

    /// One replication's rows. `effect` shifts the scenario (0: baseline);
    /// replication noise comes from a stream shared by all scenarios of the
    /// same `seed` (common random numbers), plus a little of its own.
    static func rows(replication r: Int, seed: UInt64, effect: Double, own: UInt64) -> [KPIRow] {
        var common = RandomStream(seed: seed, stream: "fixture.common", replication: r)
        var mine = RandomStream(seed: own, stream: "fixture.own", replication: r)
        func noise(_ scale: Double) -> Double {
            scale * (Normal.quantile(common.nextUniform()) + 0.3 * Normal.quantile(mine.nextUniform()))
        }
        var out: [KPIRow] = []
        func city(_ kpi: String, _ v: Double) { out.append(KPIRow(replication: r, scope: "city", scopeName: "city", kpi: kpi, value: v)) }
        let wait = max(0.5, 9 - 4 * effect + noise(1.5))
        city("days", 1)
        city("wait_mean", wait)
        city("wait_median", wait * 0.5)
        city("wait_p90", wait * 2.6 + noise(0.8))
        city("wait_p95", wait * 3.4 + noise(1))
        city("time_in_office_mean", wait + 28 - 5 * effect + noise(1))
        city("served_within_15", min(1, 0.80 + 0.1 * effect + noise(0.04)))
        city("served_within_30", min(1, 0.93 + 0.04 * effect + noise(0.02)))
        city("served_within_60", min(1, 0.985 + 0.01 * effect + noise(0.01)))
        city("abandonment_rate", max(0, 0.01 - 0.005 * effect + noise(0.003)))
        city("staff_overtime_minutes", max(0, 1_000 - 400 * effect + noise(150)))
        city("deflected", (100 + 50 * effect + noise(6)).rounded())
        city("citizen_hours_saved", 100 + 60 * effect + noise(8))
        city("staff_busy_hours_total", 155 - 30 * effect + noise(6))
        city("wait_max", .nan)  // undefined values are stored as NULL and skipped
        for (s, section) in sections.enumerated() {
            for h in hours {
                let label = h < 10 ? "h0\(h)" : "h\(h)"
                let peak = exp(-0.5 * pow((Double(h) - 12.5) / 2.2, 2))
                out.append(KPIRow(replication: r, scope: .section, scopeName: section, kpi: "queue_length_" + label,
                                  value: max(0, (8 - 3 * effect) * peak / Double(s + 1) + noise(0.5))))
                out.append(KPIRow(replication: r, scope: .section, scopeName: section, kpi: "utilisation_" + label,
                                  value: h == 18 && s == 1 ? .nan : min(1, max(0, 0.3 + 0.6 * peak + noise(0.03)))))
            }
        }
        for h in hours {
            let label = h < 10 ? "h0\(h)" : "h\(h)"
            out.append(KPIRow(replication: r, scope: .office, scopeName: "小倉北区", kpi: "lobby_occupancy_" + label,
                              value: max(0, 30 * exp(-0.5 * pow((Double(h) - 13) / 2.5, 2)) + noise(1))))
        }
        for procedure in ["certificate", "move_in"] {
            for (channel, mean) in [("walk_in", 250.0), ("online", 10 + 20 * effect), ("convenience_store", 80.0), ("booked", 0)] {
                let v = mean == 0 ? 0 : max(0, mean + noise(mean * 0.05))
                out.append(KPIRow(replication: r, scope: .procedure, scopeName: procedure, kpi: "demand_" + channel, value: v))
                // Office-level rows duplicate the city's: a report must not count them twice.
                out.append(KPIRow(replication: r, scope: .procedure, scopeName: "小倉北区/" + procedure, kpi: "demand_" + channel, value: v))
            }
        }
        return out
    }

    /// Records a finished run and returns its id.
    @discardableResult
    static func addRun(_ store: RunStore, name: String, effect: Double, seed: UInt64 = 20_260_401, replications: Int = 8,
                       dayRange: String = "ordinary", own: UInt64? = nil, description: String? = nil,
                       sweep: SweepID? = nil, parameters: [RunParameter] = []) throws -> RunID {
        let text = description.map { scenarioJSON(name: name, description: $0) } ?? scenarioJSON(name: name)
        let key = sweep == nil ? nil : parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
        let id = try store.beginRun(RunRecord(
            scenarioName: name, scenarioText: text, scenarioHash: "hash-" + name + "-\(effect)", seed: seed,
            replications: replications, dayRange: dayRange, programVersion: "0.1.0-test", sweep: sweep, pointKey: key,
            parameters: parameters))
        let ownSeed = own ?? UInt64(effect * 1_000) &+ 7
        try store.record(kpis: (0..<replications).flatMap { rows(replication: $0, seed: seed, effect: effect, own: ownSeed) }, for: id)
        try store.finishRun(id, status: .done)
        return id
    }
}

/// The cells of the HTML tables of a page, by table id ("table-1"): per row,
/// per cell, the main text and the text of its `<span class="ci">`.
struct HTMLTables {
    struct Cell: Equatable { var text = ""; var ci = "" }
    var tables: [String: [[Cell]]] = [:]

    init(_ html: String) {
        let parser = XMLParser(data: Data(html.utf8))
        let collector = TableCollector()
        parser.delegate = collector
        _ = parser.parse()
        tables = collector.tables
    }
}

private final class TableCollector: NSObject, XMLParserDelegate {
    var tables: [String: [[HTMLTables.Cell]]] = [:]
    private var table: String?
    private var inBody = false, inCell = false, inCI = false
    private var row: [HTMLTables.Cell] = []
    private var cell = HTMLTables.Cell()

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "table": table = attributes["id"]
        case "tbody": inBody = true
        case "tr" where inBody: row = []
        case "td", "th": if inBody { inCell = true; cell = HTMLTables.Cell() }
        case "span" where inCell && attributes["class"] == "ci": inCI = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "tbody": inBody = false
        case "span": inCI = false
        case "td", "th": if inBody { row.append(cell); inCell = false }
        case "tr" where inBody: if let table { tables[table, default: []].append(row) }
        case "table": table = nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inCell else { return }
        if inCI { cell.ci += string } else { cell.text += string }
    }
}
