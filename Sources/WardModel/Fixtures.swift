import SimKernel

extension WardScenario {
    /// A mid-sized Kitakyushu ward office (八幡西区-like, ~600 visits a day
    /// before channel shift) with three sections, for tests and benchmarks
    /// until the shipped YAML scenarios exist. Figures cite
    /// `shared/domain/parameters.md` rows; most service times are GUESSes
    /// shaped by D1–D10.
    ///
    /// ```swift
    /// let sim = try WardSimulator(scenario: .exampleBaseline)
    /// ```
    public static var exampleBaseline: WardScenario {
        WardScenario(
            name: "example-baseline",
            description: "八幡西区-like ward office, ordinary day, no reforms (fixture)",
            simulation: SimulationSettings(seed: 20_260_401, replications: 20, days: .single(.ordinary)),
            calendar: WardCalendar(),
            procedures: exampleProcedures,
            visitTypes: exampleVisitTypes,
            offices: [exampleOffice(name: "八幡西区", population: 247_500, scale: 1)],
            behaviour: exampleBehaviour)
    }

    /// All seven Kitakyushu wards (A5 populations), each a scaled copy of the
    /// `exampleBaseline` office: the shape of a city-wide year run.
    public static var exampleCity: WardScenario {
        var s = exampleBaseline
        s.name = "example-city"
        s.description = "Seven Kitakyushu ward offices scaled by population (fixture)"
        let wards: [(String, Int)] = [
            ("八幡西区", 247_500), ("小倉南区", 207_000), ("小倉北区", 177_300), ("門司区", 87_700),
            ("若松区", 76_900), ("八幡東区", 61_800), ("戸畑区", 54_100),
        ]
        s.offices = wards.map { exampleOffice(name: $0.0, population: $0.1, scale: Double($0.1) / 247_500) }
        return s
    }

    static func ln(_ mean: Double, _ sd: Double) -> Distribution { .lognormal(mean: mean, sd: sd) }

    static var exampleProcedures: [Procedure] {
        [
            // D1/D2: 10 min at the counter before 書かない; split reception / print / hand-over. E5: 25 % convenience store.
            Procedure(id: "certificate", name: "住民票の写し等", section: "shimin",
                      stages: [Stage(kind: .write, time: ln(4, 2.5)), Stage(kind: .counter, time: ln(2.5, 1.5)),
                               Stage(kind: .backoffice, time: ln(3, 1.5)), Stage(kind: .issue, time: ln(1.5, 0.8))],
                      rework: 0.05, fee: 300, channels: ChannelShares(convenienceStore: 0.25)),
            // D3–D5: notifications 45–54 min in the office, ~20 min handling at peak.
            Procedure(id: "move_in", name: "転入届", section: "shimin",
                      stages: [Stage(kind: .write, time: ln(8, 4)), Stage(kind: .counter, time: ln(15, 9)),
                               Stage(kind: .backoffice, time: ln(10, 5)), Stage(kind: .issue, time: ln(4, 2))],
                      rework: 0.10, seasonal: true),
            // E12: online move-out via マイナポータル since 2023.
            Procedure(id: "move_out", name: "転出届", section: "shimin",
                      stages: [Stage(kind: .write, time: ln(5, 2.5)), Stage(kind: .counter, time: ln(7, 4)),
                               Stage(kind: .backoffice, time: ln(5, 3)), Stage(kind: .issue, time: ln(2, 1))],
                      rework: 0.06, seasonal: true, channels: ChannelShares(online: 0.15)),
            Procedure(id: "mynumber_card", name: "マイナンバーカード交付", section: "shimin",
                      stages: [Stage(kind: .counter, time: ln(12, 6))]),
            Procedure(id: "insurance", name: "国民健康保険の加入", section: "hoken",
                      stages: [Stage(kind: .write, time: ln(5, 2.5)), Stage(kind: .counter, time: ln(12, 7)),
                               Stage(kind: .backoffice, time: ln(8, 4)), Stage(kind: .issue, time: ln(3, 1.5))],
                      rework: 0.05),
            Procedure(id: "child_allowance", name: "児童手当", section: "kodomo",
                      stages: [Stage(kind: .write, time: ln(6, 3)), Stage(kind: .counter, time: ln(15, 8))],
                      rework: 0.08, channels: ChannelShares(online: 0.10), onlineWork: ln(10, 5)),
            Procedure(id: "consultation", name: "子育て・福祉の相談", section: "kodomo",
                      stages: [Stage(kind: .counter, time: ln(20, 14))]),
        ]
    }

    /// §3 mix: certificates 60–70 %, moves 20–25 %, MyNumber 10–15 % (GUESS), spread over three sections.
    static var exampleVisitTypes: [VisitType] {
        [
            VisitType(id: "certificate", procedures: ["certificate"], share: 0.50),
            VisitType(id: "move_in", procedures: ["move_in"], share: 0.06),
            VisitType(id: "move_in_insurance", procedures: ["move_in", "insurance"], share: 0.04),
            VisitType(id: "move_in_family", procedures: ["move_in", "insurance", "child_allowance"], share: 0.03),
            VisitType(id: "move_out", procedures: ["move_out"], share: 0.06),
            VisitType(id: "mynumber_card", procedures: ["mynumber_card"], share: 0.13),
            VisitType(id: "insurance", procedures: ["insurance"], share: 0.09),
            VisitType(id: "child_allowance", procedures: ["child_allowance"], share: 0.04),
            VisitType(id: "consultation", procedures: ["consultation"], share: 0.05),
        ]
    }

    static var exampleBehaviour: Behaviour {
        var b = Behaviour()
        b.balkThreshold = 40
        b.balkProbability = 0.3          // G5 GUESS
        b.patience = ln(120, 60)         // G5 GUESS
        b.absentWhenCalled = 0.02
        b.absentCallTime = .seconds(30)
        return b
    }

    /// C3 hourly shares re-cut to hours from 08:30 (half of each clock hour
    /// to each side; the 18時 extension share is dropped).
    static let exampleHourlyProfile: [Double] = [10.6, 14.75, 14.55, 10.65, 10.25, 12.15, 11.25, 8.9, 6.6]

    static func shifts(_ pairs: [(Int, Int, Int, Int)]) -> [Shift] {
        pairs.map { Shift(from: .clock($0.0, $0.1), to: .clock($0.2, $0.3)) }
    }

    /// One office; staff and counters × `scale` (a reinforcement or specialist
    /// group may round to nobody, the full-day groups keep at least one).
    static func exampleOffice(name: String, population: Int, scale f: Double) -> Office {
        func n(_ x: Int, keep: Bool = true) -> Int { max(keep ? 1 : 0, Int((Double(x) * f).rounded())) }
        // Lunch rotation (C5: staff reduced 11:30–14:30): two halves an hour apart.
        let early = shifts([(8, 30, 11, 45), (12, 45, 17, 15)])
        let late = shifts([(8, 30, 12, 45), (13, 45, 17, 15)])
        let shimin = Section(
            id: "shimin", name: "市民課", counters: max(2, n(9)),
            staff: [
                StaffGroup(name: "市民課 A", count: n(3), shifts: early),
                StaffGroup(name: "市民課 B", count: n(3), shifts: late),
                StaffGroup(name: "市民課 応援 (peak hours)", count: n(2, keep: false), shifts: shifts([(9, 30, 15, 30)])),
                StaffGroup(name: "マイナンバー担当", count: n(1, keep: false), skills: ["mynumber_card"],
                           shifts: shifts([(8, 30, 12, 0), (13, 0, 17, 15)])),
            ],
            backofficeStaff: [
                StaffGroup(name: "市民課 審査 A", count: n(3), shifts: early),
                StaffGroup(name: "市民課 審査 B", count: n(2), shifts: late),
            ])
        let hoken = Section(
            id: "hoken", name: "保険年金課", counters: max(2, n(4)),
            staff: [
                StaffGroup(name: "保険年金課 A", count: n(2), shifts: early),
                StaffGroup(name: "保険年金課 B", count: n(2), shifts: late),
            ],
            backofficeStaff: [
                StaffGroup(name: "保険年金課 審査", count: n(2), shifts: shifts([(8, 30, 12, 0), (13, 0, 17, 15)])),
            ])
        let kodomo = Section(
            id: "kodomo", name: "子ども・家庭課", counters: max(2, n(4)),
            staff: [
                StaffGroup(name: "子ども・家庭課 A", count: n(2), shifts: early),
                StaffGroup(name: "子ども・家庭課 B", count: n(2), shifts: late),
            ],
            backofficeStaff: [
                StaffGroup(name: "子ども・家庭課 審査", count: n(1), shifts: shifts([(8, 30, 12, 0), (13, 0, 17, 15)])),
            ])
        return Office(
            name: name, population: population, visitsPerDay: 600 * f,
            hourlyProfile: exampleHourlyProfile, groupSize: [0.8, 0.15, 0.05],
            lobbySeats: max(20, n(120)), sections: [shimin, hoken, kodomo])
    }
}
