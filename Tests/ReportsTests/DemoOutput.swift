import Foundation
import Testing
import Reports

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
}
