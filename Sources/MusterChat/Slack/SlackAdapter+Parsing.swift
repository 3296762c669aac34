import Foundation
import MusterCore

extension SlackAdapter {
    /// The question in a slash command's form; an empty command asks for help.
    package static func message(fromCommand form: FormFields) throws(ChatRejection) -> ChatMessage {
        let team = try form.required("team_id")
        let channel = try form.required("channel_id")
        let user = try form.required("user_id")
        let text = (form["text"] ?? "").trimmed
        return ChatMessage(
            platform: .slack, workspace: team, workspaceName: form["team_domain"], channel: channel, channelName: form["channel_name"],
            userID: user, userName: form["user_name"] ?? user, text: text.isEmpty ? "help" : text,
            conversation: "slack:\(team):\(channel):\(user)", deliveryID: form["trigger_id"]
        )
    }

    /// The question in an event callback, or `nil` for events Muster does not answer: its own messages, edits,
    /// and channel messages that do not mention it (those arrive as `app_mention` too).
    package static func message(from json: JSONFields) throws(ChatRejection) -> ChatMessage? {
        guard let event = json.fields("event") else { throw .malformed("event_callback without an event.") }
        let botUsers = Set(json.list("authorizations").filter { $0.string("is_bot") == "1" }.compactMap { $0.string("user_id") })
        guard event.string("bot_id") == nil, event.string("subtype") == nil, let user = event.string("user"), !botUsers.contains(user) else { return nil }
        switch event.string("type") {
        case "app_mention": break
        case "message" where event.string("channel_type") == "im": break
        default: return nil
        }
        guard let team = json.string("team_id") ?? event.string("team"), let channel = event.string("channel"), let text = event.string("text") else {
            throw .malformed("The event lacks a team, channel or text.")
        }
        let thread = event.string("thread_ts") ?? event.string("ts") ?? ""
        return ChatMessage(
            platform: .slack, workspace: team, channel: channel, userID: user, userName: user, text: plainText(fromSlack: text),
            conversation: "slack:\(team):\(channel):\(thread)", deliveryID: json.string("event_id")
        )
    }

    /// Slack's message text as a person typed it: mentions removed, `<url|label>` as the label, entities decoded.
    static func plainText(fromSlack text: String) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            result += rest[..<open]
            let inner = rest[rest.index(after: open)..<close]
            if !(inner.hasPrefix("@") || inner.hasPrefix("!")) {
                result += inner.split(separator: "|", maxSplits: 1).last.map(String.init) ?? ""
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&").trimmed
    }
}

/// A press of one of Muster's buttons in Slack: the question it asks, the thread its answer goes to, and the
/// `response_url` Slack gave for it.
package struct SlackPress: Sendable {
    /// The question, as the asker would have typed it.
    package var message: ChatMessage
    /// The thread the answer goes to: the pressed answer's thread, or the answer itself.
    package var thread: String
    /// Where Slack takes answers to this press for half an hour, when it gave one.
    package var responseURL: String?
}

extension SlackAdapter {
    /// The press in an interactivity request's form (`payload=<json>`), or `nil` for interactions that are not a
    /// press of Muster's buttons.
    package static func press(from form: FormFields) throws(ChatRejection) -> SlackPress? {
        guard let payload = form["payload"] else { throw .malformed("The interaction has no payload.") }
        let json = try JSONFields(Data(payload.utf8))
        guard json.string("type") == "block_actions", let action = json.list("actions").first,
              action.string("action_id")?.hasPrefix("muster_suggestion_") == true, let ask = action.string("value")?.trimmed, !ask.isEmpty
        else { return nil }
        guard let team = json.string("team", "id") ?? json.string("user", "team_id"),
              let channel = json.string("channel", "id") ?? json.string("container", "channel_id"), let user = json.string("user", "id"),
              let thread = json.string("message", "thread_ts") ?? json.string("container", "thread_ts") ?? json.string("message", "ts")
                  ?? json.string("container", "message_ts")
        else { throw .malformed("The interaction lacks a team, channel, user or message.") }
        // The actions block's id names the conversation the answer belonged to; it is only believed within this
        // channel, so a press can never reach another channel's conversation.
        let own = "slack:\(team):\(channel):"
        let named = action.string("block_id").flatMap { id in
            id.hasPrefix(SlackRenderer.conversationBlockPrefix) ? String(id.dropFirst(SlackRenderer.conversationBlockPrefix.count)) : nil
        }
        let conversation = named.flatMap { $0.hasPrefix(own) ? $0 : nil } ?? own + thread
        let message = ChatMessage(
            platform: .slack, workspace: team, workspaceName: json.string("team", "domain"), channel: channel, channelName: json.string("channel", "name"),
            userID: user, userName: json.string("user", "username") ?? json.string("user", "name") ?? user, text: ask, conversation: conversation,
            deliveryID: json.string("trigger_id") ?? action.string("action_ts")
        )
        return SlackPress(message: message, thread: thread, responseURL: webURL(json.string("response_url")))
    }
}
