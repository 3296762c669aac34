import Foundation
import MusterBot
import MusterConfig
import MusterCore

/// Muster's own JSON webhook, for tools that are not chat platforms (an intranet, a ticketing system).
///
/// Requests are signed as Slack's are, with version `v1`: `X-Muster-Timestamp` and
/// `X-Muster-Signature: v1=<hex HMAC-SHA256(secret, "v1:" + timestamp + ":" + body)>`. See docs/chat-platforms.md.
public struct WebhookAdapter: ChatAdapter {
    /// How long a request waits for its answer before a 202.
    public static let budget = Duration.seconds(10)

    public let platform = ChatPlatform.webhook
    private let signature: RequestSignature.Timestamped?
    private let desk: ChatDesk
    private let clock: any Clock

    /// Creates the adapter; its endpoint is off without `MUSTER_WEBHOOK_SECRET`.
    public init(secrets: ChatSecrets, desk: ChatDesk, clock: any Clock) {
        signature = secrets.webhookSecret.map { RequestSignature.Timestamped(version: "v1", secret: $0) }
        self.desk = desk
        self.clock = clock
    }

    public var endpoints: [ChatEndpoint] {
        [.on("/webhook", signature == nil ? nil : message, missing: "The webhook is not set up on this server: set MUSTER_WEBHOOK_SECRET.")]
    }

    /// `POST /webhook`.
    func message(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            guard let signature else { throw ChatRejection(status: 404, "The webhook is not set up on this server.") }
            try signature.verify(timestamp: request.header("X-Muster-Timestamp"), signature: request.header("X-Muster-Signature"), body: request.body, now: clock.now)
            let json = try JSONFields(request.body)
            let message = try Self.message(from: json)
            let replyURL = webURL(json.string("reply_url"))
            return await desk.respond(to: message, from: message.reference(replyURL: replyURL, at: clock.now), within: Self.budget, answers: ChatDesk.Answers(
                answered: { .json(Self.body($0)) },
                deferred: .json(["status": "deferred", "detail": replyURL == nil ? "The answer took too long; ask again shortly." : "The answer will be posted to reply_url."], status: 202),
                refused: { .json(["error": $0], status: 403) },
                repeated: .json(["status": "repeated"], status: 200)
            ))
        }
    }

    /// The question in a request's JSON.
    package static func message(from json: JSONFields) throws(ChatRejection) -> ChatMessage {
        guard let text = json.string("message")?.trimmed, !text.isEmpty else { throw .malformed("The JSON needs a non-empty \"message\".") }
        guard let workspace = json.string("workspace"), let user = json.string("user", "id") else {
            throw .malformed("The JSON needs \"workspace\" and \"user\": {\"id\": …}.")
        }
        let channel = json.string("channel") ?? "default"
        return ChatMessage(
            platform: .webhook, workspace: workspace, channel: channel, userID: user, userName: json.string("user", "name") ?? user,
            text: text, conversation: "webhook:\(workspace):\(json.string("conversation") ?? channel)", deliveryID: json.string("id")
        )
    }

    /// The documented reply shape: the answer as plain text, Markdown and HTML, plus its facts, posts and suggestions.
    static func body(_ reply: Reply) -> [String: Any] {
        let posts: [[String: Any]] = reply.sections.flatMap(\.items).compactMap {
            guard case .post(let post) = $0 else { return nil }
            var entry: [String: Any] = ["number": post.number, "author": post.author, "text": post.text, "time": post.time]
            if let url = post.url { entry["url"] = url }
            return entry
        }
        return [
            "title": reply.title, "text": TextRenderer().render(reply), "markdown": MarkdownRenderer().render(reply),
            "html": HTMLRenderer().render(reply), "facts": reply.facts.map { ["label": $0.label, "value": $0.value] },
            "posts": posts, "suggestions": reply.suggestions,
        ]
    }
}

extension WebhookAdapter {
    /// Headers that sign an outbox message for the generic webhook's `reply_url` as the webhook's own requests are
    /// signed, so the receiving tool can check the answer came from Muster.
    static func signingHeaders(for message: OutboxMessage, secret: String, at now: Date) -> [String: String] {
        let timestamp = String(Int(now.timeIntervalSince1970))
        let signature = RequestSignature.Timestamped(version: "v1", secret: secret).signature(timestamp: timestamp, body: Data(message.body.utf8))
        return ["X-Muster-Timestamp": timestamp, "X-Muster-Signature": signature]
    }
}
