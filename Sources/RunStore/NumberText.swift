/// Writes Doubles as JSON numbers into a byte buffer, exactly and cheaply:
/// the text reads back (Swift's `Double(_:)`, `strtod`) as the same Double,
/// bit for bit.
///
/// A baseline replication stores about 600 values, half of them whole
/// numbers and most of the rest means with 15–17 significant digits, once
/// per replication; `Double.description` (a heap String per value) cost
/// more than the insert itself. Two paths:
///
/// - whole numbers below 10^15 as integers (`12`, `-3`): exact by
///   construction, and half the KPIs (counts);
/// - everything else through the standard library's shortest round-trip
///   conversion (`Double.write(to:)`, the digits of `description`),
///   collected on the stack instead of in a heap String (`DigitSink`).
///   (A hand-written exact 15–17-digit conversion was tried: no faster.)
///
/// NaN is `null`, ±infinity ±1e999 (JSON readers, SQLite's included, read
/// that back as infinity), −0.0 `-0.0`.
///
/// ```swift
/// var text = NumberText()
/// text.append(12.4); text.append(byte: UInt8(ascii: ",")); text.append(3)
/// text.string   // "12.4,3"
/// ```
///
/// Cost: O(digits) per value, written through a raw pointer into storage
/// that only grows (appending to an Array byte by byte cost more than the
/// conversion itself). Not copyable: it owns its storage.
struct NumberText: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The text written so far (a copy).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    mutating func removeAll() { count = 0 }

    /// Calls `body` with room for `space` bytes at the end of the text;
    /// `body` returns how many it wrote.
    @inline(__always)
    private mutating func write(space: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + space > capacity { grow(count + space) }
        count += body(base + count)
    }

    private mutating func grow(_ needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Calls `body` with the text (for binding it without a String in between).
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        write(space: 1) { $0[0] = byte; return 1 }
    }

    mutating func append(ascii text: StaticString) {
        write(space: text.utf8CodeUnitCount) { out in
            out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
            return text.utf8CodeUnitCount
        }
    }

    mutating func append(_ value: Double) {
        if value.isNaN {
            append(ascii: "null")
        } else if value.isInfinite {
            append(ascii: value < 0 ? "-1e999" : "1e999")
        } else if value == 0 {
            if value.sign == .minus { append(ascii: "-0.0") } else { append(byte: UInt8(ascii: "0")) }
        } else if abs(value) < 1e15 && value == value.rounded(.towardZero) {
            appendInteger(Int64(value))
        } else {
            // The standard library's shortest round-trip digits, through a
            // small stack buffer rather than a heap String.
            var sink = DigitSink()
            value.write(to: &sink)
            sink.withBytes { digits in
                write(space: digits.count) { out in
                    out.update(from: digits.baseAddress!, count: digits.count)
                    return digits.count
                }
            }
        }
    }

    /// Decimal digits of `n`. O(digits).
    mutating func appendInteger(_ n: Int64) {
        write(space: 20) { out in
            var p = out
            if n < 0 { p[0] = UInt8(ascii: "-"); p += 1 }
            let magnitude = n.magnitude
            let length = decimalLength(magnitude)
            writeDigits(magnitude, width: length, at: p)
            return p - out + length
        }
    }

    /// UTF-8 `text` as a JSON string literal: `"` and `\\` escaped, control
    /// characters as `\\uXXXX`, everything else as is. O(length); text
    /// without such characters (names, always) is copied in one piece.
    mutating func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        append(byte: UInt8(ascii: "\""))
        if !text.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            if let base = text.baseAddress {
                write(space: text.count) { out in
                    out.update(from: base, count: text.count)
                    return text.count
                }
            }
        } else {
            for byte in text {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    append(byte: UInt8(ascii: "\\")); append(byte: byte)
                case 0..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    append(ascii: "\\u00")
                    append(byte: hex.utf8Start[Int(byte >> 4)]); append(byte: hex.utf8Start[Int(byte & 15)])
                default:
                    append(byte: byte)
                }
            }
        }
        append(byte: UInt8(ascii: "\""))
    }

    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { buffer in
            write(space: buffer.count) { out in
                if let base = buffer.baseAddress { out.update(from: base, count: buffer.count) }
                return buffer.count
            }
        }
    }
}

/// Receives the ASCII digits of a number's `write(to:)` in a fixed buffer.
/// The standard library hands them to `_writeASCII` in one piece when a
/// stream provides it (the default makes a String); 48 bytes hold any
/// Double's text, the rest would go to `overflow` (never used for Doubles).
private struct DigitSink: TextOutputStream {
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    private var length = 0
    private var overflow: [UInt8] = []

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { _writeASCII($0) }
    }

    mutating func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, overflow.isEmpty, length + bytes.count <= 48 else {
            if overflow.isEmpty { withBytes { overflow = Array($0) } }
            overflow.append(contentsOf: bytes)
            length += bytes.count
            return
        }
        let start = length
        withUnsafeMutableBytes(of: &buffer) { raw in
            (raw.baseAddress! + start).copyMemory(from: source, byteCount: bytes.count)
        }
        length += bytes.count
    }

    func withBytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if !overflow.isEmpty { return overflow.withUnsafeBufferPointer(body) }
        var copy = buffer
        withUnsafeBytes(of: &copy) { raw in
            body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<length]))
        }
    }
}

/// Number of decimal digits of `n` (1 for 0).
@inline(__always)
private func decimalLength(_ n: UInt64) -> Int {
    let bits = 64 - n.leadingZeroBitCount
    let estimate = (bits * 1233) >> 12  // floor(log10(2^bits)): the length or one less
    return estimate < 19 && n >= powerOfTen(estimate) ? estimate + 1 : max(estimate, 1)
}

/// Writes exactly `width` decimal digits of `n` (zero-padded; n < 10^width)
/// at `out`. Eight-digit chunks in 32-bit arithmetic, each split into
/// independent halves and pairs: the divisions by constants then overlap
/// instead of forming one long dependent chain.
@inline(__always)
private func writeDigits(_ n: UInt64, width: Int, at out: UnsafeMutablePointer<UInt8>) {
    var i = width
    var rest = n
    while i >= 8 {
        writeEight(UInt32(truncatingIfNeeded: rest % 100_000_000), at: out + (i - 8))
        rest /= 100_000_000
        i -= 8
    }
    var small = UInt32(truncatingIfNeeded: rest)
    if i >= 4 {
        writeFour(small % 10_000, at: out + (i - 4))
        small /= 10_000
        i -= 4
    }
    if i >= 2 {
        writePair(small % 100, at: out + (i - 2))
        small /= 100
        i -= 2
    }
    if i == 1 { out[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: small) }
}

@inline(__always)
private func writeEight(_ n: UInt32, at out: UnsafeMutablePointer<UInt8>) {
    writeFour(n / 10_000, at: out)
    writeFour(n % 10_000, at: out + 4)
}

@inline(__always)
private func writeFour(_ n: UInt32, at out: UnsafeMutablePointer<UInt8>) {
    writePair(n / 100, at: out)
    writePair(n % 100, at: out + 2)
}

@inline(__always)
private func writePair(_ n: UInt32, at out: UnsafeMutablePointer<UInt8>) {
    out[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n / 10)
    out[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
}

/// 10^k for 0 ≤ k ≤ 19, from a table of constants (the optimiser emits it
/// statically initialised; a `switch` compiled to a jump that mispredicted).
@inline(__always)
private func powerOfTen(_ k: Int) -> UInt64 { powersOfTen[k] }

private let powersOfTen: [UInt64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
    1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    10_000_000_000_000_000_000,
]
