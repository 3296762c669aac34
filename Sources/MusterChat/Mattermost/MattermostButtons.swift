import Crypto
import Foundation
import MusterBot

/// Mattermost's message buttons, which Mattermost's server calls back without signing anything: Muster signs the
/// button's context itself (an HMAC keyed from the bot token, which only Muster and Mattermost's admins hold) and
/// checks it on every click, so a click can only ask what Muster put on the button, in the place it put it.
struct MattermostButtons: Sendable {
    /// Where Mattermost posts clicks.
    let callbackURL: String
    /// The HMAC key's bytes (a `SymmetricKey` is not `Sendable`).
    private let key: Data

    /// Buttons calling back to `publicURL`, signed with a key derived from `botToken`.
    init(publicURL: String, botToken: String) {
        callbackURL = publicURL + "/mattermost/actions"
        key = Data(SHA256.hash(data: Data("muster mattermost buttons\n\(botToken)".utf8)))
    }

    /// What a button carries back when clicked.
    struct Context: Equatable {
        /// What it asks.
        var say: String
        /// The team, channel and thread root it belongs to.
        var team: String
        var channel: String
        var root: String?
    }

    /// The message attachment holding `reply`'s suggestions as buttons, or `nil` when it has none.
    func attachment(for reply: Reply, team: String, channel: String, root: String?) -> [String: Any]? {
        let buttons = SuggestionButton.buttons(for: reply)
        guard !buttons.isEmpty else { return nil }
        let actions: [[String: Any]] = buttons.map { button in
            let context = Context(say: button.ask, team: team, channel: channel, root: root)
            var fields: [String: Any] = ["say": context.say, "team_id": team, "channel_id": channel, "signature": signature(context)]
            if let root { fields["root_id"] = root }
            // Ids must be letters and digits only: Mattermost routes a click by the id in a URL path.
            return ["id": "muster\(button.index)", "type": "button", "name": button.label, "integration": ["url": callbackURL, "context": fields]]
        }
        return ["fallback": "Follow-ups: " + reply.suggestions.joined(separator: " · "), "actions": actions]
    }

    /// The context a click carries, when its signature is Muster's; else `nil`.
    func verified(_ context: JSONFields) -> Context? {
        guard let say = context.string("say"), let team = context.string("team_id"), let channel = context.string("channel_id"),
              let presented = context.string("signature")
        else { return nil }
        let found = Context(say: say, team: team, channel: channel, root: context.string("root_id"))
        return RequestSignature.constantTimeEqual(signature(found), presented) ? found : nil
    }

    private func signature(_ context: Context) -> String {
        let text = [context.team, context.channel, context.root ?? "", context.say].joined(separator: "\n")
        return HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)).map { String(format: "%02x", $0) }.joined()
    }
}
