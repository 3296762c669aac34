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

            The console asks people to sign in (at /login) once any account exists: add the first with
            `muster users add NAME --role admin`. With no accounts it is open on 127.0.0.1 only, for the demo, and
            `muster serve --host 0.0.0.0` refuses to start until an account exists (or with --no-console, which
            serves only the chat webhooks and health checks). Behind a TLS proxy, have it send
            X-Forwarded-Proto: https (or set MUSTER_CONSOLE_SECURE_COOKIE=1) so the session cookie is Secure.
            Sessions end after MUSTER_CONSOLE_SESSION_HOURS (12) unused. Single sign-on through the organisation's
            identity provider (OpenID Connect, e.g. Entra ID) is switched on by MUSTER_OIDC_ISSUER with
            MUSTER_OIDC_CLIENT_ID and MUSTER_PUBLIC_URL (see the README); then everyone signs in, on any address.

            Examples:
              muster serve
              muster users add priya --role admin && muster serve --host 0.0.0.0
              muster serve --host 0.0.0.0 --no-console
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Flag(help: "Serve only the chat webhooks, health checks and metrics: no web console, so no accounts are needed.")
    var noConsole = false

    func run() async throws {
        try await Self.serve(try options.open(), host: host, port: port, console: !noConsole)
    }

    /// Serves `muster`, printing where once it listens; exits non-zero when the console would be open to the network.
    static func serve(_ muster: Muster, host: String, port: Int, console: Bool = true) async throws {
        let server = MusterServer(muster: muster, host: host, port: port, console: console)
        do {
            try server.checkConsoleIsSafe()
        } catch {
            throw Failure.report(error)
        }
        try await server.run { port in
            let platforms = server.enabledPlatforms.isEmpty ? "no chat platforms set up" : "chat: " + server.enabledPlatforms.joined(separator: ", ")
            print("Muster is serving \(muster.config.organisation.name) at http://\(host):\(port) (\(platforms); Ctrl-C stops it)")
            fflush(nil)
        }
    }
}
