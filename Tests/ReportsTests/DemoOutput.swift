import Foundation
import Testing
@testable import Reports

/// Writes the demo page in both languages (HTML, Markdown with its SVG
/// files) to the folder named by `WARDSIM_REPORTS_DEMO_DIR`, so a person can
/// open it in a browser. Does nothing when the variable is unset.
@Test func writeDemoWhenAsked() throws {
    guard let dir = ProcessInfo.processInfo.environment["WARDSIM_REPORTS_DEMO_DIR"], !dir.isEmpty else { return }
    let folder = URL(fileURLWithPath: dir)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for language in Language.allCases {
        let html = Reports.demoReport(language: language)
        try html.write(to: folder.appendingPathComponent("demo-\(language.rawValue).html"), atomically: true, encoding: .utf8)
        let md = MarkdownReport.render(Reports.demoDocument(language: language), figurePrefix: "demo-\(language.rawValue)")
        try md.markdown.write(to: folder.appendingPathComponent("demo-\(language.rawValue).md"), atomically: true, encoding: .utf8)
        for file in md.files {
            try file.contents.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
    }
    // A stress page: hostile names, long names, many hours, rotated categories.
    var stress = EscapingTests.hostileDocument(.ja)
    let long = ["コンビニエンスストアでの証明書交付（マイナンバーカード利用）", "AI案内から窓口への引き継ぎ", "Walk-in", "予約来庁", "オンライン申請"]
    stress.sections.append(ReportSection(title: "Stress", blocks: [
        .figure(Figure(caption: "Long categories", chart: Fixtures.bars(categories: long, names: ["現状", "書かない窓口と予約制とAI案内を全部組み合わせた長い名前のシナリオ", "C"]))),
        .figure(Figure(caption: "24 hours", chart: Fixtures.heatMap(rows: ["市民課", "保険年金課", "こども福祉課", "税務課", "A very long section name that must be truncated somewhere"], hours: Array(0..<24)))),
        .figure(Figure(caption: "Many series", chart: Fixtures.lineChart(names: (1...7).map { "Scenario \($0)" }))),
    ]))
    try HTMLReport.render(stress).write(to: folder.appendingPathComponent("stress-ja.html"), atomically: true, encoding: .utf8)

    // Sweep reports on synthetic runs: one numeric parameter (band chart), two (heat map).
    try StoreFixtures.withStore { store in
        let one = try SweepReportTests.sweep(store, [("staff.citizen", ["2", "3", "4", "5", "6", "8"])])
        let two = try SweepReportTests.sweep(store, [("policy", ["fifo", "shortest"]), ("staff.citizen", ["3", "4", "5", "6"])])
        for language in Language.allCases {
            for (name, id) in [("sweep-one", one), ("sweep-two", two)] {
                let html = HTMLReport.render(SweepReport(input: try SweepReportTests.load(store, id), language: language).document())
                try html.write(to: folder.appendingPathComponent("\(name)-\(language.rawValue).html"), atomically: true, encoding: .utf8)
            }
        }
    }
}
