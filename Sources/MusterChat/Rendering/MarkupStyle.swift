import MusterBot

/// A chat dialect's inline markup: how it writes bold, italics and links, and how user text is made inert.
///
/// Slack's mrkdwn, Mattermost's Markdown and the Markdown subset of Adaptive Card text blocks differ in these few
/// places only, so each reply item is written once, here, for all three.
public struct MarkupStyle: Sendable {
    /// Bold text (already escaped).
    public var bold: @Sendable (String) -> String
    /// Italic text (already escaped).
    public var italic: @Sendable (String) -> String
    /// A link with a label (label already escaped).
    public var link: @Sendable (_ url: String, _ label: String) -> String
    /// Makes text from the public or staff inert in this dialect.
    public var escape: @Sendable (String) -> String

    /// Slack mrkdwn: `*bold*`, `_italic_`, `<url|label>`; only `&`, `<` and `>` are escaped, as Slack documents.
    public static let slack = MarkupStyle(
        bold: { "*\($0)*" }, italic: { "_\($0)_" },
        link: { url, label in "<\(url.replacingOccurrences(of: "|", with: "%7C").replacingOccurrences(of: ">", with: "%3E"))|\(label)>" },
        escape: { text in
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
    )

    /// CommonMark as Mattermost and Adaptive Cards read it: `**bold**`, `_italic_`, `[label](url)`. Inline markup
    /// characters in user text are backslash-escaped, and so is a block marker (`#`, `>`, `-`, `+`) that starts it.
    public static let markdown = MarkupStyle(
        bold: { "**\($0)**" }, italic: { "_\($0)_" },
        link: { url, label in "[\(label)](\(url.replacingOccurrences(of: ")", with: "%29").replacingOccurrences(of: " ", with: "%20")))" },
        escape: { text in
            var result = ""
            result.reserveCapacity(text.count)
            if let first = text.first, "#>-+".contains(first) { result.append("\\") }
            for character in text {
                if "\\`*_[]|~".contains(character) { result.append("\\") }
                result.append(character)
            }
            return result
        }
    )

    /// One reply item as lines of markup.
    public func lines(for item: Reply.Item) -> [String] {
        switch item {
        case .text(let text):
            return [escape(text)]
        case .bullet(let text):
            return ["• \(escape(text))"]
        case .sparkline(let values, let caption):
            return ["\(Sparkline.render(values))  \(italic(escape(caption)))"]
        case .draft(let draft):
            var lines = [bold("Draft:") + " " + escape(draft.long), italic("Short (\(draft.short.count) of \(Draft.shortLimit) characters):") + " " + escape(draft.short)]
            if !draft.gaps.isEmpty { lines.append(italic("Fill in before posting: \(escape(draft.gaps.joined(separator: "; ")))")) }
            if !draft.builtFrom.isEmpty { lines.append(italic("Built from: \(escape(draft.builtFrom.joined(separator: "; ")))")) }
            return lines
        case .post(let post):
            var line = bold("[\(post.number)]") + " "
            if let note = post.note { line += italic(escape(note)) + " — " }
            line += "\(escape(post.author)), \(escape(post.time)): “\(escape(post.text))”"
            let detail = [post.engagement.map(escape), post.url.map { link($0, "open") }].compactMap { $0 }
            if !detail.isEmpty { line += "  " + detail.joined(separator: " · ") }
            return [line]
        }
    }

    /// The facts as `label: value` lines.
    public func lines(for facts: [Reply.Fact]) -> [String] {
        facts.map { bold(escape($0.label)) + ": " + escape($0.value) }
    }

    /// The footer and suggestions as lines; without the suggestions when they are shown as buttons.
    public func closing(of reply: Reply, buttons: Bool = false) -> [String] {
        var lines: [String] = []
        if let footer = reply.footer { lines.append(italic(escape(footer))) }
        if !reply.suggestions.isEmpty, !buttons { lines.append("Try: " + reply.suggestions.map { "“\(escape($0))”" }.joined(separator: " · ")) }
        return lines
    }
}
