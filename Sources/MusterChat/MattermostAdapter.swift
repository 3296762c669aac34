import Foundation
import MusterBot
import MusterConfig
import MusterCore

/// Mattermost outgoing webhooks and slash commands, checked by their tokens (Mattermost signs nothing).
///
/// Webhook answers reply in the thread (`response_type: comment`); Mattermost waits 30 seconds by default, so the
/// answer is given in the response unless it takes over 20, when it follows through the incoming webhook. Slash
/// commands wait two and a half seconds, then answer through `response_url`.
public struct MattermostAdapter: Sendable {
    /// How long a webhook message waits for its answer.
    public static let webhookBudget = Duration.seconds(20)
    /// How long a slash command waits for its answer.
    public static let commandBudget = Duration.milliseconds(2500)

    private let webhookToken: String?
    private let commandToken: String?
    private let desk: ChatDesk
    private let clock: any Clock
    private let incoming: String?
    private let renderer = MarkdownRenderer()

    /// Creates the adapter; either token may be missing, which switches that entry point off.
    ///
    /// - Parameter incoming: the outbox destination for late answers (`env:MUSTER_MATTERMOST_WEBHOOK_URL`), if set.
    public init(webhookToken: String?, commandToken: String?, desk: ChatDesk, clock: any Clock, incoming: String?) {
        self.webhookToken = webhookToken
        self.commandToken = commandToken
        self.desk = desk
        self.clock = clock
        self.incoming = incoming
    }

    /// `POST /mattermost/webhook`: form-encoded or JSON, with the token in the body.
    public func webhook(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            guard let webhookToken else { throw ChatRejection(status: 404, "Mattermost webhooks are not set up: set MUSTER_MATTERMOST_TOKEN.") }
            let fields = try Self.webhookFields(request.body, mediaType: request.mediaType)
            guard let token = fields("token"), RequestSignature.constantTimeEqual(token, webhookToken) else {
                throw ChatRejection.unauthorised("The webhook token does not match.")
            }
            let message = try Self.message(fromWebhook: fields)
            let incoming = self.incoming
            let renderer = self.renderer
            let now = clock.now
            let outcome = await desk.handle(message, within: Self.webhookBudget) { reply in
                incoming.map {
                    var body: [String: Any] = ["text": renderer.render(reply)]
                    if let channel = message.channelName { body["channel"] = channel }
                    return OutboxMessage(platform: "mattermost", destination: $0, label: "answer to \(message.userName) in \(message.channelName ?? message.channel)", body: jsonText(body), at: now)
                }
            }
            switch outcome {
            case .answered(let reply): return .json(["text": renderer.render(reply), "response_type": "comment"])
            case .deferred: return .json(["text": "Still working on that: the answer will follow in this channel.", "response_type": "comment"])
            case .refused(let reason): return .json(["text": MarkupStyle.markdown.escape(reason), "response_type": "comment"])
            case .repeated: return .json([String: String]())
            }
        }
    }

    /// `POST /mattermost/command`: form-encoded, with `Authorization: Token <token>`.
    public func command(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            guard let commandToken else { throw ChatRejection(status: 404, "Mattermost slash commands are not set up: set MUSTER_MATTERMOST_COMMAND_TOKEN.") }
            let presented = request.header("Authorization").flatMap { $0.hasPrefix("Token ") ? String($0.dropFirst(6)) : nil }
            guard let presented, RequestSignature.constantTimeEqual(presented, commandToken) else {
                throw ChatRejection.unauthorised("The slash command token does not match.")
            }
            let form = try FormFields(request.body)
            let message = try Self.message(fromCommand: form)
            let responseURL = form["response_url"]
            let renderer = self.renderer
            let now = clock.now
            let outcome = await desk.handle(message, within: Self.commandBudget) { reply in
                guard let responseURL = webURL(responseURL) else { return nil }
                return OutboxMessage(platform: "mattermost", destination: responseURL, label: "answer to \(message.userName)'s \(form["command"] ?? "command") in \(message.channelName ?? message.channel)",
                                     body: jsonText(["text": renderer.render(reply), "response_type": "in_channel"]), at: now)
            }
            switch outcome {
            case .answered(let reply): return .json(["text": renderer.render(reply), "response_type": "in_channel"])
            case .deferred: return .json(["text": "Working on it: the answer will follow here in a moment.", "response_type": "ephemeral"])
            case .refused(let reason): return .json(["text": MarkupStyle.markdown.escape(reason), "response_type": "ephemeral"])
            case .repeated: return .json([String: String]())
            }
        }
    }

    /// An outgoing webhook's fields by name, from its body: JSON when the request says so, else a form.
    package static func webhookFields(_ body: Data, mediaType: String) throws(ChatRejection) -> (String) -> String? {
        if mediaType == "application/json" {
            let json = try JSONFields(body)
            return { json.string($0) }
        }
        let form = try FormFields(body)
        return { form[$0] }
    }

    /// The question in an outgoing webhook's fields, without the trigger word that sent it.
    package static func message(fromWebhook fields: (String) -> String?) throws(ChatRejection) -> ChatMessage {
        var text = fields("text") ?? ""
        if let trigger = fields("trigger_word"), !trigger.isEmpty, text.hasPrefix(trigger) { text.removeFirst(trigger.count) }
        return try message(fields, text: text, deliveryID: fields("post_id"))
    }

    /// The question in a slash command's form; an empty command asks for help.
    package static func message(fromCommand form: FormFields) throws(ChatRejection) -> ChatMessage {
        let text = (form["text"] ?? "").trimmed
        return try message({ form[$0] }, text: text.isEmpty ? "help" : text, deliveryID: form["trigger_id"])
    }

    private static func message(_ field: (String) -> String?, text: String, deliveryID: String?) throws(ChatRejection) -> ChatMessage {
        // Empty ids are as good as none: every such request would share one conversation and one sender.
        guard let team = field("team_id"), let channel = field("channel_id"), let user = field("user_id"), ![team, channel, user].contains("") else {
            throw .malformed("The request lacks team_id, channel_id or user_id.")
        }
        return ChatMessage(
            platform: .mattermost, workspace: team, workspaceName: field("team_domain"), channel: channel, channelName: field("channel_name"),
            userID: user, userName: field("user_name") ?? user, text: text.trimmed, conversation: "mattermost:\(team):\(channel)",
            deliveryID: deliveryID
        )
    }
}
