import Foundation

/// A chat message waiting in, or kept by, the outbox.
public struct OutboxMessage: Sendable, Hashable {
    /// Where a message is in its life.
    public enum Status: String, Sendable, CaseIterable {
        /// Not yet delivered; the worker will try at `nextAttemptAt`.
        case pending
        /// The chat service accepted it.
        case delivered
        /// Given up on: a permanent refusal or too many attempts. Kept so a person can see and retry it.
        case failed
    }

    /// The outbox's id for it (0 before it is stored).
    public var id: Int64
    /// How a message reaches its service, which decides the credentials sent with it and how the answer is read.
    public enum Route: String, Sendable, CaseIterable {
        /// A webhook URL that is its own credential (or signed, for Muster's generic webhook).
        case webhook
        /// Slack's Web API with the bot token; Slack reports failures in a 200's body.
        case slackAPI = "slack-api"
        /// The Bot Framework connector with a Microsoft identity token.
        case teamsConnector = "teams-connector"
        /// Mattermost's REST API with the bot account's token.
        case mattermostAPI = "mattermost-api"
    }

    /// The chat platform it goes to.
    public var platform: ChatPlatform
    /// The URL to POST to, or `env:NAME` to read a secret URL from the environment when sending.
    public var destination: String
    /// How it is sent.
    public var route: Route
    /// The conversation it goes to, when known (`slack:T0NB:C0NB`): messages to one place are paced as the platform
    /// asks, whatever URL they share.
    public var place: String?
    /// What it is, for people reading `muster outbox` ("answer to @priya in C0NBCOMMS"); never holds secrets.
    public var label: String
    /// The body's media type.
    public var contentType: String
    /// The payload, exactly as it will be sent.
    public var body: String
    /// Where it is in its life.
    public var status: Status
    /// Delivery attempts so far.
    public var attempts: Int
    /// When the worker may next try it.
    public var nextAttemptAt: Date
    /// When it was written.
    public var createdAt: Date
    /// When the chat service accepted it.
    public var deliveredAt: Date?
    /// Why the last attempt failed.
    public var lastError: String?

    /// Creates a pending message, due now.
    public init(
        platform: ChatPlatform, destination: String, route: Route = .webhook, place: String? = nil, label: String,
        contentType: String = "application/json", body: String, at now: Date
    ) {
        self.id = 0
        self.platform = platform
        self.destination = destination
        self.route = route
        self.place = place
        self.label = label
        self.contentType = contentType
        self.body = body
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = now
        self.createdAt = now
        self.deliveredAt = nil
        self.lastError = nil
    }
}
