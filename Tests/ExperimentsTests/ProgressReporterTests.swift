import Foundation
import Testing
@testable import Experiments

/// Collects what a reporter writes.
final class Output: @unchecked Sendable {
    private var chunks: [String] = []
    private let lock = NSLock()
    func append(_ text: String) { lock.withLock { chunks.append(text) } }
    var text: String { lock.withLock { chunks.joined() } }
    var sink: ProgressReporter.Sink { { [self] in append($0) } }
}

@Suite struct ProgressReporterTests {
    @Test func plainLinesForALog() {
        let out = Output()
        let progress = ProgressReporter(total: 3, label: "sweep", isTerminal: false, lineInterval: .zero, sink: out.sink)
        progress.advance(note: "a=1")
        progress.advance(note: "a=2")
        progress.advance()
        progress.finish()
        progress.finish()  // a second finish writes nothing
        progress.advance()  // nor does advancing after it
        #expect(out.text == """
            sweep: 1/3 (33%) a=1
            sweep: 2/3 (66%) a=2
            sweep: 3/3 (100%)
            sweep: 3/3 done in 0:00

            """)
    }

    @Test func plainLinesAreThrottledButTheLastIsAlwaysWritten() {
        let out = Output()
        let progress = ProgressReporter(total: 5, label: "run", isTerminal: false, lineInterval: .seconds(3600),
                                        sink: out.sink)
        for _ in 0..<5 { progress.advance() }
        #expect(out.text == "run: 1/5 (20%)\nrun: 5/5 (100%)\n")
    }

    @Test func concurrentAdvancesCountEveryItemAndNeverInterleave() {
        let out = Output()
        let total = 8 * 500
        let progress = ProgressReporter(total: total, label: "p", isTerminal: false, lineInterval: .zero, sink: out.sink)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<500 { progress.advance() }
        }
        let lines = out.text.split(separator: "\n")
        #expect(lines.count == total)
        #expect(lines.last == "p: \(total)/\(total) (100%)")
        // Counts are written in order, each exactly once.
        #expect(lines.map { Int($0.dropFirst(3).prefix { $0 != "/" })! } == Array(1...total))
    }

    @Test func terminalBarIsRedrawnInPlace() {
        let out = Output()
        let progress = ProgressReporter(total: 4, label: "sweep", isTerminal: true, redrawInterval: .zero,
                                        sink: out.sink)
        progress.advance(note: "k=1")
        progress.message("skipped k=2")
        progress.advance(by: 3)
        progress.finish()
        let text = out.text
        #expect(text.hasPrefix("\r\u{1B}[Ksweep [█████░░░░░░░░░░░░░░░]  1/4  25%"))
        #expect(text.contains("\r\u{1B}[Kskipped k=2\n\r\u{1B}[Ksweep [█████"))
        #expect(text.contains("\r\u{1B}[Ksweep [████████████████████]  4/4  100%"))
        #expect(text.hasSuffix("\r\u{1B}[Ksweep: 4/4 done in 0:00\n"))
        // Only the final line ends with a newline besides the message.
        #expect(text.filter { $0 == "\n" }.count == 2)
    }

    @Test func barFitsTheTerminal() {
        let line = ProgressReporter.bar(label: "sweep", done: 1, total: 2, percent: 50, left: .seconds(75),
                                        note: String(repeating: "x", count: 200), width: 60)
        #expect(line.count == 59)
        #expect(line.hasPrefix("sweep [██████████░░░░░░░░░░]  1/2  50%  1:15 left  xxx"))
    }

    @Test func clockText() {
        #expect(ProgressReporter.clockText(.seconds(5)) == "0:05")
        #expect(ProgressReporter.clockText(.seconds(754)) == "12:34")
        #expect(ProgressReporter.clockText(.seconds(3723)) == "1:02:03")
    }
}
