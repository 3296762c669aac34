import Foundation
import MusterBot
import MusterConfig
import MusterCore

/// Slack's Events API and slash commands.
///
/// Every request's v0 signature is checked over the raw body first. Events are acknowledged at once and answered
/// in the thread through the incoming webhook; slash commands are answered in the response when the answer is
/// ready within two and a half seconds (Slack allows three), else through `response_url`.
public struct SlackAdapter: Sendable {
    /// How long a slash command waits for its answer before acknowledging.
    public static let commandBudget = Duration.milliseconds(2500)

    private let signature: RequestSignature.Timestamped
    private let desk: ChatDesk
    private let clock: any Clock
    private let webhook: String?
    private let renderer = SlackRenderer()

    /// Creates the adapter.
    ///
    /// - Parameter webhook: the outbox destination for event answers (`env:MUSTER_SLACK_WEBHOOK_URL`), if set.
    public init(signingSecret: String, desk: ChatDesk, clock: any Clock, webhook: String?) {
        signature = RequestSignature.Timestamped(version: "v0", secret: signingSecret)
        self.desk = desk
        self.clock = clock
        self.webhook = webhook
    }

    /// `POST /slack/events`.
    public func events(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            try verify(request)
            let json = try JSONFields(request.body)
            switch json.string("type") {
            case "url_verification":
                guard let challenge = json.string("challenge") else { throw ChatRejection.malformed("url_verification without a challenge.") }
                return .json(["challenge": challenge])
            case "event_callback":
                guard let message = try Self.message(from: json) else { return .acknowledged }
                let thread = json.string("event", "thread_ts") ?? json.string("event", "ts")
                let webhook = self.webhook
                let renderer = self.renderer
                let now = clock.now
                // Events have no synchronous reply: the answer always goes through the outbox.
                let outcome = await desk.handle(message, within: .zero) { reply in
                    guard let webhook else { return nil }
                    var body = renderer.message(reply)
                    if let thread { body["thread_ts"] = thread }
                    return OutboxMessage(platform: "slack", destination: webhook, label: "answer to \(message.userName) in \(message.channel)", body: jsonText(body), at: now)
                }
                if case .refused = outcome { return .acknowledged.with(header: "X-Slack-No-Retry", "1") }
                return .acknowledged
            case "app_rate_limited":
                return .acknowledged
            default:
                throw ChatRejection.malformed("Unknown Slack payload type \"\(json.string("type") ?? "none")\".")
            }
        }
    }

    /// `POST /slack/commands`.
    public func command(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            try verify(request)
            let form = try FormFields(request.body)
            let responseURL = form["response_url"]
            let message = try Self.message(fromCommand: form)
            let renderer = self.renderer
            let now = clock.now
            let outcome = await desk.handle(message, within: Self.commandBudget) { reply in
                guard let responseURL = webURL(responseURL) else { return nil }
                var body = renderer.message(reply)
                body["response_type"] = "in_channel"
                return OutboxMessage(platform: "slack", destination: responseURL, label: "answer to \(message.userName)'s \(form["command"] ?? "command") in \(message.channel)", body: jsonText(body), at: now)
            }
            switch outcome {
            case .answered(let reply):
                var body = renderer.message(reply)
                body["response_type"] = "in_channel"
                return .json(body)
            case .deferred:
                return .json(["response_type": "ephemeral", "text": "Working on it: the answer will follow here in a moment."])
            case .refused(let reason):
                return .json(["response_type": "ephemeral", "text": MarkupStyle.slack.escape(reason)])
            case .repeated:
                return .acknowledged
            }
        }
    }

    private func verify(_ request: ChatRequest) throws(ChatRejection) {
        try signature.verify(
            timestamp: request.header("X-Slack-Request-Timestamp"), signature: request.header("X-Slack-Signature"),
            body: request.body, now: clock.now
        )
    }

    /// The question in a slash command's form; an empty command asks for help.
    package static func message(fromCommand form: FormFields) throws(ChatRejection) -> ChatMessage {
        let team = try form.required("team_id")
        let channel = try form.required("channel_id")
        let user = try form.required("user_id")
        let text = (form["text"] ?? "").trimmed
        return ChatMessage(
            platform: .slack, workspace: team, workspaceName: form["team_domain"], channel: channel, channelName: form["channel_name"],
            userID: user, userName: form["user_name"] ?? user, text: text.isEmpty ? "help" : text,
            conversation: "slack:\(team):\(channel):\(user)", deliveryID: form["trigger_id"]
        )
    }

    /// The question in an event callback, or `nil` for events Muster does not answer: its own messages, edits,
    /// and channel messages that do not mention it (those arrive as `app_mention` too).
    package static func message(from json: JSONFields) throws(ChatRejection) -> ChatMessage? {
        guard let event = json.fields("event") else { throw .malformed("event_callback without an event.") }
        let botUsers = Set(json.list("authorizations").filter { $0.string("is_bot") == "1" }.compactMap { $0.string("user_id") })
        guard event.string("bot_id") == nil, event.string("subtype") == nil, let user = event.string("user"), !botUsers.contains(user) else { return nil }
        switch event.string("type") {
        case "app_mention": break
        case "message" where event.string("channel_type") == "im": break
        default: return nil
        }
        guard let team = json.string("team_id") ?? event.string("team"), let channel = event.string("channel"), let text = event.string("text") else {
            throw .malformed("The event lacks a team, channel or text.")
        }
        let thread = event.string("thread_ts") ?? event.string("ts") ?? ""
        return ChatMessage(
            platform: .slack, workspace: team, channel: channel, userID: user, userName: user, text: plainText(fromSlack: text),
            conversation: "slack:\(team):\(channel):\(thread)", deliveryID: json.string("event_id")
        )
    }

    /// Slack's message text as a person typed it: mentions removed, `<url|label>` as the label, entities decoded.
    static func plainText(fromSlack text: String) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            result += rest[..<open]
            let inner = rest[rest.index(after: open)..<close]
            if !(inner.hasPrefix("@") || inner.hasPrefix("!")) {
                result += inner.split(separator: "|", maxSplits: 1).last.map(String.init) ?? ""
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&").trimmed
    }
}
