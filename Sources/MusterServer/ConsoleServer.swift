import Foundation
import Hummingbird
import MusterApp
import MusterBot
import MusterCore
import NIOCore

/// `muster serve`: the web console at `/` for trying Muster without a chat workspace, its JSON endpoint, and health
/// checks. Bound to localhost by default; the chat-platform webhooks join it later.
public struct ConsoleServer: Sendable {
    /// The largest request body accepted; a question is a line of text.
    public static let maximumBodySize = 16 * 1024

    private let muster: Muster
    private let host: String
    private let port: Int

    /// Creates a server for `muster` on `host:port` (port 0 picks a free one).
    public init(muster: Muster, host: String = "127.0.0.1", port: Int = 8080) {
        self.muster = muster
        self.host = host
        self.port = port
    }

    /// Serves until the process is asked to stop (SIGINT or SIGTERM), then shuts down gracefully.
    ///
    /// - Parameter onRunning: called with the port once the server is listening.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        let muster = self.muster
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: ConsolePage.html)))
        }
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            let ready = (try? muster.store.latestPostTime()) != nil
            return Self.text(ready ? "ready\n" : "not ready: the store holds no posts\n", status: ready ? .ok : .serviceUnavailable)
        }
        router.post("/api/ask") { request, _ -> Response in
            var request = request
            guard let body = try? await request.collectBody(upTo: Self.maximumBodySize) else {
                return Self.problem("The request body is over \(Self.maximumBodySize) bytes.", status: .contentTooLarge)
            }
            return Self.answer(Data(buffer: body), muster: muster)
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "Muster"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) }
        )
        try await app.runService()
    }

    /// `{"message": "…", "conversation": "…"}` → `{"title", "text", "html"}`; anything else gets a 400 that says why.
    static func answer(_ body: Data, muster: Muster) -> Response {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return problem("Send JSON: {\"message\": \"what are people saying about bins in Ward 4?\"}", status: .badRequest)
        }
        guard let message = (object["message"] as? String)?.trimmed, !message.isEmpty else {
            return problem("The JSON needs a non-empty \"message\".", status: .badRequest)
        }
        let conversation = (object["conversation"] as? String).map { "console:\($0.prefix(64))" } ?? "console"
        let reply = muster.bot.respond(to: message, in: conversation, from: .console)
        return json(["title": reply.title, "text": TextRenderer().render(reply), "html": HTMLRenderer().render(reply)], status: .ok)
    }

    static func problem(_ message: String, status: HTTPResponse.Status) -> Response {
        json(["error": message], status: status)
    }

    static func json(_ object: [String: String], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
