import Foundation
import MusterBot
import MusterCore

/// Turns a reply into the outbox message that posts it to a place a platform was heard from: through the platform's
/// app API when Muster has its token, else through whatever webhook is configured.
public protocol ChatCourier: Sendable {
    /// The outbox message that posts `reply` to `place`, or `nil` when the platform has no way there.
    func envelope(for reply: Reply, to place: ConversationReference, at now: Date) -> OutboxMessage?
}

/// Every platform's courier, so a late answer, an alert or a sitrep can go to any recorded place.
public struct ChatCouriers: Sendable {
    /// Slack's.
    public let slack: SlackCourier
    /// Teams'.
    public let teams: TeamsCourier
    /// Mattermost's.
    public let mattermost: MattermostCourier
    /// The generic webhook's.
    public let webhook: WebhookCourier

    /// The couriers the secrets allow.
    public init(secrets: ChatSecrets) {
        slack = SlackCourier(secrets: secrets)
        teams = TeamsCourier(secrets: secrets)
        mattermost = MattermostCourier(secrets: secrets)
        webhook = WebhookCourier()
    }

    /// The courier for `platform`.
    public func courier(for platform: ChatPlatform) -> any ChatCourier {
        switch platform {
        case .slack: slack
        case .teams: teams
        case .mattermost: mattermost
        case .webhook: webhook
        }
    }

    /// The outbox message that posts `reply` to `place`, or `nil` when its platform has no way there.
    public func envelope(for reply: Reply, to place: ConversationReference, at now: Date) -> OutboxMessage? {
        courier(for: place.platform).envelope(for: reply, to: place, at: now)
    }

    /// The outbox message that posts `reply` to `platform`'s configured webhook (`muster post`), if one is set.
    public func webhookPost(_ reply: Reply, to platform: ChatPlatform, at now: Date) -> OutboxMessage? {
        let nowhere = ConversationReference(key: "post", platform: platform, workspace: "", channel: "", seenAt: now)
        return envelope(for: reply, to: nowhere, at: now).map {
            var message = $0
            message.label = "post: \(reply.title)"
            return message
        }
    }
}

extension ConversationReference {
    /// Who and where, for outbox listings: "answer to priya in C0NBCOMMS".
    var answerLabel: String {
        "answer to \(userName ?? userID ?? "someone") in \(channelName ?? channel)"
    }
}
