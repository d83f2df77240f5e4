import Foundation
import Testing

/// `wardsim report` and `wardsim compare --report`, run as a user would.
@Suite(.enabled(if: WardsimBinary.path != nil, "wardsim binary not built (run `swift build` first)"))
struct ReportCommandTests {
    @Test func compareWritesTheReportAndReportRewritesItInEveryFormat() throws {
        try withTemporaryDirectory { dir in
            let run = try wardsim(["compare", scenarioPath("baseline"), scenarioPath("smart-ward-office"), "-r", "3",
                                   "--db", "r.sqlite", "--report", "out/report.html"], in: dir)
            #expect(run.status == 0, "\(run)")
            let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"ja\""))
            #expect(html.contains("シナリオ比較レポート"), "the default title, translated, not the English comparison label")
            #expect(html.contains("スマート区役所"))

            let en = try wardsim(["report", "--compare", "1", "--db", "r.sqlite", "--lang", "en"], in: dir)
            #expect(en.status == 0 && en.stdout.contains("<html lang=\"en\"") && en.stdout.contains("Smart ward office"), "\(en.stderr)")
            let runs = try wardsim(["report", "--runs", "1,2", "--db", "r.sqlite", "--lang", "en", "--title", "A & B"], in: dir)
            #expect(runs.status == 0 && runs.stdout.contains("<title>A &amp; B</title>"), "\(runs.stderr)")

            let csv = try wardsim(["report", "--runs", "1,2", "--db", "r.sqlite", "-o", "t.csv"], in: dir)
            #expect(csv.status == 0, "\(csv)")
            let table = try String(contentsOfFile: dir + "/t.csv", encoding: .utf8)
            #expect(table.hasPrefix("シナリオ別の待ち時間とサービス水準\r\nシナリオ,平均待ち時間（分）,"), "\(table.prefix(120))")

            let md = try wardsim(["report", "--compare", "1", "--db", "r.sqlite", "-o", "md/r.md"], in: dir)
            #expect(md.status == 0, "\(md)")
            let text = try String(contentsOfFile: dir + "/md/r.md", encoding: .utf8)
            let svgs = try FileManager.default.contentsOfDirectory(atPath: dir + "/md").filter { $0.hasSuffix(".svg") }
            #expect(svgs.count == 7, "\(svgs)")
            for svg in svgs { #expect(text.contains("](\(svg))"), "\(svg) not linked") }
        }
    }

    @Test func badInputIsOneLineAndExitStatusTwo() throws {
        try withTemporaryDirectory { dir in
            let made = try wardsim(["run", scenarioPath("baseline"), "-r", "2", "--db", "r.sqlite"], in: dir)
            #expect(made.status == 0, "\(made)")
            let cases: [([String], String)] = [
                (["report", "--db", "r.sqlite"], "give --runs ID,ID…, --compare ID or --sweep ID"),
                (["report", "--runs", "1", "--sweep", "1", "--db", "r.sqlite"], "give only one of --runs, --compare and --sweep"),
                (["report", "--runs", "1,x", "--db", "r.sqlite"], "run id must be a whole number"),
                (["report", "--runs", "1,7", "--db", "r.sqlite"], "7"),
                (["report", "--runs", "1", "--db", "r.sqlite", "--lang", "fr"], "--lang must be ja or en"),
                (["report", "--runs", "1", "--db", "r.sqlite", "--format", "pdf"], "--format must be html, md or csv"),
                (["report", "--runs", "1", "--db", "r.sqlite", "--format", "md"], "Markdown needs -o FILE"),
                (["report", "--compare", "3", "--db", "r.sqlite"], "comparison"),
                (["compare", scenarioPath("baseline"), scenarioPath("baseline"), "--no-store", "--report", "x.html"],
                 "--report needs the run store"),
                (["compare", scenarioPath("baseline"), scenarioPath("baseline"), "--report", "x.html", "--lang", "de"],
                 "--lang must be ja or en"),
            ]
            for (arguments, message) in cases {
                let outcome = try wardsim(arguments, in: dir)
                #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(arguments): \(outcome)")
                #expect(outcome.stderr.contains(message) && outcome.stderr.split(separator: "\n").count == 1,
                        "\(arguments): \(outcome.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir + "/x.html"))
        }
    }
}
