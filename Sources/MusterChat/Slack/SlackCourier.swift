import Foundation
import MusterBot
import MusterCore

/// Posts replies to Slack places: into the channel and thread by `chat.postMessage` when Muster has the app's bot
/// token, else to the `response_url` Slack gave for the request, else through the incoming webhook (which is bound
/// to one channel, so the answer may land elsewhere: the reason to install the app).
public struct SlackCourier: ChatCourier {
    private let botToken: Bool
    private let postMessage: String
    private let webhook: String?
    private let renderer = SlackRenderer()

    /// The courier the secrets allow.
    public init(secrets: ChatSecrets) {
        botToken = secrets.slackBotToken != nil
        postMessage = secrets.slackAPIURL + "chat.postMessage"
        webhook = secrets.outgoing[.slack]
    }

    public func envelope(for reply: Reply, to place: ConversationReference, at now: Date) -> OutboxMessage? {
        if let replyURL = place.replyURL {
            var body = renderer.message(reply, buttonsFor: botToken ? place.key : nil)
            body["response_type"] = "in_channel"
            return OutboxMessage(platform: .slack, destination: replyURL, place: pace(place), label: place.answerLabel, body: jsonText(body), at: now)
        }
        if botToken, !place.channel.isEmpty {
            var body = renderer.message(reply, buttonsFor: place.key)
            body["channel"] = place.channel
            if let thread = place.thread { body["thread_ts"] = thread }
            body["unfurl_links"] = false
            return OutboxMessage(
                platform: .slack, destination: postMessage, route: .slackAPI, place: pace(place), label: place.answerLabel,
                contentType: "application/json; charset=utf-8", body: jsonText(body), at: now
            )
        }
        guard let webhook else { return nil }
        var body = renderer.message(reply)
        if let thread = place.thread { body["thread_ts"] = thread }
        return OutboxMessage(platform: .slack, destination: webhook, label: place.answerLabel, body: jsonText(body), at: now)
    }

    /// Slack paces posts per channel.
    private func pace(_ place: ConversationReference) -> String {
        "slack:\(place.workspace):\(place.channel)"
    }
}
