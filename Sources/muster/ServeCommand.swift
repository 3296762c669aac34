import ArgumentParser
import Foundation
import MusterApp
import MusterServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the chat-platform webhooks, the web console, health checks and metrics, and deliver the outbox.",
        discussion: """
            Open http://127.0.0.1:8080 to ask Muster questions in a browser. Slack (/slack/events, /slack/commands),
            Teams (/teams/messages), Mattermost (/mattermost/webhook, /mattermost/command) and the generic webhook
            (/webhook) are switched on by their secrets in the environment: see docs/chat-platforms.md.
            GET /healthz answers when the process is up, /readyz when the store holds posts, /metrics for Prometheus.
            Bound to localhost unless --host says otherwise: the console has no sign-in.
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    func run() async throws {
        try await Self.serve(try options.open(), host: host, port: port)
    }

    /// Serves `muster`, printing where once it listens.
    static func serve(_ muster: Muster, host: String, port: Int) async throws {
        let server = MusterServer(muster: muster, host: host, port: port)
        try await server.run { port in
            let platforms = server.enabledPlatforms.isEmpty ? "no chat platforms set up" : "chat: " + server.enabledPlatforms.joined(separator: ", ")
            print("Muster is serving \(muster.config.organisation.name) at http://\(host):\(port) (\(platforms); Ctrl-C stops it)")
            fflush(nil)
        }
    }
}
