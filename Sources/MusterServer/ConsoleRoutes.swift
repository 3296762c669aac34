import Foundation
import Hummingbird
import MusterApp
import MusterBot
import MusterCore
import NIOCore

/// The web console: the page at `/` and its JSON endpoint.
enum ConsoleRoutes {
    /// The largest question body accepted; a question is a line of text.
    static let maximumBodySize = 16 * 1024

    static func add(to router: Router<BasicRequestContext>, muster: Muster, speaker: Speaker) {
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: ConsolePage.html)))
        }
        router.post("/api/ask") { request, _ -> Response in
            var request = request
            guard let body = try? await request.collectBody(upTo: maximumBodySize) else {
                return problem("The request body is over \(maximumBodySize) bytes.", status: .contentTooLarge)
            }
            return answer(Data(buffer: body), muster: muster, speaker: speaker)
        }
    }

    /// `{"message": "…", "conversation": "…"}` → `{"title", "text", "html"}`; anything else gets a 400 that says why.
    static func answer(_ body: Data, muster: Muster, speaker: Speaker) -> Response {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return problem("Send JSON: {\"message\": \"what are people saying about bins in Ward 4?\"}", status: .badRequest)
        }
        guard let message = (object["message"] as? String)?.trimmed, !message.isEmpty else {
            return problem("The JSON needs a non-empty \"message\".", status: .badRequest)
        }
        let conversation = (object["conversation"] as? String).map { "console:\($0.prefix(64))" } ?? "console"
        try? muster.store.audit(AuditEntry(at: muster.clock.now, user: speaker.name, channel: "console", action: "ask", detail: String(message.prefix(500))))
        let reply = muster.bot.respond(to: message, in: conversation, from: speaker)
        return json(["title": reply.title, "text": TextRenderer().render(reply), "html": HTMLRenderer().render(reply)], status: .ok)
    }

    static func problem(_ message: String, status: HTTPResponse.Status) -> Response {
        json(["error": message], status: status)
    }

    static func json(_ object: [String: String], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Speaker {
    /// Someone using a console served beyond localhost: it has no sign-in, so it may ask and mark posts handled,
    /// but not set rumour status.
    static let remoteConsole = Speaker(name: "web console", role: .officer, channel: "console")
}
