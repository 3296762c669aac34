import Foundation
import MusterBot
import MusterCore

/// Posts replies to Mattermost places: by the bot account through `POST /api/v4/posts` into the channel and
/// thread, with buttons, when Muster has its token; else to the slash command's `response_url`; else through the
/// incoming webhook.
public struct MattermostCourier: ChatCourier {
    private let posts: String?
    private let buttons: MattermostButtons?
    private let incoming: String?
    private let renderer = MarkdownRenderer()

    /// The courier the secrets allow.
    public init(secrets: ChatSecrets) {
        posts = secrets.mattermostBotToken == nil ? nil : secrets.mattermostURL.map { $0 + "api/v4/posts" }
        buttons = Self.buttons(secrets)
        incoming = secrets.outgoing[.mattermost]
    }

    /// The buttons, when the bot can post them and Mattermost can call Muster back.
    static func buttons(_ secrets: ChatSecrets) -> MattermostButtons? {
        guard let token = secrets.mattermostBotToken, secrets.mattermostURL != nil, let publicURL = secrets.publicURL else { return nil }
        return MattermostButtons(publicURL: publicURL, botToken: token)
    }

    public func envelope(for reply: Reply, to place: ConversationReference, at now: Date) -> OutboxMessage? {
        if let replyURL = place.replyURL {
            return OutboxMessage(
                platform: .mattermost, destination: replyURL, label: place.answerLabel,
                body: jsonText(["text": renderer.render(reply), "response_type": "in_channel"]), at: now
            )
        }
        if let posts, !place.channel.isEmpty {
            var body: [String: Any] = ["channel_id": place.channel, "message": renderer.render(reply, buttons: buttons != nil)]
            if let root = place.thread { body["root_id"] = root }
            if let attachment = buttons?.attachment(for: reply, team: place.workspace, channel: place.channel, root: place.thread) {
                body["props"] = ["attachments": [attachment]]
            }
            return OutboxMessage(
                platform: .mattermost, destination: posts, route: .mattermostAPI, place: "mattermost:\(place.workspace):\(place.channel)",
                label: place.answerLabel, body: jsonText(body), at: now
            )
        }
        guard let incoming else { return nil }
        var body: [String: Any] = ["text": renderer.render(reply)]
        if let channel = place.channelName { body["channel"] = channel }
        return OutboxMessage(platform: .mattermost, destination: incoming, label: place.answerLabel, body: jsonText(body), at: now)
    }
}
