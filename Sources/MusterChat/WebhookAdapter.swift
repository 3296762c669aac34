import Foundation
import MusterBot
import MusterConfig
import MusterCore

/// Muster's own JSON webhook, for tools that are not chat platforms (an intranet, a ticketing system).
///
/// Requests are signed as Slack's are, with version `v1`: `X-Muster-Timestamp` and
/// `X-Muster-Signature: v1=<hex HMAC-SHA256(secret, "v1:" + timestamp + ":" + body)>`. See docs/chat-platforms.md.
public struct WebhookAdapter: Sendable {
    /// How long a request waits for its answer before a 202.
    public static let budget = Duration.seconds(10)

    private let signature: RequestSignature.Timestamped
    private let desk: ChatDesk
    private let clock: any Clock

    /// Creates the adapter.
    public init(secret: String, desk: ChatDesk, clock: any Clock) {
        signature = RequestSignature.Timestamped(version: "v1", secret: secret)
        self.desk = desk
        self.clock = clock
    }

    /// `POST /webhook`.
    public func message(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            try signature.verify(timestamp: request.header("X-Muster-Timestamp"), signature: request.header("X-Muster-Signature"), body: request.body, now: clock.now)
            let json = try JSONFields(request.body)
            let message = try Self.message(from: json)
            let (workspace, channel) = (message.workspace, message.channel)
            let replyURL = json.string("reply_url")
            let now = clock.now
            let outcome = await desk.handle(message, within: Self.budget) { reply in
                guard let replyURL = webURL(replyURL) else { return nil }
                return OutboxMessage(platform: "webhook", destination: replyURL, label: "answer to \(message.userName) in \(workspace)/\(channel)", body: jsonText(Self.body(reply)), at: now)
            }
            switch outcome {
            case .answered(let reply): return .json(Self.body(reply))
            case .deferred: return .json(["status": "deferred", "detail": replyURL == nil ? "The answer took too long; ask again shortly." : "The answer will be posted to reply_url."], status: 202)
            case .refused(let reason): return .json(["error": reason], status: 403)
            case .repeated: return .json(["status": "repeated"], status: 200)
            }
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
    /// signed, so the receiving tool can check the answer came from Muster; nothing for other platforms.
    public static func signingHeaders(secret: String?, now: @escaping @Sendable () -> Date = { Date() }) -> @Sendable (OutboxMessage) -> [String: String] {
        { message in
            guard message.platform == ChatPlatform.webhook.rawValue, let secret else { return [:] }
            let timestamp = String(Int(now().timeIntervalSince1970))
            let signature = RequestSignature.Timestamped(version: "v1", secret: secret).signature(timestamp: timestamp, body: Data(message.body.utf8))
            return ["X-Muster-Timestamp": timestamp, "X-Muster-Signature": signature]
        }
    }
}
