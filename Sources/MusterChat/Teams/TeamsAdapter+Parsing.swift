import Foundation
import MusterCore

extension TeamsAdapter {
    /// The key a card's `Action.Submit` data carries the question under.
    static let submitKey = "muster"

    /// The question in a message activity: its text without the bot's mention, or what a pressed button asks
    /// (`value.muster`, with no text).
    package static func message(from activity: JSONFields) throws(ChatRejection) -> ChatMessage {
        guard activity.string("type") == "message" else { throw .malformed("Only message activities are answered.") }
        let typed = activity.string("text").map { withoutBotMentions($0, in: activity) }
        let pressed = activity.string("value", submitKey)
        guard let text = typed.flatMap({ $0.trimmed.isEmpty ? nil : $0 }) ?? pressed ?? typed, let conversation = activity.string("conversation", "id"),
              let user = activity.string("from", "aadObjectId") ?? activity.string("from", "id")
        else { throw .malformed("The activity lacks text, a conversation or a sender.") }
        let tenant = activity.string("channelData", "tenant", "id") ?? activity.string("conversation", "tenantId") ?? ""
        let channel = activity.string("channelData", "channel", "id") ?? activity.string("channelData", "teamsChannelId") ?? conversation
        return ChatMessage(
            platform: .teams, workspace: tenant, channel: channel, channelName: activity.string("channelData", "channel", "name"),
            userID: user, userName: activity.string("from", "name") ?? user, text: plainText(fromTeams: text),
            conversation: "teams:\(conversation)", deliveryID: activity.string("id").map { "\($0):\(conversation)" }
        )
    }

    /// `text` without the mentions of the bot the activity's entities list (`mentioned.id` is the recipient), as the
    /// Bot Framework SDK removes them; other people's mentions stay for `plainText` to unwrap.
    static func withoutBotMentions(_ text: String, in activity: JSONFields) -> String {
        guard let bot = activity.string("recipient", "id") else { return text }
        return activity.list("entities")
            .filter { $0.string("type")?.lowercased() == "mention" && $0.string("mentioned", "id") == bot }
            .compactMap { $0.string("text") }
            .reduce(text) { $0.replacingOccurrences(of: $1, with: " ") }
    }

    /// Teams message text as a person typed it: `<at>…</at>` mentions and other tags removed, entities decoded.
    static func plainText(fromTeams text: String) -> String {
        var result = text.replacingOccurrences(of: #"<at>[^<]*</at>"#, with: " ", options: .regularExpression)
        result = result.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension TeamsAdapter {
    /// Where a signed activity came from, addressed as the connector needs: the conversation, the service URL, the
    /// bot's and the sender's accounts, and the activity to reply to.
    static func place(of activity: JSONFields, for message: ChatMessage, at now: Date) -> ConversationReference {
        var place = message.reference(thread: activity.string("id"), at: now)
        place.conversationID = activity.string("conversation", "id")
        place.serviceURL = activity.string("serviceUrl")
        place.botID = activity.string("recipient", "id")
        place.botName = activity.string("recipient", "name")
        place.userID = activity.string("from", "id")
        place.userName = activity.string("from", "name")
        return place
    }

    /// Where a signed activity that is not a message (the bot being added) came from, or `nil` when it names no
    /// conversation.
    static func place(of activity: JSONFields, at now: Date) -> ConversationReference? {
        guard let conversation = activity.string("conversation", "id") else { return nil }
        let tenant = activity.string("channelData", "tenant", "id") ?? activity.string("conversation", "tenantId") ?? ""
        return ConversationReference(
            key: "teams:\(conversation)", platform: .teams, workspace: tenant,
            channel: activity.string("channelData", "channel", "id") ?? conversation, channelName: activity.string("channelData", "channel", "name"),
            conversationID: conversation, serviceURL: activity.string("serviceUrl"), botID: activity.string("recipient", "id"),
            botName: activity.string("recipient", "name"), seenAt: now
        )
    }
}
