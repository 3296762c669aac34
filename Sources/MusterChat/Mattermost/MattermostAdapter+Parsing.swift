import Foundation
import MusterCore

extension MattermostAdapter {
    /// An outgoing webhook's fields by name, from its body: JSON when the request says so, else a form.
    package static func webhookFields(_ body: Data, mediaType: String) throws(ChatRejection) -> (String) -> String? {
        if mediaType == "application/json" {
            let json = try JSONFields(body)
            return { json.string($0) }
        }
        let form = try FormFields(body)
        return { form[$0] }
    }

    /// The question in an outgoing webhook's fields, without the trigger word that sent it.
    package static func message(fromWebhook fields: (String) -> String?) throws(ChatRejection) -> ChatMessage {
        var text = fields("text") ?? ""
        if let trigger = fields("trigger_word"), !trigger.isEmpty, text.hasPrefix(trigger) { text.removeFirst(trigger.count) }
        return try message(fields, text: text, deliveryID: fields("post_id"))
    }

    /// The question in a slash command's form; an empty command asks for help.
    package static func message(fromCommand form: FormFields) throws(ChatRejection) -> ChatMessage {
        let text = (form["text"] ?? "").trimmed
        return try message({ form[$0] }, text: text.isEmpty ? "help" : text, deliveryID: form["trigger_id"])
    }

    private static func message(_ field: (String) -> String?, text: String, deliveryID: String?) throws(ChatRejection) -> ChatMessage {
        // Empty ids are as good as none: every such request would share one conversation and one sender.
        guard let team = field("team_id"), let channel = field("channel_id"), let user = field("user_id"), ![team, channel, user].contains("") else {
            throw .malformed("The request lacks team_id, channel_id or user_id.")
        }
        return ChatMessage(
            platform: .mattermost, workspace: team, workspaceName: field("team_domain"), channel: channel, channelName: field("channel_name"),
            userID: user, userName: field("user_name") ?? user, text: text.trimmed, conversation: "mattermost:\(team):\(channel)",
            deliveryID: deliveryID
        )
    }
}

extension MattermostAdapter {
    /// The question a verified button click asks, from the clicker in the button's own channel.
    static func message(fromClick click: JSONFields, context: MattermostButtons.Context) throws(ChatRejection) -> ChatMessage {
        guard let user = click.string("user_id"), !user.isEmpty else { throw .malformed("The click lacks user_id.") }
        // A signed context is only good in the channel it was made for.
        guard click.string("channel_id") == nil || click.string("channel_id") == context.channel else {
            throw .unauthorised("The button belongs to another channel.")
        }
        return ChatMessage(
            platform: .mattermost, workspace: context.team, workspaceName: click.string("team_domain"), channel: context.channel,
            channelName: click.string("channel_name"), userID: user, userName: click.string("user_name") ?? user, text: context.say,
            conversation: "mattermost:\(context.team):\(context.channel)", deliveryID: click.string("trigger_id")
        )
    }
}
