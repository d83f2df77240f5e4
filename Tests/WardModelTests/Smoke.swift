import Testing
@testable import WardModel

@Test func builds() { #expect(Bool(true)) }
