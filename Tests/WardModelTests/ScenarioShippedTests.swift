import Foundation
import SimKernel
import Testing
@testable import WardModel

@Suite("Shipped scenarios")
struct ScenarioShippedTests {
    @Test("every shipped scenario loads, opens with a comment and cites its sources",
          arguments: ScenarioFixtures.shipped)
    func loads(name: String) throws {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path(name))
        #expect(loaded.scenario.name == name)
        #expect(loaded.scenario.description.count > 80, "opening comment missing: \(loaded.scenario.description)")
        #expect(loaded.sources.count >= 5, "sources cited: \(loaded.sources)")
        #expect(loaded.files.last?.hasSuffix(name + ".yaml") == true)
        for office in loaded.scenario.offices {
            let sum = office.hourlyProfile.reduce(0, +)
            #expect(abs(sum - 1) < 1e-12, "hourly profile of \(office.name) sums to \(sum)")
        }
    }

    @Test("canonical text loads back to the same scenario", arguments: ScenarioFixtures.shipped)
    func canonicalRoundTrip(name: String) throws {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path(name))
        let again = try ScenarioLoader.load(yaml: loaded.canonicalText, name: name)
        #expect(again.scenario == loaded.scenario)
        #expect(again.canonicalText == loaded.canonicalText)
    }

    @Test func baselineIsKokurakitaToday() throws {
        let s = try ScenarioLoader.load(path: ScenarioFixtures.path("baseline")).scenario
        #expect(s.offices.map(\.name) == ["小倉北区"])
        let office = s.offices[0]
        #expect(office.population == 177_300)                 // A5
        #expect(office.visitsPerDay == 584)                   // B12
        #expect(office.opens == .clock(8, 30) && office.doorsClose == .clock(17, 15))
        #expect(office.sections.map(\.id) == ["citizen", "insurance", "children"])
        #expect(s.interventions == Interventions())
        #expect(s.calendar.dayFactors[.afterHoliday] == 1.8)  // B4
        let certificate = try #require(s.procedures.first { $0.id == "certificate" })
        #expect(certificate.stages.map(\.kind) == [.write, .counter, .backoffice, .issue])
        #expect(certificate.stages[1].time == .lognormal(mean: 3, sd: 0.8 * 3))
        #expect(certificate.channels.convenienceStore == 0.3)
        #expect(abs(s.visitTypes.reduce(0) { $0 + $1.share } - 1) < 1e-9)
        #expect(s.simulation.days == .single(.ordinary))
    }

    @Test func interventionFilesChangeOnlyWhatTheySay() throws {
        let base = try ScenarioLoader.load(path: ScenarioFixtures.path("baseline")).scenario
        let reservations = try ScenarioLoader.load(path: ScenarioFixtures.path("reservations")).scenario
        #expect(reservations.interventions.reservations?.noShow == 0.1)
        #expect(reservations.interventions.reservations?.lateness == .uniform(min: -10, max: 5))
        // Keyed merge: move_out keeps the baseline's online share and gains a booked one.
        let moveOut = try #require(reservations.procedures.first { $0.id == "move_out" })
        #expect(moveOut.channels.online == 0.1 && moveOut.channels.booked == 0.2)
        #expect(moveOut.stages == base.procedures.first { $0.id == "move_out" }?.stages)
        #expect(reservations.offices[0].sections.allSatisfy { $0.discipline == .bookedFirst })
        #expect(reservations.offices[0].sections.map(\.staff) == base.offices[0].sections.map(\.staff))
        #expect(reservations.procedures.count == base.procedures.count)
        #expect(reservations.visitTypes == base.visitTypes)
    }

    @Test func smartWardOfficeHasEveryReformOnce() throws {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path("smart-ward-office"))
        let i = loaded.scenario.interventions
        #expect(i.reservations != nil && i.noWriting != nil && i.aiAssistant != nil)
        #expect(i.convenienceStore != nil && i.backofficeCentre != nil)
        // baseline is applied once, before the five reforms.
        #expect(loaded.files.map { ($0 as NSString).lastPathComponent } == [
            "baseline.yaml", "reservations.yaml", "no-writing.yaml", "ai-consultation.yaml",
            "convenience-store.yaml", "online-backoffice.yaml", "smart-ward-office.yaml",
        ])
        let mynumber = try #require(loaded.scenario.procedures.first { $0.id == "mynumber_card" })
        #expect(mynumber.channels.booked == 0.2 && mynumber.channels.aiAssistant == 0.2)
    }

    @Test func peakVersionsRaiseSeasonalDemand() throws {
        let base = try ScenarioLoader.load(path: ScenarioFixtures.path("baseline")).scenario
        let peak = try ScenarioLoader.load(path: ScenarioFixtures.path("baseline-peak")).scenario
        let smartPeak = try ScenarioLoader.load(path: ScenarioFixtures.path("smart-ward-office-peak")).scenario
        #expect(peak.simulation.days == .single(.peak) && smartPeak.simulation.days == .single(.peak))
        #expect(peak.calendar.peakSeasonalFactor == 3 && smartPeak.calendar.peakSeasonalFactor == 3)
        #expect(smartPeak.interventions.reservations != nil)
        let staff = { (s: WardScenario) in s.offices[0].sections[0].staff.reduce(0) { $0 + $1.count } }
        #expect(staff(peak) == staff(base) + 6)
        #expect(staff(smartPeak) == staff(base) + 6)
        // Reinforcement works on peak days only; the base roster is kept (keyed merge by name).
        let support = peak.offices[0].sections[0].staff.filter { $0.dayTypes == [.peak] }
        #expect(support.map(\.count) == [3, 3])
        #expect(Array(peak.offices[0].sections[0].staff.prefix(3)) == base.offices[0].sections[0].staff)
        let moveIns = { (s: WardScenario, d: DayType) in
            s.dailyDemand(on: d).first { $0.procedure == "move_in" }!.total
        }
        #expect(abs(moveIns(peak, .peak) - 3 * moveIns(base, .ordinary)) < 1e-9)
    }

    @Test func kitakyushuCityHasTheSevenWards() throws {
        let s = try ScenarioLoader.load(path: ScenarioFixtures.path("kitakyushu-city")).scenario
        #expect(Set(s.offices.map(\.name)) == ["門司区", "小倉北区", "小倉南区", "若松区", "八幡東区", "八幡西区", "戸畑区"])
        #expect(s.offices.reduce(0) { $0 + $1.population } == 912_300)  // A5 projections, 2025
        #expect(s.simulation.days == .fiscalYear)
        for office in s.offices {
            // B12 with 0.8 visits per person and 243 working days.
            let expected = Double(office.population) * 0.8 / 243
            #expect(abs(office.visitsPerDay - expected) <= 0.5, "\(office.name): \(office.visitsPerDay) vs \(expected)")
        }
        // The medium ward is the baseline office with its peak reinforcement.
        let kokurakita = try #require(s.offices.first { $0.name == "小倉北区" })
        let peak = try ScenarioLoader.load(path: ScenarioFixtures.path("baseline-peak")).scenario
        #expect(kokurakita.sections == peak.offices[0].sections)
    }

    @Test func dailyDemandSplitsByChannel() throws {
        let s = try ScenarioLoader.load(path: ScenarioFixtures.path("convenience-store")).scenario
        let row = try #require(s.dailyDemand().first { $0.procedure == "certificate" })
        #expect(abs(row.total - 584 * 0.5) < 1e-9)
        #expect(abs(row.byChannel[.convenienceStore]! - 292 * 0.8 * 0.6) < 1e-9)
        #expect(abs(row.byChannel[.online]! - 292 * 0.03) < 1e-9)
        #expect(abs(row.atCounter - 292 * (1 - 0.48 - 0.03)) < 1e-9)
        let total = row.byChannel.values.reduce(0, +)
        #expect(abs(total - row.total) < 1e-9)
    }
}
