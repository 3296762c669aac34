import Foundation
import MusterCore

/// The credentials each outbox message is sent with, by its route: the generic webhook's signature, Slack's and
/// Mattermost's bot tokens, and a Microsoft identity token for the Teams connector (fetched, cached until shortly
/// before it expires, and dropped when the connector refuses it).
public struct ChatCredentials: OutboxCredentials {
    private let secrets: ChatSecrets
    private let teamsTokens: MicrosoftTokenClient?
    private let clock: any Clock

    /// The credentials `secrets` hold.
    ///
    /// - Parameter post: sends a form to a URL and returns the status and body (the token request).
    public init(secrets: ChatSecrets, clock: any Clock, post: @escaping @Sendable (_ url: String, _ form: Data) throws -> (status: Int, body: Data)) {
        self.secrets = secrets
        self.clock = clock
        teamsTokens = secrets.teamsBot.flatMap { bot in
            bot.password.map { MicrosoftTokenClient(tokenURL: bot.tokenURL, appID: bot.appID, password: $0, scope: bot.scope, clock: clock, post: post) }
        }
    }

    /// What is missing for a route, in words for `muster outbox`.
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    public func headers(for message: OutboxMessage) throws -> [String: String] {
        switch message.route {
        case .webhook:
            guard message.platform == .webhook, let secret = secrets.webhookSecret else { return [:] }
            return WebhookAdapter.signingHeaders(for: message, secret: secret, at: clock.now)
        case .slackAPI:
            guard let token = secrets.slackBotToken else { throw Missing(description: "MUSTER_SLACK_BOT_TOKEN is not set") }
            return ["Authorization": "Bearer \(token)"]
        case .teamsConnector:
            guard let teamsTokens else { throw Missing(description: "MUSTER_TEAMS_APP_ID and MUSTER_TEAMS_APP_PASSWORD are not set") }
            return ["Authorization": "Bearer \(try teamsTokens.token())"]
        case .mattermostAPI:
            guard let token = secrets.mattermostBotToken else { throw Missing(description: "MUSTER_MATTERMOST_BOT_TOKEN is not set") }
            return ["Authorization": "Bearer \(token)"]
        }
    }

    public func refused(_ message: OutboxMessage) {
        if message.route == .teamsConnector { teamsTokens?.invalidate() }
    }
}
