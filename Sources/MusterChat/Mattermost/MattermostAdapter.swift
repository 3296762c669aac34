import Foundation
import MusterBot
import MusterCore

/// Mattermost outgoing webhooks, slash commands and button clicks, checked by their tokens (Mattermost signs
/// nothing; Muster signs its own buttons).
///
/// With a bot account (`MUSTER_MATTERMOST_URL` and `MUSTER_MATTERMOST_BOT_TOKEN`), a webhook message is
/// acknowledged at once and answered by the bot in the asker's thread through the REST API, with the follow-ups as
/// buttons. Without one, the answer is the webhook's response (`response_type: comment`, in the thread); Mattermost
/// waits 30 seconds by default, so an answer taking over 20 follows through the incoming webhook. Slash commands wait
/// two and a half seconds, then answer through `response_url`.
public struct MattermostAdapter: ChatAdapter {
    /// How long a webhook message waits for its answer.
    public static let webhookBudget = Duration.seconds(20)
    /// How long a slash command waits for its answer.
    public static let commandBudget = Duration.milliseconds(2500)

    public let platform = ChatPlatform.mattermost
    private let webhookToken: String?
    private let commandToken: String?
    private let bot: Bool
    private let buttons: MattermostButtons?
    private let desk: ChatDesk
    private let clock: any Clock
    private let renderer = MarkdownRenderer()

    /// Creates the adapter; each entry point is off without its token.
    public init(secrets: ChatSecrets, desk: ChatDesk, clock: any Clock) {
        webhookToken = secrets.mattermostWebhookToken
        commandToken = secrets.mattermostCommandToken
        bot = secrets.mattermostBotToken != nil && secrets.mattermostURL != nil
        buttons = MattermostCourier.buttons(secrets)
        self.desk = desk
        self.clock = clock
    }

    public var endpoints: [ChatEndpoint] {
        [
            .on("/mattermost/webhook", webhookToken == nil ? nil : webhook, missing: "Mattermost webhooks are not set up: set MUSTER_MATTERMOST_TOKEN."),
            .on("/mattermost/command", commandToken == nil ? nil : command, missing: "Mattermost slash commands are not set up: set MUSTER_MATTERMOST_COMMAND_TOKEN."),
            .on("/mattermost/actions", buttons == nil ? nil : action,
                missing: "Mattermost buttons are not set up: set MUSTER_MATTERMOST_URL, MUSTER_MATTERMOST_BOT_TOKEN and MUSTER_PUBLIC_URL."),
        ]
    }

    /// `POST /mattermost/webhook`: form-encoded or JSON, with the token in the body.
    func webhook(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            let fields = try Self.webhookFields(request.body, mediaType: request.mediaType)
            guard let webhookToken, let token = fields("token"), RequestSignature.constantTimeEqual(token, webhookToken) else {
                throw ChatRejection.unauthorised("The webhook token does not match.")
            }
            let message = try Self.message(fromWebhook: fields)
            // The bot answers in a thread on the asker's post.
            let place = message.reference(thread: fields("post_id"), at: clock.now)
            if bot { return await desk.respond(to: message, from: place, within: .zero, answers: Self.answeredByBot) }
            let renderer = self.renderer
            return await desk.respond(to: message, from: place, within: Self.webhookBudget, answers: ChatDesk.Answers(
                answered: { .json(["text": renderer.render($0), "response_type": "comment"]) },
                deferred: .json(["text": "Still working on that: the answer will follow in this channel.", "response_type": "comment"]),
                refused: { .json(["text": MarkupStyle.markdown.escape($0), "response_type": "comment"]) },
                repeated: .json([String: String]())
            ))
        }
    }

    /// `POST /mattermost/command`: form-encoded, with `Authorization: Token <token>`.
    func command(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            let presented = request.header("Authorization").flatMap { $0.hasPrefix("Token ") ? String($0.dropFirst(6)) : nil }
            guard let commandToken, let presented, RequestSignature.constantTimeEqual(presented, commandToken) else {
                throw ChatRejection.unauthorised("The slash command token does not match.")
            }
            let form = try FormFields(request.body)
            let message = try Self.message(fromCommand: form)
            let renderer = self.renderer
            return await desk.respond(to: message, from: message.reference(replyURL: webURL(form["response_url"]), at: clock.now), within: Self.commandBudget, answers: ChatDesk.Answers(
                answered: { .json(["text": renderer.render($0), "response_type": "in_channel"]) },
                deferred: .json(["text": "Working on it: the answer will follow here in a moment.", "response_type": "ephemeral"]),
                refused: { .json(["text": MarkupStyle.markdown.escape($0), "response_type": "ephemeral"]) },
                repeated: .json([String: String]())
            ))
        }
    }

    /// `POST /mattermost/actions`: a click on one of Muster's buttons, asked as the button says in the thread it
    /// was in. Mattermost's server sends it unsigned; the button's context carries Muster's own signature.
    func action(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            guard let buttons else { throw ChatRejection(status: 404, "Mattermost buttons are not set up.") }
            let click = try JSONFields(request.body)
            guard let fields = click.fields("context"), let context = buttons.verified(fields) else {
                throw ChatRejection.unauthorised("The button's signature does not match: it was not made by this Muster.")
            }
            let message = try Self.message(fromClick: click, context: context)
            let place = message.reference(thread: context.root, at: clock.now)
            var answers = Self.answeredByBot
            // A refusal is shown to the clicker alone.
            answers.refused = { .json(["ephemeral_text": $0]) }
            return await desk.respond(to: message, from: place, within: .zero, answers: answers)
        }
    }

    /// What Mattermost is told when the bot posts the answer itself: an empty JSON object, so nothing is posted twice.
    private static let answeredByBot = ChatDesk.Answers(
        answered: { _ in .json([String: String]()) }, deferred: .json([String: String]()), refused: { _ in .json([String: String]()) },
        repeated: .json([String: String]())
    )
}
