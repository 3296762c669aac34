import MusterBot

/// Renders a reply as Markdown for Mattermost and the generic webhook.
///
/// Mattermost splits posts over 16,383 characters into several; Muster keeps an answer in one post and says when it
/// had to cut.
public struct MarkdownRenderer: Sendable {
    /// The most characters in one Mattermost post.
    public static let maximumLength = 16_383

    private let style = MarkupStyle.markdown

    /// Creates a renderer.
    public init() {}

    /// The reply as Markdown; without the line of suggestions when they are shown as buttons.
    public func render(_ reply: Reply, buttons: Bool = false) -> String {
        var blocks = ["#### " + style.escape(reply.title)]
        if !reply.facts.isEmpty { blocks.append(style.lines(for: reply.facts).joined(separator: "  \n")) }
        for section in reply.sections {
            var lines = section.heading.map { [style.bold(style.escape($0))] } ?? []
            for item in section.items {
                let itemLines = style.lines(for: item)
                if case .draft = item {
                    lines += itemLines.map { "> " + $0 }
                } else {
                    lines += itemLines
                }
            }
            blocks.append(lines.joined(separator: "  \n"))
        }
        let closing = style.closing(of: reply, buttons: buttons && !reply.suggestions.isEmpty)
        if !closing.isEmpty { blocks.append(closing.joined(separator: "  \n")) }

        var text = ""
        let note = "\n\n_This answer was too long for one post and has been cut; ask for fewer posts, or use the web console._"
        for block in blocks {
            let next = text.isEmpty ? block : text + "\n\n" + block
            if next.count + note.count <= Self.maximumLength {
                text = next
                continue
            }
            // Keep as many of the block's lines as fit, as Slack and Teams do, rather than dropping it whole.
            var separator = text.isEmpty ? "" : "\n\n"
            for line in block.components(separatedBy: "  \n") {
                let longer = text + separator + line
                guard longer.count + note.count <= Self.maximumLength else { break }
                text = longer
                separator = "  \n"
            }
            return text + note
        }
        return text
    }
}
