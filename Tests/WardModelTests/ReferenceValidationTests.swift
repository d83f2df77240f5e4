import Testing
import SimKernel
@testable import WardModel

@Suite("Scenario reference validation")
struct ReferenceValidationTests {
    func problems(_ s: WardScenario) -> [ScenarioProblem] {
        do { _ = try s.validateReferences(); return [] } catch { return error.problems }
    }

    @Test("The fixtures are valid")
    func fixturesValid() throws {
        #expect(try WardScenario.exampleBaseline.validateReferences().isEmpty)
        #expect(try WardScenario.exampleCity.validateReferences().isEmpty)
    }

    @Test("Unknown section and procedure ids are named with their key path")
    func unknownIds() {
        var s = WardScenario.exampleBaseline
        s.procedures[1].section = "shimim"
        s.visitTypes[0].procedures = ["certificat"]
        s.offices[0].sections[0].staff[3].skills = ["mynumber"]
        let p = problems(s)
        #expect(p.contains { $0.path == "procedures[1].section" && $0.message.contains("'shimim'") && $0.message.contains("did you mean 'shimin'") }, "\(p)")
        #expect(p.contains { $0.path == "visitTypes[0].procedures[0]" && $0.message.contains("did you mean 'certificate'") }, "\(p)")
        #expect(p.contains { $0.path.hasPrefix("offices[0].sections[0].staff[") && $0.path.hasSuffix(".skills[0]") }, "\(p)")
    }

    @Test("Channel shares above 1, shares of visit types, counters without staff")
    func sharesAndStaff() {
        var s = WardScenario.exampleBaseline
        s.procedures[0].channels = ChannelShares(booked: 0.5, online: 0.3, convenienceStore: 0.3)
        s.visitTypes[0].share = 0.6
        s.offices[0].sections[2].staff = []
        let p = problems(s)
        #expect(p.contains { $0.path == "procedures[0].channels" && $0.message.contains("1.1") }, "\(p)")
        #expect(p.contains { $0.path == "visitTypes" && $0.message.contains("1.1") }, "\(p)")
        #expect(p.contains { $0.path == "offices[0].sections[2].staff" && $0.message.contains("no staff hours") }, "\(p)")
    }

    @Test("Nobody on duty at closing for a procedure is an error")
    func closingCover() {
        var s = WardScenario.exampleBaseline
        for g in s.offices[0].sections[1].staff.indices {
            s.offices[0].sections[1].staff[g].shifts = [Shift(from: .clock(8, 30), to: .clock(16, 0))]
        }
        let p = problems(s)
        #expect(p.contains { $0.path == "offices[0].sections[1].staff" && $0.message.contains("doors close") && $0.message.contains("insurance") }, "\(p)")
    }

    @Test("Convenience-store share from ownership × uptake counts against the total")
    func convenienceAfterIntervention() {
        var s = WardScenario.exampleBaseline
        s.procedures[0].channels.online = 0.6
        var cs = ConvenienceStoreIssuance()
        cs.cardOwnership = 0.9; cs.uptake = 0.6   // 0.54 + 0.6 online > 1
        s.interventions.convenienceStore = cs
        #expect(problems(s).contains { $0.path == "procedures[0].channels" }, "\(problems(s))")
    }

    @Test("Booked share without reservation settings is a warning, not an error")
    func warnings() throws {
        var s = WardScenario.exampleBaseline
        s.procedures[1].channels.booked = 0.2
        let w = try s.validateReferences()
        #expect(w.contains { $0.path == "procedures[1].channels.booked" })
    }
}
