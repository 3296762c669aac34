import Foundation
import MusterChat
import MusterConfig

/// Every chat platform's body parser, after the signature or token check that the fuzzer cannot pass: a platform,
/// or anyone holding a leaked secret, can send any body at all.
///
/// Every input is read by every parser, as JSON and as a form, the way each platform's entry point would read it.
enum WebhooksTarget {
    static func check(_ input: Data, _ check: inout InvariantCheck) {
        let parsers: [(name: String, parse: (Data) throws(ChatRejection) -> ChatMessage?)] = [
            ("Slack event", { body throws(ChatRejection) in try SlackAdapter.message(from: JSONFields(body)) }),
            ("Slack command", { body throws(ChatRejection) in try SlackAdapter.message(fromCommand: FormFields(body)) }),
            ("Slack press", { body throws(ChatRejection) in try SlackAdapter.press(from: FormFields(body))?.message }),
            ("Teams activity", { body throws(ChatRejection) in try TeamsAdapter.message(from: JSONFields(body)) }),
            ("Mattermost JSON webhook", { body throws(ChatRejection) in
                try MattermostAdapter.message(fromWebhook: MattermostAdapter.webhookFields(body, mediaType: "application/json"))
            }),
            ("Mattermost form webhook", { body throws(ChatRejection) in
                try MattermostAdapter.message(fromWebhook: MattermostAdapter.webhookFields(body, mediaType: "application/x-www-form-urlencoded"))
            }),
            ("Mattermost command", { body throws(ChatRejection) in try MattermostAdapter.message(fromCommand: FormFields(body)) }),
            ("generic webhook", { body throws(ChatRejection) in try WebhookAdapter.message(from: JSONFields(body)) }),
        ]
        for (name, parse) in parsers {
            do {
                guard let message = try parse(input) else { continue }
                self.check(message, from: name, &check)
            } catch {
                // A body the parser cannot read is the sender's fault: never a 401 (that says who they are) or a 5xx.
                check.expect(error.status == 400, "the \(name) parser refused a body with \(error.status): \(error.reason)")
            }
        }
    }

    private static func check(_ message: ChatMessage, from parser: String, _ check: inout InvariantCheck) {
        // The question reaches the bot as typed: markup, mentions and surrounding space gone, so it matches as typed.
        check.expect(message.text == message.text.trimmingCharacters(in: .whitespacesAndNewlines), "the \(parser) parser left space around \(message.text.quoted)")
        check.expect(message.conversation.hasPrefix(message.platform.rawValue + ":"), "the \(parser) parser keyed the conversation \(message.conversation.quoted)")
        if parser.hasSuffix("command") || parser == "generic webhook" {
            check.expect(!message.text.isEmpty, "the \(parser) parser gave an empty question")
            check.expect(!message.workspace.isEmpty && !message.channel.isEmpty && !message.userID.isEmpty, "the \(parser) parser gave a message with no workspace, channel or user")
        }
    }
}
