import Foundation
import MusterBot
import MusterCore

/// Microsoft Teams, two ways in.
///
/// - The **bot** (`POST /api/messages`, the Bot Framework's path), when `MUSTER_TEAMS_APP_ID` is set: every
///   activity's bearer token is checked against the Bot Framework's published keys before anything is read as a
///   question; it works in channels, group chats and personal chat, is acknowledged at once, and is answered through
///   the connector in the same conversation, with the follow-ups as card buttons.
/// - The **outgoing webhook** (`POST /teams/messages`), for tenants that forbid custom apps: the HMAC is checked
///   over the raw body, and the answer is the response, as an Adaptive Card, within four seconds (Teams allows five).
///   A slower answer is acknowledged and follows through the Workflows webhook when one is configured.
public struct TeamsAdapter: ChatAdapter {
    /// How long an outgoing-webhook message waits for its answer before acknowledging.
    public static let budget = Duration.seconds(4)

    public let platform = ChatPlatform.teams
    private let webhookSignature: RequestSignature.Teams?
    private let webhookMissing: String
    private let authenticator: BotFrameworkAuthenticator?
    private let workflow: Bool
    private let desk: ChatDesk
    private let clock: any Clock
    private let renderer = AdaptiveCardRenderer()

    /// Creates the adapter; each way in is off without its secret.
    ///
    /// - Parameter fetch: reads a URL (the Bot Framework's OpenID metadata and keys).
    public init(secrets: ChatSecrets, desk: ChatDesk, clock: any Clock, fetch: @escaping @Sendable (String) async throws -> Data) {
        webhookSignature = secrets.teamsSecurityToken.flatMap { RequestSignature.Teams(securityToken: $0) }
        webhookMissing = secrets.teamsSecurityToken == nil
            ? "The Teams outgoing webhook is not set up on this server: set MUSTER_TEAMS_SECURITY_TOKEN."
            : "MUSTER_TEAMS_SECURITY_TOKEN is not base64: copy the security token exactly as Teams showed it."
        authenticator = secrets.teamsBot.map {
            BotFrameworkAuthenticator(appID: $0.appID, openIDMetadataURL: $0.openIDMetadataURL, issuer: $0.issuer, clock: clock, fetch: fetch)
        }
        workflow = secrets.outgoing[.teams] != nil
        self.desk = desk
        self.clock = clock
    }

    public var endpoints: [ChatEndpoint] {
        [
            .on("/api/messages", authenticator == nil ? nil : bot, missing: "The Teams bot is not set up on this server: set MUSTER_TEAMS_APP_ID and MUSTER_TEAMS_APP_PASSWORD."),
            .on("/teams/messages", webhookSignature == nil ? nil : webhook, missing: webhookMissing),
        ]
    }

    /// `POST /api/messages`: a Bot Framework activity.
    func bot(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            guard let authenticator else { throw ChatRejection(status: 404, "The Teams bot is not set up on this server.") }
            // Only the claims Bot Framework signs are read before the token is checked.
            let activity = try JSONFields(request.body)
            try await authenticator.verify(
                authorization: request.header("Authorization"), serviceURL: activity.string("serviceUrl"), channelID: activity.string("channelId")
            )
            switch activity.string("type") {
            case "message":
                // A signed message with nothing to answer (an image alone, a reaction card) is acknowledged, not
                // refused: the Bot Framework would show the sender an error for a 400.
                guard let message = try? Self.message(from: activity) else { return .acknowledged }
                // The bot's own messages are never questions.
                if let bot = activity.string("recipient", "id"), activity.string("from", "id") == bot { return .acknowledged }
                return await desk.respond(to: message, from: Self.place(of: activity, for: message, at: clock.now), within: .zero, answers: .acknowledgeOnly)
            case "conversationUpdate", "installationUpdate":
                // Being added to a team or chat says where the bot is, before anyone has asked anything.
                if let place = Self.place(of: activity, at: clock.now) { desk.remember(place) }
                return .acknowledged
            default:
                return .acknowledged
            }
        }
    }

    /// `POST /teams/messages`: an outgoing webhook's message.
    func webhook(_ request: ChatRequest) async -> ChatResponse {
        await ChatResponse.guarding {
            guard let webhookSignature else { throw ChatRejection(status: 404, webhookMissing) }
            try webhookSignature.verify(authorization: request.header("Authorization"), body: request.body)
            let activity = try JSONFields(request.body)
            let message = try Self.message(from: activity)
            let renderer = self.renderer
            let answers = ChatDesk.Answers(
                answered: { .json(renderer.message($0)) },
                deferred: .json([
                    "type": "message",
                    "text": workflow ? "Still working on that: the answer will be posted to the channel shortly." : "That is taking longer than Teams allows. Please ask again in a minute.",
                ]),
                refused: { .json(["type": "message", "text": $0]) },
                repeated: .json(["type": "message", "text": ""])
            )
            return await desk.respond(to: message, from: message.reference(at: clock.now), within: Self.budget, answers: answers)
        }
    }
}
