import MusterBot

/// A follow-up suggestion shown as a button: pressing it asks what the suggestion says, in the same conversation, as
/// if it had been typed (so a press is role-checked and audited as the typed command is).
struct SuggestionButton {
    /// The most buttons an answer shows; more would crowd a phone's screen.
    static let maximumCount = 5
    /// The longest label Slack accepts on a button (Teams and Mattermost show less before wrapping).
    static let maximumLabel = 75

    /// Its place among the answer's buttons, from 0.
    let index: Int
    /// What pressing it asks ("show me the posts").
    let ask: String

    /// What the button says: the suggestion with a capital letter ("Show me the posts").
    var label: String {
        let text = ask.prefix(1).uppercased() + ask.dropFirst()
        return text.count <= Self.maximumLabel ? text : String(text.prefix(Self.maximumLabel - 1)) + "…"
    }

    /// The buttons for a reply's suggestions.
    static func buttons(for reply: Reply) -> [SuggestionButton] {
        reply.suggestions.prefix(maximumCount).enumerated().map { SuggestionButton(index: $0.offset, ask: $0.element) }
    }
}
