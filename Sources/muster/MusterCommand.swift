import ArgumentParser

@main
struct MusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "muster",
        abstract: "Ask what the public and the media are saying, in plain English.",
        discussion: """
            Muster watches monitored social-media and news posts for a public body and answers questions about them.
            With no config it runs on the demo council, Northbridge: try `muster demo`.
            """,
        subcommands: [
            AskCommand.self, ChatCommand.self, IngestCommand.self, DemoCommand.self, IntentsCommand.self, ReplayCommand.self,
            RecordCommand.self, EvalCommand.self, ServeCommand.self, PostCommand.self, OutboxCommand.self, GenerateCommand.self,
            PruneCommand.self, ForgetAuthorCommand.self, ExportAuthorCommand.self, MigrateStoreCommand.self, UsersCommand.self, SourcesCommand.self,
            TeamsPackageCommand.self,
        ]
    )
}
