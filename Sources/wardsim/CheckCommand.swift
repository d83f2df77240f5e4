import ArgumentParser
import Foundation
import SimKernel
import WardModel

/// `wardsim check FILE [--set k=v]... [--day D] [--json] [--resolved]`:
/// validates a scenario and prints what it implies (offices, sections,
/// interventions, daily demand by office, procedure and channel) without
/// simulating. A bad file prints its problems on stderr, one per line, and
/// exits with code 2.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario and print its daily demand by procedure and channel, without simulating.",
        discussion: """
            Exit codes: 0 valid (warnings, if any, on stderr); 2 the scenario has problems \
            (listed on stderr as file:line:column: key.path: message).
            """)

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value, e.g. --set offices[0].lobby_seats=100 (repeatable).",
                                                         valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(help: "Day type for the demand table: ordinary, monday, after_holiday or peak (default: the scenario's own day, else ordinary).")
    var day: String?

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Flag(help: "Print the resolved scenario as canonical JSON (what a run stores) and nothing else.")
    var resolved = false

    func run() throws {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(path: file, overrides: overrides)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        for warning in loaded.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if resolved {
            print(loaded.canonicalText, terminator: "")
            return
        }
        let s = loaded.scenario
        var dayType = DayType.ordinary
        if case .single(let d) = s.simulation.days { dayType = d }
        if let day {
            guard let d = DayType(rawValue: day) else {
                throw ValidationError("--day must be one of \(DayType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            dayType = d
        }
        let demand = s.dailyDemand(on: dayType)
        if json {
            try printJSON(loaded, day: dayType, demand: demand)
        } else {
            printTables(loaded, day: dayType, demand: demand)
        }
    }

    // MARK: Text

    private func printTables(_ loaded: LoadedScenario, day: DayType, demand: [ProcedureDemand]) {
        let s = loaded.scenario
        print("\(s.name): valid")
        if let first = s.description.split(separator: "\n").first { print("  \(first)") }
        print("files:         \(loaded.files.joined(separator: " → "))")
        print("sources cited: \(loaded.sources.isEmpty ? "none" : loaded.sources.joined(separator: " "))")
        let days: String
        switch s.simulation.days {
        case .single(let d): days = "one \(d.rawValue) day"
        case .fiscalYear: days = "fiscal year \(s.calendar.fiscalYear)"
        }
        print("simulation:    seed \(s.simulation.seed), \(s.simulation.replications) replications, \(days)")
        print("interventions: \(interventionNames(s.interventions).joined(separator: ", ").nonEmpty ?? "none")")
        print("procedures:    \(s.procedures.count), visit types: \(s.visitTypes.count)")
        for office in s.offices {
            let sections = office.sections.map { section in
                let staff = section.staff.reduce(0) { $0 + $1.count }
                let back = section.backofficeStaff.reduce(0) { $0 + $1.count }
                return "\(section.id) \(section.counters) counters/\(staff) staff/\(back) back office"
            }
            print("office \(office.name): population \(office.population), \(fmt(office.visitsPerDay)) visits/day,"
                  + " \(clock(office.opens))–\(clock(office.doorsClose)), \(office.lobbySeats) seats; "
                  + sections.joined(separator: "; "))
        }
        print("")
        print("Daily demand on a\(day == .ordinary || day == .afterHoliday ? "n" : "") \(day.rawValue) day (requests per day; a visit may bring several procedures)")
        let header = ["office", "procedure", "total", "walk-in", "booked", "online", "store", "AI", "at counter"]
        var rows: [[String]] = []
        for office in loaded.scenario.offices {
            let mine = demand.filter { $0.office == office.name }
            for d in mine {
                rows.append([d.office, d.procedure, fmt(d.total), fmt(d.byChannel[.walkIn] ?? 0), fmt(d.byChannel[.booked] ?? 0),
                             fmt(d.byChannel[.online] ?? 0), fmt(d.byChannel[.convenienceStore] ?? 0),
                             fmt(d.byChannel[.aiAssistant] ?? 0), fmt(d.atCounter)])
            }
            func sum(_ f: (ProcedureDemand) -> Double) -> String { fmt(mine.reduce(0) { $0 + f($1) }) }
            rows.append([office.name, "(all)", sum(\.total), sum { $0.byChannel[.walkIn] ?? 0 }, sum { $0.byChannel[.booked] ?? 0 },
                         sum { $0.byChannel[.online] ?? 0 }, sum { $0.byChannel[.convenienceStore] ?? 0 },
                         sum { $0.byChannel[.aiAssistant] ?? 0 }, sum(\.atCounter)])
        }
        printTable(header: header, rows: rows, rightAligned: Set(2..<header.count))
    }

    private func interventionNames(_ i: Interventions) -> [String] {
        var names: [String] = []
        if i.reservations != nil { names.append("reservations") }
        if i.noWriting != nil { names.append("no_writing") }
        if i.aiAssistant != nil { names.append("ai_assistant") }
        if i.convenienceStore != nil { names.append("convenience_store") }
        if i.backofficeCentre != nil { names.append("backoffice_centre") }
        if i.smartphoneHelpers != nil { names.append("smartphone_helpers") }
        return names
    }

    private func printTable(header: [String], rows: [[String]], rightAligned: Set<Int>) {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { displayWidth($0[c]) }.max() ?? 0 }
        for (r, row) in all.enumerated() {
            let cells = row.enumerated().map { c, cell -> String in
                let pad = String(repeating: " ", count: widths[c] - displayWidth(cell))
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }
            print(cells.joined(separator: "  "))
            if r == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }

    /// Terminal columns: CJK and full-width characters take two.
    private func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { width, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || v >= 0x20000
            return width + (wide ? 2 : 1)
        }
    }

    private func fmt(_ x: Double) -> String { String(format: "%.1f", x) }

    private func clock(_ t: SimTime) -> String { String(t.description.prefix(5)) }

    // MARK: JSON

    private struct Report: Encodable {
        var scenario: String
        var valid = true
        var files: [String]
        var sources: [String]
        var day: String
        var interventions: [String]
        var warnings: [String]
        var demand: [Row]
    }

    private struct Row: Encodable {
        var office: String
        var procedure: String
        var total: Double
        var walk_in: Double
        var booked: Double
        var online: Double
        var convenience_store: Double
        var ai_assistant: Double
        var at_counter: Double
    }

    private func printJSON(_ loaded: LoadedScenario, day: DayType, demand: [ProcedureDemand]) throws {
        // Four decimals: requests per day need no more, and scripts get stable text.
        func r(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
        let rows = demand.map { d in
            Row(office: d.office, procedure: d.procedure, total: r(d.total), walk_in: r(d.byChannel[.walkIn] ?? 0),
                booked: r(d.byChannel[.booked] ?? 0), online: r(d.byChannel[.online] ?? 0),
                convenience_store: r(d.byChannel[.convenienceStore] ?? 0), ai_assistant: r(d.byChannel[.aiAssistant] ?? 0),
                at_counter: r(d.atCounter))
        }
        let report = Report(scenario: loaded.scenario.name, files: loaded.files, sources: loaded.sources,
                            day: day.rawValue, interventions: interventionNames(loaded.scenario.interventions),
                            warnings: loaded.warnings.map(\.description), demand: rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
