import Testing
import Foundation
import SimKernel
@testable import WardModel

/// `FloatSelect` (the radix selection behind `WaitSamples`' quantiles) against
/// the sort it replaced: the same type-7 quantiles bit for bit, on shapes
/// chosen to reach every branch — sizes around both sort cut-offs (128 and
/// the old 256), ties, one value only, mostly zeros, ±0, negatives, the
/// whole `Float` range, and values that share the top key digit (or the top
/// two), so the selection has to narrow at every level.
@Suite("Wait quantiles by radix selection")
struct WaitQuantileTests {
    /// Named value makers; each draws from the stream it is given.
    static let shapes: [(name: String, make: @Sendable (inout RandomStream) -> Float)] = [
        ("waits", { Float(-20 * log($0.nextUniform())) }),
        ("waits, 60 % zero", { $0.nextUniform() < 0.6 ? 0 : Float(-20 * log($0.nextUniform())) }),
        ("small integers with ties and negatives", { Float($0.nextInt(below: 7) - 3) }),
        ("all equal", { _ in 7.25 }),
        ("signed zeros", { $0.nextInt(below: 2) == 0 ? 0 : -0.0 }),
        ("both signs", { Float(($0.nextUniform() - 0.5) * 200) }),
        ("any bit pattern but NaN", { r in
            while true {
                let x = Float(bitPattern: UInt32(truncatingIfNeeded: r.next()))
                if !x.isNaN { return x }
            }
        }),
        ("extremes", { r in
            let pool: [Float] = [-.infinity, -.greatestFiniteMagnitude, -1, -.leastNonzeroMagnitude, -0.0, 0,
                                 .leastNonzeroMagnitude, .leastNormalMagnitude, 1, .greatestFiniteMagnitude, .infinity]
            return pool[r.nextInt(below: pool.count)]
        }),
        ("one top bucket (1000 + 0.001·u)", { 1_000 + Float($0.nextUniform()) * 0.001 }),
        ("last 8 bits only", { Float(bitPattern: 0x4120_0000 | UInt32($0.nextInt(below: 256))) }),
        ("last 20 bits only", { Float(bitPattern: 0x4120_0000 | UInt32($0.nextInt(below: 1 << 20))) }),
        ("narrow band and a tail", { r in
            r.nextUniform() < 0.7 ? 30 + Float(r.nextUniform()) * 0.01 : Float(-20 * log(r.nextUniform()))
        }),
    ]

    static let sizes = [0, 1, 2, 3, 127, 128, 129, 255, 256, 257, 1_000, 100_000]
    /// The KPI levels in any order, repeated, the extremes; then six ranks
    /// in up to six buckets (more than three regions to gather).
    static let levels: [(Double, Double, Double)] = [
        (0.5, 0.9, 0.95), (0, 1, 0.5), (0.95, 0.5, 0.9), (0.9, 0.9, 0.9), (1, 0, 0.95),
        (0.1, 0.3, 0.7), (0.49, 0.5, 0.51),
    ]

    /// The previous implementation: `FloatSort.sort` a copy, read type 7.
    static func sorted(_ a: [Float], _ p: Double) -> Double {
        guard !a.isEmpty else { return .nan }
        var s = a
        return s.withUnsafeMutableBufferPointer {
            FloatSort.sort($0)
            return FloatSort.quantile(ofSorted: UnsafeBufferPointer($0), p)
        }
    }

    /// Type 7 of the values in ascending key order (−0 before +0, whatever n).
    static func keyOrdered(_ a: [Float], _ p: Double) -> Double {
        guard !a.isEmpty else { return .nan }
        let s = a.map(FloatSort.key).sorted().map(FloatSort.value)
        return s.withUnsafeBufferPointer { FloatSort.quantile(ofSorted: $0, p) }
    }

    /// Checks one result. Bit for bit against the key order always; against
    /// the old sort bit for bit above its 256-value cut-off (a radix sort in
    /// key order) and with `==` up to it (there the standard sort leaves ±0
    /// ties in input order, so a zero quantile's sign may differ).
    static func check(_ got: Double, _ a: [Float], _ p: Double, _ what: String) {
        let old = sorted(a, p), keyed = keyOrdered(a, p)
        #expect(got.bitPattern == keyed.bitPattern, "\(what) p=\(p): got \(got) (\(got.bitPattern)), key order \(keyed)")
        if a.count > 256 {
            #expect(got.bitPattern == old.bitPattern, "\(what) p=\(p): got \(got), old sort \(old)")
        } else {
            #expect(got == old || (got.isNaN && old.isNaN), "\(what) p=\(p): got \(got), old sort \(old)")
        }
    }

    @Test("Three quantiles at once equal the old sort's, bit for bit", arguments: sizes)
    func triples(n: Int) {
        let repeats = n <= 1_000 ? 8 : 1
        for (s, shape) in Self.shapes.enumerated() {
            for rep in 0..<repeats {
                var rng = RandomStream(seed: UInt64(1_000 * n + 10 * s + rep), stream: "wait-quantiles")
                let a = (0..<n).map { _ in shape.make(&rng) }
                for ps in Self.levels {
                    let q = a.withUnsafeBufferPointer { FloatSelect.quantiles(of: $0, ps) }
                    let what = "n=\(n) \(shape.name) #\(rep) levels \(ps)"
                    Self.check(q.0, a, ps.0, what)
                    Self.check(q.1, a, ps.1, what)
                    Self.check(q.2, a, ps.2, what)
                }
            }
        }
    }

    @Test("WaitSamples: quantile, quantiles and a day's range agree with the old sort and leave the values in order")
    func waitSamples() {
        for n in [0, 1, 3, 256, 257, 5_000, 100_000] {
            for (s, shape) in Self.shapes.enumerated() {
                var rng = RandomStream(seed: UInt64(n + s), stream: "wait-samples")
                let a = (0..<n).map { _ in shape.make(&rng) }
                var w = WaitSamples()
                for x in a { w.add(Double(x)) }
                let what = "n=\(n) \(shape.name)"
                let (median, p90, p95) = w.quantiles((0.5, 0.9, 0.95))
                Self.check(median, a, 0.5, what)
                Self.check(p90, a, 0.9, what)
                Self.check(p95, a, 0.95, what)
                for p in [0, 0.5, 0.9, 0.95, 1] { Self.check(w.quantile(p), a, p, what) }
                if n >= 3 {
                    let range = n / 3..<(2 * n / 3 + 1)
                    let day = Array(a[range])
                    for p in [0, 0.5, 0.9, 1] { Self.check(w.quantile(p, in: range), day, p, what + " range \(range)") }
                }
                // Selection reads the values only: still in the order added.
                #expect(w.values.map(\.bitPattern) == a.map(\.bitPattern), "\(what): values were reordered")
            }
        }
    }

    @Test("No values give NaN; a single value is every quantile")
    func edges() {
        let none = WaitSamples()
        #expect(none.quantile(0.5).isNaN && none.quantiles((0, 0.5, 1)).2.isNaN)
        #expect(none.quantile(0.9, in: 0..<0).isNaN)
        var one = WaitSamples()
        one.add(4.5)
        #expect(one.quantiles((0, 0.5, 1)) == (4.5, 4.5, 4.5))
        var four = WaitSamples()
        for m in [3.0, 12, 45, 7] { four.add(m) }
        let q = four.quantiles((0.5, 0.9, 1))
        // h = 1.5 → 7 + 0.5·(12 − 7); h = 2.7 → 12 + 0.7·(45 − 12); h = 3 → 45.
        #expect(q.0 == 9.5 && q.1 == 12 + (3 * 0.9 - 2) * 33 && q.2 == 45, "\(q)")
    }
}
