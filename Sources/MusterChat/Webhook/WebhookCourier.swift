import Foundation
import MusterBot
import MusterCore

/// Posts replies to the generic webhook's callers: to the `reply_url` a request gave, signed at send time.
public struct WebhookCourier: ChatCourier {
    /// Creates the courier.
    public init() {}

    public func envelope(for reply: Reply, to place: ConversationReference, at now: Date) -> OutboxMessage? {
        guard let replyURL = place.replyURL else { return nil }
        return OutboxMessage(
            platform: .webhook, destination: replyURL, label: "answer to \(place.userName ?? place.userID ?? "someone") in \(place.workspace)/\(place.channel)",
            body: jsonText(WebhookAdapter.body(reply)), at: now
        )
    }
}
