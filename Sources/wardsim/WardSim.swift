import ArgumentParser

/// `wardsim`: thin command line over the layers below. Each subcommand lives
/// in its own file (`<Name>Command.swift`).
@main
struct WardSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wardsim",
        abstract: "Discrete-event simulation of ward-office counters for business-process reform.",
        subcommands: [
            RunCommand.self,
            CompareCommand.self,
            SweepCommand.self,
            ValidateCommand.self,
            CheckCommand.self,
            RunsCommand.self,
            ComparisonsCommand.self,
            ShowCommand.self,
            ExportCommand.self,
            MergeCommand.self,
            ReportCommand.self,
        ])
}
