import Foundation
import MusterBot
import MusterCore

/// Posts replies to Teams places: through the Bot Framework connector into the conversation (replying to the
/// activity, so a channel answer lands in its thread) when the bot is registered, else through the Workflows
/// webhook, which posts to one channel.
public struct TeamsCourier: ChatCourier {
    private let bot: Bool
    private let workflow: String?
    private let renderer = AdaptiveCardRenderer()

    /// The courier the secrets allow.
    public init(secrets: ChatSecrets) {
        bot = secrets.teamsBot?.password != nil
        workflow = secrets.outgoing[.teams]
    }

    public func envelope(for reply: Reply, to place: ConversationReference, at now: Date) -> OutboxMessage? {
        if bot, let serviceURL = place.serviceURL, let conversation = place.conversationID {
            var activity = renderer.message(reply, buttons: true)
            activity["conversation"] = ["id": conversation]
            if let botID = place.botID { activity["from"] = ["id": botID, "name": place.botName ?? "Muster"] }
            if let userID = place.userID { activity["recipient"] = ["id": userID, "name": place.userName ?? ""] }
            var path = "v3/conversations/\(Self.pathSegment(conversation))/activities"
            if let thread = place.thread {
                activity["replyToId"] = thread
                path += "/\(Self.pathSegment(thread))"
            }
            let base = serviceURL.hasSuffix("/") ? serviceURL : serviceURL + "/"
            return OutboxMessage(
                platform: .teams, destination: base + path, route: .teamsConnector, place: "teams:\(conversation)", label: place.answerLabel,
                contentType: "application/json; charset=utf-8", body: jsonText(activity), at: now
            )
        }
        guard let workflow else { return nil }
        return OutboxMessage(platform: .teams, destination: workflow, label: place.answerLabel, body: jsonText(renderer.message(reply)), at: now)
    }

    /// A conversation or activity id as one path segment: Teams ids hold `:`, `@`, `;` and `=`, which the
    /// connector expects percent-encoded, as the Bot Framework SDK sends them.
    static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: unreserved) ?? id
    }

    /// RFC 3986's unreserved characters, ASCII only.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
