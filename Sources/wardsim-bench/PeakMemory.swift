#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's peak resident set size so far, in MiB.
///
/// On Linux this is `VmHWM` from `/proc/self/status` (the kernel's
/// high-water mark of resident memory); elsewhere, or if that file cannot be
/// read, `getrusage`'s `ru_maxrss` (KiB on Linux, bytes on macOS).
///
/// ```swift
/// let mb = PeakMemory.residentMegabytes()   // e.g. 9.4
/// ```
enum PeakMemory {
    static func residentMegabytes() -> Double {
        #if os(Linux)
        if let kib = vmHighWaterMarkKiB() { return Double(kib) / 1024 }
        #endif
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return .nan }
        #if canImport(Darwin)
        return Double(usage.ru_maxrss) / (1024 * 1024)
        #else
        return Double(usage.ru_maxrss) / 1024
        #endif
    }

    #if os(Linux)
    /// `VmHWM:   12345 kB` → 12345.
    private static func vmHighWaterMarkKiB() -> Int? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard line.hasPrefix("VmHWM:") else { continue }
            let digits = line.dropFirst("VmHWM:".count).filter(\.isNumber)
            return Int(digits)
        }
        return nil
    }
    #endif
}
