import ArgumentParser
import Experiments
import Foundation
import Reports
import RunStore
import WardModel

/// `wardsim report (--runs ID,ID… | --compare ID | --sweep ID) [-o FILE]
/// [--format html|md|csv] [--lang ja|en] [--db FILE]`: a report of stored
/// runs — one self-contained HTML file (default), Markdown with its SVG
/// figures beside it, or the tables as CSV.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report of stored runs: headline tables, differences against the baseline, charts.",
        discussion: """
            --runs lists runs by id, the first being the baseline; --compare takes a comparison made by \
            `wardsim compare`; --sweep a sweep made by `wardsim sweep`. HTML (the default) is one file \
            that opens offline in any browser and prints on A4; Markdown writes its figures as SVG files \
            next to the .md file; CSV holds the tables only. Without -o, HTML and CSV go to stdout. \
            The format follows the extension of -o (.html, .md, .csv) unless --format is given.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Runs to compare, baseline first (e.g. 1,2,3).", valueName: "ids"))
    var runs: String?

    @Option(help: ArgumentHelp("A comparison stored by `wardsim compare`.", valueName: "id"))
    var compare: String?

    @Option(help: ArgumentHelp("A sweep stored by `wardsim sweep`.", valueName: "id"))
    var sweep: String?

    @OptionGroup var output: ReportOutputOptions

    func run() throws {
        try reportingFailures {
            let chosen = [runs, compare, sweep].compactMap { $0 }
            guard chosen.count == 1 else {
                throw CommandFailure(.badInput, chosen.isEmpty ? "give --runs ID,ID…, --compare ID or --sweep ID"
                                                               : "give only one of --runs, --compare and --sweep")
            }
            let db = try store.open(.readOnly)
            if let runs {
                let ids = try runs.split(separator: ",", omittingEmptySubsequences: false).map {
                    RunID(try parseID(String($0), what: "run"))
                }
                try output.writeComparison(runs: ids, store: db)
            } else if let compare {
                try output.writeStoredComparison(ComparisonID(try parseID(compare, what: "comparison")), store: db)
            } else if let sweep {
                try output.writeSweep(SweepID(try parseID(sweep, what: "sweep")), store: db)
            }
        }
    }
}

/// Where and how a report is written: shared by `wardsim report` and
/// `wardsim compare --report FILE`.
struct ReportOutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The report file (default: stdout).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("html, md or csv (default: from the extension of -o, else html).", valueName: "format"))
    var format: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp("ja (default) or en.", valueName: "language"))
    var language: String = "ja"

    @Option(help: ArgumentHelp("A title for the report (default: \"Scenario comparison\" in the report's language).", valueName: "text"))
    var title: String?

    @Flag(help: "Start CSV with a UTF-8 byte-order mark (Excel on Windows needs it to read Japanese).")
    var bom = false

    enum Format: String, CaseIterable { case html, md, csv }

    /// The options for writing `file` in `language` (`compare --report FILE --lang en`);
    /// checked here so a typo fails before any simulation.
    static func options(file: String, language: String) throws -> ReportOutputOptions {
        let options: ReportOutputOptions
        do { options = try parse(["-o", file, "--lang", language]) } catch {
            throw CommandFailure(.badInput, "--report \(file) --lang \(language): \(message(for: error))")
        }
        _ = try options.resolvedLanguage()
        _ = try options.resolvedFormat(path: file)
        return options
    }

    func resolvedFormat(path: String?) throws -> Format {
        if let format {
            let name = format.lowercased() == "markdown" ? "md" : format.lowercased()
            guard let f = Format(rawValue: name) else {
                throw CommandFailure(.badInput, "--format must be html, md or csv, got \"\(format)\"")
            }
            return f
        }
        switch URL(fileURLWithPath: path ?? "").pathExtension.lowercased() {
        case "md", "markdown": return .md
        case "csv": return .csv
        default: return .html
        }
    }

    func resolvedLanguage() throws -> Language {
        guard let l = Language(rawValue: language.lowercased()) else {
            throw CommandFailure(.badInput, "--lang must be ja or en, got \"\(language)\"")
        }
        return l
    }

    /// Working days of the fiscal year in run `id`'s stored scenario (its
    /// calendar and holidays); B12's typical count if that cannot be read.
    static func workingDays(ofRun id: RunID?, in store: RunStore) -> Double {
        guard let id, let record = try? store.run(id),
              let loaded = try? ScenarioLoader.load(yaml: record.scenarioText, name: record.scenarioName)
        else { return AnnualBasis.typicalWorkingDays }
        return Double(FiscalYearCalendar(loaded.scenario.calendar).workingDays.count)
    }

    /// Today as YYYY-MM-DD (UTC): the report's "generated" line.
    static func today() -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year!)-\(two(c.month!))-\(two(c.day!))"
    }

    func writeComparison(runs ids: [RunID], store: RunStore, comparison: ComparisonID? = nil, note: String? = nil,
                         label: String? = nil) throws {
        let input = try reportInput { () throws -> ReportInput in
            try ReportInput.load(runs: ids, from: store, title: title ?? ((label?.isEmpty ?? true) ? nil : label),
                                 comparisonID: comparison?.rawValue, note: note, generated: Self.today(),
                                 programVersion: RunRecording.programVersion,
                                 workingDaysPerYear: Self.workingDays(ofRun: ids.first, in: store))
        }
        let report = ComparisonReport(input: input, language: try resolvedLanguage())
        try write(document: report.document(), csv: { report.csv(byteOrderMark: $0) })
    }

    func writeStoredComparison(_ id: ComparisonID, store: RunStore) throws {
        guard let comparison = try store.comparison(id) else { throw RunStoreError.unknownComparison(path: store.path, id: id) }
        // `compare` labels a comparison "OTHER, … vs BASE" by default: that is
        // English and made of ids, so the report uses its own translated title
        // then, and a label only when someone chose it.
        let names = try comparison.allRuns.map { try store.run($0)?.scenarioName ?? "" }
        let chosen = comparison.label == ScenarioComparison.defaultLabel(base: names[0], others: Array(names.dropFirst()))
            ? nil : comparison.label
        try writeComparison(runs: comparison.allRuns, store: store, comparison: id, note: comparison.note, label: chosen)
    }

    func writeSweep(_ id: SweepID, store: RunStore) throws {
        let input = try reportInput {
            try SweepInput.load(sweep: id, from: store, generated: Self.today(), programVersion: RunRecording.programVersion)
        }
        let report = SweepReport(input: input, language: try resolvedLanguage())
        var document = report.document()
        if let title { document.title = title }
        try write(document: document, csv: { report.csv(byteOrderMark: $0) })
    }

    /// Turns the reports layer's refusals into bad-input failures (exit 2).
    private func reportInput<T>(_ load: () throws -> T) throws -> T {
        do { return try load() } catch let error as ReportError {
            throw CommandFailure(.badInput, error.description)
        }
    }

    /// Writes the document in the chosen format to -o or stdout.
    func write(document: ReportDocument, csv: (Bool) -> String) throws {
        let format = try resolvedFormat(path: output)
        switch format {
        case .html:
            try emit(HTMLReport.render(document))
        case .csv:
            try emit(csv(bom))
        case .md:
            guard let output else {
                throw CommandFailure(.badInput, "Markdown needs -o FILE: its figures are written as SVG files next to it")
            }
            let url = URL(fileURLWithPath: output)
            let stem = url.deletingPathExtension().lastPathComponent
            // Figure files are named after the report, so several reports share a folder.
            var prefixed = document
            for s in prefixed.sections.indices {
                for b in prefixed.sections[s].blocks.indices {
                    if case .figure(var figure) = prefixed.sections[s].blocks[b], let name = figure.fileName {
                        figure.fileName = stem + "-" + name
                        prefixed.sections[s].blocks[b] = .figure(figure)
                    }
                }
            }
            let md = MarkdownReport.render(prefixed, figurePrefix: stem)
            let folder = url.deletingLastPathComponent()
            for file in md.files {
                try writeFile(file.contents, to: folder.appendingPathComponent(file.name).path, announce: false)
            }
            try writeFile(md.markdown, to: output, announce: false)
            writeError("wrote \(output) and its \(md.files.count) SVG figures")
        }
    }

    private func emit(_ text: String) throws {
        if let output { try writeFile(text, to: output) } else { writeOutput(text) }
    }

    private func writeFile(_ text: String, to path: String, announce: Bool = true) throws {
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure(.badInput, "cannot write \(path): \(error.localizedDescription)")
        }
        if announce { writeError("wrote \(path)") }
    }
}
