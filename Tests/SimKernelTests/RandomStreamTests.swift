import Testing
@testable import SimKernel

/// Known answers come from an independent Python transcription of Blackman &
/// Vigna's reference C code (xoshiro256starstar.c, splitmix64.c); the named
/// stream's values pin `RandomStream.derive` so it can never change silently.
/// To recompute them:
///
/// ```python
/// M = (1 << 64) - 1
/// rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M
/// def xoshiro(s):                      # s: list of 4 state words
///     while True:
///         r = (rotl((s[1] * 5) & M, 7) * 9) & M
///         t = (s[1] << 17) & M
///         s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
///         s[3] = rotl(s[3], 45)
///         yield r
/// def mix(z):
///     z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
///     z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
///     return z ^ (z >> 31)
/// def seeded(x):                       # SplitMix64 expansion
///     return xoshiro([mix((x + 0x9e3779b97f4a7c15 * i) & M) for i in range(1, 5)])
/// def derive(seed, name, rep):         # FNV-1a of the name, then mixes
///     h = 0xcbf29ce484222325
///     for b in name.encode(): h = ((h ^ b) * 0x100000001b3) & M
///     x = mix(mix((seed + 0x9e3779b97f4a7c15) & M) ^ h)
///     return mix(x ^ ((rep & M) * 0xd1b54a32d192ed03 & M))
/// uniform = lambda k: (float(k >> 11) + 0.5) * 2.0 ** -53
/// below = lambda k, n: (k * n) >> 64   # Lemire, without the (rare) rejection
/// ```
@Suite("RandomStream")
struct RandomStreamTests {
    static func stream(state: (UInt64, UInt64, UInt64, UInt64)) -> RandomStream {
        var r = RandomStream(seed: 0)
        (r.s0, r.s1, r.s2, r.s3) = state
        return r
    }

    @Test("xoshiro256** matches the reference algorithm from state (1, 2, 3, 4)")
    func referenceAlgorithm() {
        var r = Self.stream(state: (1, 2, 3, 4))
        let expected: [UInt64] = [0x2d00, 0x0, 0x5a00_7080, 0x10e0_0000_0000_9d80, 0x10e0_b61c_e100_9d80, 0x0870_021c_e143_ad00]
        #expect((0..<6).map { _ in r.next() } == expected)
    }

    @Test("seeding expands 42 with SplitMix64 as in the reference code")
    func seedExpansion() {
        let r = RandomStream(seed: 42)
        #expect([r.s0, r.s1, r.s2, r.s3] == [0xbdd7_3226_2feb_6e95, 0x28ef_e333_b266_f103, 0x4752_6757_130f_9f52, 0x581c_e1ff_0e4a_e394])
        var sm = SplitMix64(state: 0)
        #expect(sm.next() == 0xe220_a839_7b1d_cdaf)  // SplitMix64's published first output for seed 0
    }

    @Test("known answers: RandomStream(seed: 42)")
    func knownAnswersSeed() {
        var r = RandomStream(seed: 42)
        let expected: [UInt64] = [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1, 0xecb8_ad47_03b3_60a1, 0xfde6_dc7f_e2ec_5e64]
        #expect((0..<5).map { _ in r.next() } == expected)
        var u = RandomStream(seed: 42)
        #expect((0..<3).map { _ in u.nextUniform() } == [0.08386297105988222, 0.37898025066266866, 0.6800434110281395])
        var i = RandomStream(seed: 42)
        #expect((0..<8).map { _ in i.nextInt(below: 10) } == [0, 3, 6, 9, 9, 7, 7, 8])
        var big = RandomStream(seed: 42)
        #expect((0..<3).map { _ in big.nextInt(below: 1_000_000_007) } == [83_862_971, 378_980_253, 680_043_415])
    }

    @Test("known answers: RandomStream(seed: 42, stream: \"arrivals\", replication: 3)")
    func knownAnswersNamed() {
        #expect(RandomStream.derive(seed: 42, stream: "arrivals", replication: 3) == 0xd0e3_2c5e_8735_2725)
        var r = RandomStream(seed: 42, stream: "arrivals", replication: 3)
        let expected: [UInt64] = [0x7e24_d11b_a7b0_55f3, 0xf74a_7b8a_d9b1_5c0d, 0x6701_edd9_a1db_9f84, 0x7138_13e5_7815_696a, 0x86db_7ca2_b20a_abef]
        #expect((0..<5).map { _ in r.next() } == expected)
        var u = RandomStream(seed: 42, stream: "arrivals", replication: 3)
        #expect((0..<3).map { _ in u.nextUniform() } == [0.4927492802159475, 0.9659802640905517, 0.4023731857613328])
    }

    @Test("different names, replications and seeds give different streams")
    func distinctStreams() {
        var firsts = Set<UInt64>()
        var count = 0
        for seed: UInt64 in [0, 1, 42] {
            for name in ["", "arrivals", "arrivals ", "Arrivals", "service.counter", "service.counter2", "patience"] {
                for rep in [0, 1, 2, 1_000, -1] {
                    var r = RandomStream(seed: seed, stream: name, replication: rep)
                    firsts.insert(r.next()); count += 1
                }
            }
        }
        #expect(firsts.count == count)
        var a = RandomStream(seed: 1, stream: "x"), b = RandomStream(seed: 1, stream: "x", replication: 0)
        #expect(a.next() == b.next())
    }

    @Test("two named streams are uncorrelated")
    func uncorrelated() {
        var a = RandomStream(seed: 7, stream: "a"), b = RandomStream(seed: 7, stream: "b")
        let n = 200_000
        var sab = 0.0
        for _ in 0..<n { sab += (a.nextUniform() - 0.5) * (b.nextUniform() - 0.5) }
        let correlation = sab / Double(n) * 12   // Var(U) = 1/12
        #expect(abs(correlation) < 4 / Double(n).squareRoot(), "correlation \(correlation)")
    }

    @Test("nextUniform is strictly inside (0, 1) at the extreme outputs")
    func uniformBounds() {
        // s1 = 0 makes next() return 0; this s1 makes it return 2^64 − 1.
        var low = Self.stream(state: (5, 0, 6, 7))
        #expect(low.nextUniform() == 0x1p-54)
        var high = Self.stream(state: (5, 0x4fc7_1c71_c71c_71c7, 6, 7))
        let u = high.nextUniform()
        #expect(u < 1 && u == 0x1.fffffffffffffp-1, "u = \(u)")
        var r = RandomStream(seed: 3)
        for _ in 0..<100_000 {
            let v = r.nextUniform()
            #expect(v > 0 && v < 1)
        }
    }

    @Test("nextUniform deciles and nextInt(below:) are uniform (chi-square, 10⁶ draws)")
    func uniformity() {
        var r = RandomStream(seed: 11, stream: "uniformity")
        var deciles = [Int](repeating: 0, count: 10), ints = [Int](repeating: 0, count: 7)
        let n = 1_000_000
        for _ in 0..<n {
            deciles[Int(r.nextUniform() * 10)] += 1
            ints[r.nextInt(below: 7)] += 1
        }
        for (counts, k) in [(deciles, 10), (ints, 7)] {
            let fit = pearson(observed: counts, expected: Array(repeating: Double(n) / Double(k), count: k))
            let p = chiSquarePValue(fit.statistic, degreesOfFreedom: k - 1)
            #expect(p >= 0.001, "counts \(counts), χ² = \(fit.statistic), p = \(p)")
        }
        #expect((0..<100).allSatisfy { _ in r.nextInt(below: 1) == 0 })
    }
}
