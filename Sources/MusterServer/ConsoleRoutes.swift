import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MusterApp
import MusterBot
import MusterCore
import NIOCore

/// The web console: the page at `/` and its JSON endpoint, behind `ConsoleGate`.
enum ConsoleRoutes {
    /// The largest question body accepted; a question is a line of text.
    static let maximumBodySize = 16 * 1024

    static func add(to router: Router<BasicRequestContext>, muster: Muster, gate: ConsoleGate) {
        router.get("/") { request, _ -> Response in
            let caller: ConsoleGate.Caller?
            do {
                caller = try await gate.caller(of: request)
            } catch {
                return HealthRoutes.text("Muster could not read its sessions: \(error)\n", status: .serviceUnavailable)
            }
            guard let caller else { return redirect(to: "/login") }
            let html = ConsolePage.html(csrfToken: caller.csrfToken, signedIn: caller.tokenHash == nil ? nil : caller.speaker)
            return Response(status: .ok, headers: page, body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.post("/api/ask") { request, _ -> Response in
            let speaker: Speaker
            switch await gate.authorise(request, requireJSON: true) {
            case .refused(let refusal): return refusal
            case .passed(let caller): speaker = caller.speaker
            }
            var request = request
            guard let body = try? await request.collectBody(upTo: maximumBodySize) else {
                return problem("The request body is over \(maximumBodySize) bytes.", status: .contentTooLarge)
            }
            let question: Question
            switch Question.parse(Data(buffer: body)) {
            case .refused(let refusal): return refusal
            case .passed(let parsed): question = parsed
            }
            do {
                return try await Blocking.run { answer(question, muster: muster, speaker: speaker) }
            } catch {
                return problem("Muster is shutting down and could not answer: \(error)", status: .serviceUnavailable)
            }
        }
    }

    /// A question from the page: `{"message": "…", "conversation": "…"}`.
    struct Question: Sendable {
        var message: String
        var conversation: String

        /// The question, or a 400 that says what to send.
        static func parse(_ body: Data) -> Checked<Question> {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                return .refused(problem("Send JSON: {\"message\": \"what are people saying about bins in Ward 4?\"}", status: .badRequest))
            }
            guard let message = (object["message"] as? String)?.trimmed, !message.isEmpty else {
                return .refused(problem("The JSON needs a non-empty \"message\".", status: .badRequest))
            }
            let conversation = (object["conversation"] as? String).map { "console:\($0.prefix(64))" } ?? "console"
            return .passed(Question(message: message, conversation: conversation))
        }
    }

    /// Audits the question, then answers it: `{"title", "text", "html"}`. Blocks (the audit may wait for the write
    /// lock, the answer reads the store), so it runs off the event loop. A question is never answered unaudited:
    /// when the audit cannot be written the request fails with 503 and the bot is not asked.
    static func answer(_ question: Question, muster: Muster, speaker: Speaker) -> Response {
        do {
            try muster.auditConsole(speaker.name, "ask", String(question.message.prefix(500)))
        } catch {
            return problem("Muster could not record this question in its audit log, so it was not answered: \(error)", status: .serviceUnavailable)
        }
        let reply = muster.bot.respond(to: question.message, in: question.conversation, from: speaker)
        return json(["title": reply.title, "text": TextRenderer().render(reply), "html": HTMLRenderer().render(reply)], status: .ok)
    }

    static func problem(_ message: String, status: HTTPResponse.Status) -> Response {
        json(["error": message], status: status)
    }

    static func json(_ object: [String: String], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A 303 to `path`: after a form's POST the browser GETs it.
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }

    /// Headers for a page that holds a session's token: never cached, never framed by another site.
    static let page: HTTPFields = [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("Content-Security-Policy")!: "frame-ancestors 'none'",
    ]
}
