import ArgumentParser
import Foundation
import MusterApp
import MusterServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web console (and, later, the chat-platform webhooks).",
        discussion: """
            Open http://127.0.0.1:8080 to ask Muster questions in a browser. GET /healthz answers when the process is
            up, /readyz when the store holds posts. POST /api/ask takes {"message": "…", "conversation": "…"}.
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
        try await ConsoleServer(muster: muster, host: host, port: port).run { port in
            print("Muster is serving \(muster.config.organisation.name) at http://\(host):\(port) (Ctrl-C stops it)")
            fflush(nil)
        }
    }
}
