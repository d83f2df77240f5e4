import SimKernel

/// Random numbers for the ward model, keyed so that common random numbers
/// hold up under scenario changes.
///
/// Each named source ("arrivals", "channel", "service.counter", …) gets a
/// base seed from `RandomStream.derive(seed:stream:replication:)`. The base is
/// mixed with the day's ordinal and the office's name key, then — for
/// per-citizen attributes — with the citizen's demand index, and — for a
/// stage time — with (procedure position, stage position, repetition). A
/// citizen's channel, patience or counter time therefore never depends on how
/// many numbers other citizens or other stages drew: removing the write stage
/// (no-writing counters) leaves everyone's counter times unchanged.
///
/// `mix(key, n)` is the n-th output of the SplitMix64 generator seeded with
/// `key` (a step of the golden gamma, then its bijective finaliser): a
/// counter-based generator, so a draw costs one finaliser (~2 ns) and its
/// output is used as the random word directly. Several counters of one
/// draw are packed into one `n` (see `stageCounter`) rather than mixed in
/// one after another.
///
/// ```swift
/// let base = StreamKeys(seed: 1, replication: 0)
/// let day = base.day(ordinal: 3, office: StreamKeys.fnv1a("八幡西区"))
/// let u = StreamKeys.uniform(StreamKeys.mix(day.channel, 17))   // citizen 17's channel draw
/// ```
struct StreamKeys: Sendable {
    var arrivals, visitType, channel, group, patience, balk, absent, rework, lateness, noShow: UInt64
    var write, counter, backoffice, issue, online: UInt64

    init(seed: UInt64, replication: Int) {
        func d(_ name: String) -> UInt64 { RandomStream.derive(seed: seed, stream: name, replication: replication) }
        arrivals = d("arrivals"); visitType = d("visit_type"); channel = d("channel"); group = d("group")
        patience = d("patience"); balk = d("balk"); absent = d("absent"); rework = d("rework")
        lateness = d("lateness"); noShow = d("noshow")
        write = d("service.write"); counter = d("service.counter"); backoffice = d("service.backoffice")
        issue = d("service.issue"); online = d("service.online")
    }

    private init(copying o: StreamKeys, _ f: (UInt64) -> UInt64) {
        arrivals = f(o.arrivals); visitType = f(o.visitType); channel = f(o.channel); group = f(o.group)
        patience = f(o.patience); balk = f(o.balk); absent = f(o.absent); rework = f(o.rework)
        lateness = f(o.lateness); noShow = f(o.noShow)
        write = f(o.write); counter = f(o.counter); backoffice = f(o.backoffice); issue = f(o.issue); online = f(o.online)
    }

    /// The keys of one office on one day.
    func day(ordinal: Int, office: UInt64) -> StreamKeys {
        StreamKeys(copying: self) { StreamKeys.mix(StreamKeys.mix($0, UInt64(bitPattern: Int64(ordinal))), office) }
    }

    /// Position of `kind`'s key in a table of four keys per office (see `WardDay.stageKeys`).
    @inline(__always) static func slot(_ kind: Stage.Kind) -> Int {
        switch kind {
        case .write: return 0
        case .counter: return 1
        case .backoffice: return 2
        case .issue: return 3
        }
    }

    func stageKey(_ kind: Stage.Kind) -> UInt64 {
        switch kind {
        case .write: return write
        case .counter: return counter
        case .backoffice: return backoffice
        case .issue: return issue
        }
    }

    @inline(__always) static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Combines a key with a counter into a new, well-mixed key: the random
    /// word number `n` of the stream `key`.
    @inline(__always) static func mix(_ key: UInt64, _ n: UInt64) -> UInt64 {
        finalize(key &+ 0x9e37_79b9_7f4a_7c15 &* (n &+ 1))
    }

    @inline(__always) static func mix(_ key: UInt64, _ n: Int) -> UInt64 { mix(key, UInt64(bitPattern: Int64(n))) }

    /// A uniform in (0, 1) from a random word (the output of `mix`; not
    /// mixed again). Clamped as `RandomStream.nextUniform` is: the top word
    /// would round to exactly 1.
    @inline(__always) static func uniform(_ word: UInt64) -> Double {
        Swift.min((Double(word >> 11) + 0.5) * 0x1.0p-53, 0x1.fffffffffffffp-1)
    }

    /// The counter of one stage-time draw: demand index (bits 24–55),
    /// procedure position in the bundle (16–23), stage position in the
    /// procedure's route as written (4–15), repetition (0–3). Injective
    /// within the limits scenario checking enforces (at most 64 stages a
    /// procedure, 32 procedures a visit), so no two draws share a word.
    @inline(__always) static func stageCounter(demand: Int32, pos: Int, original: Int, rep: Int) -> UInt64 {
        assert(pos >= 0 && pos < 256 && original >= 0 && original < 4096 && rep >= 0 && rep < 16, "stage counter field out of range")
        return UInt64(UInt32(bitPattern: demand)) << 24 | UInt64(pos) << 16 | UInt64(original) << 4 | UInt64(rep)
    }

    /// The counter of a per-procedure draw (rework): demand index and bundle position.
    @inline(__always) static func procedureCounter(demand: Int32, pos: Int) -> UInt64 {
        UInt64(UInt32(bitPattern: demand)) << 8 | UInt64(UInt8(truncatingIfNeeded: pos))
    }

    /// FNV-1a of a name: stable across runs and platforms.
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
