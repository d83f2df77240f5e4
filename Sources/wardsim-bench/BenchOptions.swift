/// Command-line options, parsed by hand (four flags do not need a parser).
///
/// ```
/// wardsim-bench [--json] [--quick] [--only NAME[,NAME…]] [--repetitions N] [--wall-clock] [--list]
/// ```
struct BenchOptions: Sendable {
    /// Print one JSON object instead of a table.
    var json = false
    /// Small sizes: a smoke test that finishes in about a second, not a measurement.
    var quick = false
    /// Benchmarks to run (nil: all).
    var only: Set<String>? = nil
    /// Timed repetitions per figure; the best (fastest) is reported.
    var repetitions = 9
    var list = false
    /// What one-thread benchmarks time (`--wall-clock` switches to elapsed time).
    var clock = TimingClock.threadCPU

    /// Parses `arguments` (without the program name). Returns an error message
    /// for an unknown flag or a bad value.
    static func parse(_ arguments: [String]) -> Result<BenchOptions, UsageError> {
        var options = BenchOptions()
        var rest = arguments[...]
        var repetitionsGiven = false
        while let arg = rest.popFirst() {
            switch arg {
            case "--json": options.json = true
            case "--quick": options.quick = true
            case "--list": options.list = true
            case "--wall-clock": options.clock = .wall
            case "--only":
                guard let names = rest.popFirst() else { return .failure(UsageError("--only needs a name")) }
                let known = Set(Benchmark.all.map(\.name))
                let wanted = Set(names.split(separator: ",").map(String.init))
                if let unknown = wanted.subtracting(known).sorted().first {
                    return .failure(UsageError("unknown benchmark '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))"))
                }
                options.only = wanted
            case "--repetitions":
                guard let text = rest.popFirst(), let n = Int(text), n > 0 else {
                    return .failure(UsageError("--repetitions needs a positive integer"))
                }
                options.repetitions = n
                repetitionsGiven = true
            case "-h", "--help": return .failure(UsageError(nil))
            default: return .failure(UsageError("unknown argument '\(arg)'"))
            }
        }
        if options.quick && !repetitionsGiven { options.repetitions = 1 }
        return .success(options)
    }

    static let usage = """
        usage: wardsim-bench [--json] [--quick] [--only NAME[,NAME...]] [--repetitions N] [--wall-clock] [--list]

          --json           print one JSON object (snake_case keys, plain numbers)
          --quick          small sizes, one repetition: a smoke test, not a measurement
          --only NAMES     run only these benchmarks (see --list)
          --repetitions N  timed repetitions per figure, best reported (default 9)
          --wall-clock     time one-thread benchmarks by elapsed time, not thread CPU time
          --list           list the benchmarks and exit

        Build in release mode: swift run -c release wardsim-bench --json
        """
}

struct UsageError: Error {
    /// nil: help was asked for.
    var message: String?
    init(_ message: String?) { self.message = message }
}
