import MusterBot

/// Renders a reply as a Slack message: Block Kit blocks in mrkdwn, with plain `text` as the notification fallback.
///
/// Slack's limits are kept with room to spare: 50 blocks, 3,000 characters a section, 150 a header, and about
/// 12,000 characters in all (longer messages were seen refused as `msg_blocks_too_long`). What does not fit is cut
/// with a line saying so.
public struct SlackRenderer: Sendable {
    /// The most blocks a message may have.
    public static let maximumBlocks = 50
    /// The most characters in a section's text.
    public static let maximumSectionText = 3000
    /// The most characters in a header.
    public static let maximumHeader = 150
    /// The characters across all blocks Muster allows itself.
    public static let characterBudget = 11_000

    private let style = MarkupStyle.slack

    /// Creates a renderer.
    public init() {}

    /// The prefix of the actions block's id; the rest is the conversation a press continues.
    static let conversationBlockPrefix = "muster:"

    /// The message body for `chat.postMessage`, an incoming webhook, a `response_url` or a slash command's response.
    ///
    /// - Parameter conversation: when given, the suggestions are buttons whose presses continue that conversation
    ///   (only a Slack app, with an interactivity endpoint, can take presses); else they are a line of text.
    public func message(_ reply: Reply, buttonsFor conversation: String? = nil) -> [String: Any] {
        ["text": fallback(reply), "blocks": blocks(reply, buttonsFor: conversation)]
    }

    /// The blocks.
    public func blocks(_ reply: Reply, buttonsFor conversation: String? = nil) -> [[String: Any]] {
        let buttons = conversation.map { actions(SuggestionButton.buttons(for: reply), conversation: $0) } ?? nil
        var builder = Builder(reserved: buttons == nil ? 0 : 1)
        builder.add(["type": "header", "text": ["type": "plain_text", "text": Self.clip(reply.title, to: Self.maximumHeader), "emoji": false]], size: reply.title.count)
        if !reply.facts.isEmpty {
            builder.addSections(style.lines(for: reply.facts))
        }
        for section in reply.sections {
            var lines = section.heading.map { [style.bold(style.escape($0))] } ?? []
            lines += section.items.flatMap(style.lines(for:))
            builder.addSections(lines)
        }
        let closing = style.closing(of: reply, buttons: buttons != nil)
        if !closing.isEmpty {
            builder.add(["type": "context", "elements": closing.prefix(10).map { ["type": "mrkdwn", "text": Self.clip($0, to: 2000)] }], size: closing.joined().count)
        }
        return builder.finish() + (buttons.map { [$0] } ?? [])
    }

    /// The suggestions as an actions block of buttons, or `nil` when there are none. The block's id carries the
    /// conversation, so a press on an answer outside a thread (a slash command's) still continues it.
    private func actions(_ buttons: [SuggestionButton], conversation: String) -> [String: Any]? {
        guard !buttons.isEmpty else { return nil }
        let elements: [[String: Any]] = buttons.map {
            ["type": "button", "action_id": "muster_suggestion_\($0.index)", "text": ["type": "plain_text", "text": $0.label, "emoji": false], "value": String($0.ask.prefix(2000))]
        }
        return ["type": "actions", "block_id": String((Self.conversationBlockPrefix + conversation).prefix(255)), "elements": elements]
    }

    /// The title and facts as plain text, for notifications and clients that cannot show blocks.
    public func fallback(_ reply: Reply) -> String {
        Self.clip(([reply.title] + reply.facts.map { "\($0.label): \($0.value)" }).map(style.escape).joined(separator: "\n"), to: 3000)
    }

    static func clip(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private struct Builder {
        private var blocks: [[String: Any]] = []
        private var characters = 0
        private var cut = false
        /// Blocks kept free for what follows the builder's (the buttons).
        let reserved: Int

        init(reserved: Int) {
            self.reserved = reserved
        }

        mutating func add(_ block: [String: Any], size: Int) {
            // One block stays free for the line that says something was cut.
            guard !cut, blocks.count < SlackRenderer.maximumBlocks - 1 - reserved, characters + size <= SlackRenderer.characterBudget else {
                cut = true
                return
            }
            blocks.append(block)
            characters += size
        }

        /// Adds lines as mrkdwn sections, starting a new section before one would pass 3,000 characters.
        mutating func addSections(_ lines: [String]) {
            var text = ""
            for line in lines.map({ SlackRenderer.clip($0, to: SlackRenderer.maximumSectionText) }) {
                if !text.isEmpty, text.count + 1 + line.count > SlackRenderer.maximumSectionText {
                    section(text)
                    text = ""
                }
                text += text.isEmpty ? line : "\n" + line
            }
            if !text.isEmpty { section(text) }
        }

        private mutating func section(_ text: String) {
            add(["type": "section", "text": ["type": "mrkdwn", "text": text]], size: text.count)
        }

        func finish() -> [[String: Any]] {
            guard cut else { return blocks }
            let note = "_This answer was too long for Slack and has been cut; ask for fewer posts, or use the web console._"
            return blocks + [["type": "context", "elements": [["type": "mrkdwn", "text": note]]]]
        }
    }
}
