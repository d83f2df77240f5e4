import Testing
@testable import SimKernel

@Test func builds() { #expect(Bool(true)) }
