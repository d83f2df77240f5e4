import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the simulation kernel against exact queueing-theory results.")

    func run() throws {
        throw ValidationError("not implemented yet")
    }
}
