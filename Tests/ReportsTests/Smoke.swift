import Testing
@testable import Reports

@Test func demoRenders() {
    #expect(!Reports.demoReport(language: .en).isEmpty)
}
