/// A reproducible random stream: xoshiro256** (Blackman & Vigna, 2018).
///
/// 256 bits of state, period 2^256 − 1, passes BigCrush, and about 1 ns a
/// draw. Streams are derived from (seed, name, replication), so each source of
/// randomness in a model ("arrivals", "service.counter", "patience") has its
/// own stream. Changing how often one source draws then leaves every other
/// source untouched — the basis of common random numbers.
///
/// ```swift
/// var arrivals = RandomStream(seed: 42, stream: "arrivals", replication: 0)
/// let u = arrivals.nextUniform()     // in (0, 1)
/// ```
///
/// The output for a given (seed, name, replication) is pinned by known-answer
/// tests: it must never change between versions.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// A stream seeded directly from 64 bits (expanded by SplitMix64).
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is a fixed point
    }

    /// The stream named `stream` of replication `replication` under `seed`.
    public init(seed: UInt64, stream: String, replication: Int = 0) {
        self.init(seed: RandomStream.derive(seed: seed, stream: stream, replication: replication))
    }

    /// Mixes (seed, name, replication) into one 64-bit seed. Uses FNV-1a over
    /// the UTF-8 name (stable across runs and platforms, unlike `Hasher`) and
    /// SplitMix64 finalisers between the parts.
    public static func derive(seed: UInt64, stream: String, replication: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var x = SplitMix64.mix(seed &+ 0x9e37_79b9_7f4a_7c15)
        x = SplitMix64.mix(x ^ h)
        x = SplitMix64.mix(x ^ UInt64(bitPattern: Int64(replication)) &* 0xd1b5_4a32_d192_ed03)
        return x
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform draw in the open interval (0, 1): never exactly 0 or 1, so
    /// `-log(u)` and inverse CDFs are always finite.
    @inlinable
    public mutating func nextUniform() -> Double {
        // k + 0.5 needs 54 bits once k ≥ 2^52, so it rounds (ties to even);
        // for k = 2^53 − 1 it would round up to 2^53, i.e. u = 1 exactly.
        // Clamping only that case keeps every other output unchanged.
        Swift.min((Double(next() >> 11) + 0.5) * 0x1.0p-53, 0x1.fffffffffffffp-1)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(truncatingIfNeeded: next(upperBound: UInt64(bound)))
    }

    @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): used only to expand seeds.
@usableFromInline struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return SplitMix64.mix(state)
    }
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
