import Foundation
import MusterBot
import MusterCore

/// Slack's Events API, slash commands and button presses.
///
/// Every request's v0 signature is checked over the raw body first. Events and presses are acknowledged at once and
/// answered through the outbox: with the app's bot token by `chat.postMessage` in the asker's channel and thread,
/// else through the incoming webhook. Slash commands are answered in the response when the answer is ready within
/// two and a half seconds (Slack allows three), else through `response_url`.
public struct SlackAdapter: ChatAdapter {
    /// How long a slash command waits for its answer before acknowledging.
    public static let commandBudget = Duration.milliseconds(2500)

    public let platform = ChatPlatform.slack
    private let signature: RequestSignature.Timestamped?
    private let desk: ChatDesk
    private let clock: any Clock
    /// Whether answers carry buttons: only an app, with an interactivity endpoint, can take presses.
    private let buttons: Bool
    private let renderer = SlackRenderer()

    /// Creates the adapter; its endpoints are off without `MUSTER_SLACK_SIGNING_SECRET`.
    public init(secrets: ChatSecrets, desk: ChatDesk, clock: any Clock) {
        signature = secrets.slackSigningSecret.map { RequestSignature.Timestamped(version: "v0", secret: $0) }
        self.desk = desk
        self.clock = clock
        buttons = secrets.slackBotToken != nil
    }

    public var endpoints: [ChatEndpoint] {
        let missing = "Slack is not set up on this server: set MUSTER_SLACK_SIGNING_SECRET."
        let on = signature != nil
        return [
            .on("/slack/events", on ? events : nil, missing: missing),
            .on("/slack/commands", on ? command : nil, missing: missing),
            .on("/slack/interactions", on ? interaction : nil, missing: missing),
        ]
    }

    /// `POST /slack/events`.
    func events(_ request: ChatRequest) async -> ChatResponse {
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
                // Events have no synchronous reply: the answer always goes through the outbox. A refusal is final, so
                // Slack is told not to retry it.
                var answers = ChatDesk.Answers.acknowledgeOnly
                answers.refused = { _ in .acknowledged.with(header: "X-Slack-No-Retry", "1") }
                return await desk.respond(to: message, from: message.reference(thread: thread, at: clock.now), within: .zero, answers: answers)
            case "app_rate_limited":
                return .acknowledged
            default:
                throw ChatRejection.malformed("Unknown Slack payload type \"\(json.string("type") ?? "none")\".")
            }
        }
    }

    /// `POST /slack/commands`.
    func command(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            try verify(request)
            let form = try FormFields(request.body)
            let message = try Self.message(fromCommand: form)
            let renderer = self.renderer
            let conversation = buttons ? message.conversation : nil
            let answers = ChatDesk.Answers(
                answered: { reply in
                    var body = renderer.message(reply, buttonsFor: conversation)
                    body["response_type"] = "in_channel"
                    return .json(body)
                },
                deferred: .json(["response_type": "ephemeral", "text": "Working on it: the answer will follow here in a moment."]),
                refused: { .json(["response_type": "ephemeral", "text": MarkupStyle.slack.escape($0)]) },
                repeated: .acknowledged
            )
            let place = message.reference(replyURL: webURL(form["response_url"]), at: clock.now)
            return await desk.respond(to: message, from: place, within: Self.commandBudget, answers: answers)
        }
    }

    /// `POST /slack/interactions`: a button press on one of Muster's answers, asked as the button says, in the
    /// conversation the answer belonged to and its thread.
    func interaction(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            try verify(request)
            guard let press = try Self.press(from: FormFields(request.body)) else { return .acknowledged }
            // With the bot token the answer goes into the thread by chat.postMessage; `response_url` is for
            // workspaces where the app only has that.
            let place = press.message.reference(thread: press.thread, replyURL: buttons ? nil : press.responseURL, at: clock.now)
            return await desk.respond(to: press.message, from: place, within: .zero, answers: .acknowledgeOnly)
        }
    }

    private func verify(_ request: ChatRequest) throws(ChatRejection) {
        guard let signature else { throw ChatRejection(status: 404, "Slack is not set up on this server.") }
        try signature.verify(
            timestamp: request.header("X-Slack-Request-Timestamp"), signature: request.header("X-Slack-Signature"),
            body: request.body, now: clock.now
        )
    }
}
