import Testing
@testable import Validation

@Test func builds() { #expect(Bool(true)) }
