import MusterCore
import Foundation
import MusterBot
import MusterConfig

/// Posts Muster makes unprompted (a sitrep for the incident channel), shaped for the platform's incoming webhook.
public enum ProactivePost {
    /// The outbox message that posts `reply` to `platform`'s configured webhook.
    public static func envelope(for reply: Reply, to platform: ChatPlatform, destination: String, at now: Date) -> OutboxMessage {
        let body: Any = switch platform {
        case .slack: SlackRenderer().message(reply)
        case .teams: AdaptiveCardRenderer().message(reply)
        case .mattermost: ["text": MarkdownRenderer().render(reply)]
        case .webhook: WebhookAdapter.body(reply)
        }
        return OutboxMessage(platform: platform.rawValue, destination: destination, label: "post: \(reply.title)", body: jsonText(body), at: now)
    }
}
