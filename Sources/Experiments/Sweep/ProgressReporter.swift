import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of a long job on stderr, so stdout carries nothing but results.
///
/// On a terminal it is one bar redrawn in place; otherwise (a Slurm log, a
/// pipe, a file) plain lines that read well in a log. Named to stay clear of
/// `Foundation.Progress`.
///
/// ```swift
/// let progress = ProgressReporter(total: spec.points.count, label: "sweep")
/// DispatchQueue.concurrentPerform(iterations: n) { i in
///     …
///     progress.advance(note: point.key)   // any thread
/// }
/// progress.finish()
/// ```
/// Terminal: `sweep [██████████░░░░░░░░░░]  12/24  50%  0:42 left  staff.citizen=4`
/// Log:      `sweep: 12/24 (50%) staff.citizen=4`
///
/// **Threads.** Every method may be called from any thread; a lock orders
/// the output, so lines never interleave. The bar is redrawn at most every
/// `redrawInterval` and plain lines are written at most every
/// `lineInterval` (the last item and `finish` always report), so a fast
/// loop over thousands of items costs little and floods no log.
public final class ProgressReporter: @unchecked Sendable {
    /// Where the text goes; the default writes to the standard error stream.
    public typealias Sink = @Sendable (String) -> Void

    public let total: Int
    public let label: String
    /// True: a bar redrawn in place. False: plain lines.
    public let isTerminal: Bool
    public let redrawInterval: Duration
    public let lineInterval: Duration

    private let sink: Sink
    private let clock = ContinuousClock()
    private let lock = NSLock()
    // Guarded by `lock`.
    private var done = 0
    private let started: ContinuousClock.Instant
    private var lastReport: ContinuousClock.Instant?
    private var barShown = false
    private var finished = false

    /// - Parameters:
    ///   - isTerminal: defaults to whether stderr is a terminal (`isatty(2)`).
    ///   - sink: defaults to writing stderr.
    public init(
        total: Int, label: String, isTerminal: Bool? = nil,
        redrawInterval: Duration = .milliseconds(100), lineInterval: Duration = .seconds(2),
        sink: Sink? = nil
    ) {
        precondition(total >= 0)
        self.total = total
        self.label = label
        self.isTerminal = isTerminal ?? (isatty(STDERR_FILENO) == 1)
        self.redrawInterval = redrawInterval
        self.lineInterval = lineInterval
        self.sink = sink ?? ProgressReporter.standardError
        self.started = clock.now
    }

    /// Counts `count` more items done; `note` names the last one (a point key).
    public func advance(by count: Int = 1, note: String? = nil) {
        lock.withLock {
            guard !finished else { return }
            done = min(total, done + count)
            let now = clock.now
            let interval = isTerminal ? redrawInterval : lineInterval
            if done < total, let last = lastReport, now - last < interval { return }
            lastReport = now
            report(now: now, note: note)
        }
    }

    /// A line of its own (a warning, a skipped point); on a terminal the bar
    /// is cleared first and redrawn after it.
    public func message(_ text: String) {
        lock.withLock {
            if isTerminal && barShown {
                sink("\r\u{1B}[K" + text + "\n")
                report(now: clock.now, note: nil)
            } else {
                sink(text + "\n")
            }
        }
    }

    /// Ends the report: the bar's line is completed with the elapsed time, or
    /// a final plain line is written. Later calls do nothing.
    public func finish() {
        lock.withLock {
            guard !finished else { return }
            finished = true
            let elapsed = Self.clockText(clock.now - started)
            if isTerminal {
                sink("\r\u{1B}[K" + "\(label): \(done)/\(total) done in \(elapsed)\n")
            } else {
                sink("\(label): \(done)/\(total) done in \(elapsed)\n")
            }
        }
    }

    // MARK: Rendering (called with the lock held)

    private func report(now: ContinuousClock.Instant, note: String?) {
        let percent = total == 0 ? 100 : done * 100 / total
        if isTerminal {
            barShown = true
            sink("\r\u{1B}[K" + Self.bar(label: label, done: done, total: total, percent: percent,
                                          left: remaining(now: now), note: note,
                                          width: Self.terminalColumns()))
        } else {
            sink("\(label): \(done)/\(total) (\(percent)%)" + (note.map { " " + $0 } ?? "") + "\n")
        }
    }

    /// Time left by linear extrapolation, once there is something to go on.
    private func remaining(now: ContinuousClock.Instant) -> Duration? {
        guard done > 0, done < total else { return nil }
        return (now - started) * Double(total - done) / Double(done)
    }

    /// One bar line, cut to `width` columns (no newline: it is redrawn).
    static func bar(label: String, done: Int, total: Int, percent: Int, left: Duration?, note: String?,
                    width: Int) -> String {
        let cells = 20
        let filled = total == 0 ? cells : done * cells / total
        var line = "\(label) [" + String(repeating: "█", count: filled)
            + String(repeating: "░", count: cells - filled) + "]  \(done)/\(total)  \(percent)%"
        if let left { line += "  \(clockText(left)) left" }
        if let note { line += "  " + note }
        // Characters, not bytes: the bar and Japanese notes are multi-byte.
        // (A wide character takes two columns, so a Japanese note may still
        // wrap on a narrow terminal; harmless.)
        return line.count > width - 1 ? String(line.prefix(max(0, width - 1))) : line
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    static func clockText(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    /// The terminal's width, from the stderr tty, else `COLUMNS`, else 80.
    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        return 80
    }

    static let standardError: Sink = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }
}
