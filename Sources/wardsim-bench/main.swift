#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// wardsim-bench: speed and memory figures of the simulator, as a table or
// one JSON object (`--json`). Each benchmark lives in its own file and is
// listed in `Benchmark.all`. Progress goes to stderr, results to stdout.

let options: BenchOptions
switch BenchOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed):
    options = parsed
case .failure(let error):
    if let message = error.message {
        printError("wardsim-bench: \(message)\n\(BenchOptions.usage)\n")
        exit(64)  // EX_USAGE
    }
    print(BenchOptions.usage)
    exit(0)
}

if options.list {
    for benchmark in Benchmark.all { print("\(benchmark.name)\t\(benchmark.summary)") }
    exit(0)
}

#if DEBUG
printError("wardsim-bench: this is a debug build; figures are meaningless (use swift run -c release wardsim-bench)\n")
#endif

// Resident memory of the bare process (Swift runtime, Foundation, ICU data)
// before any benchmark runs: the part of `peak_rss_mb` no model is responsible for.
let startupMegabytes = PeakMemory.residentMegabytes()
var figures: [Figure] = []
for benchmark in Benchmark.all where options.only?.contains(benchmark.name) ?? true {
    printError("running \(benchmark.name)…\n")
    figures += benchmark.run(options)
}
figures.append(Figure("peak_rss_mb", PeakMemory.residentMegabytes(), unit: "MiB", decimals: 1))
figures.append(Figure("startup_rss_mb", startupMegabytes, unit: "MiB", decimals: 1))
figures.append(Figure("cores_online", Double(sysconf(Int32(_SC_NPROCESSORS_ONLN))), unit: "cores"))

var metadata: [(String, String)] = []
#if DEBUG
metadata.append(("build", "debug"))
#else
metadata.append(("build", "release"))
#endif
if options.quick { metadata.append(("mode", "quick")) }
metadata.append(("timing", options.clock.rawValue))

print(options.json ? Output.json(metadata: metadata, figures: figures)
                   : Output.table(metadata: metadata, figures: figures))
