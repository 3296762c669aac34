/// Renders a reply as plain text for the CLI and transcripts: stable, readable, no markup.
public struct TextRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The reply as lines of text.
    public func render(_ reply: Reply) -> String {
        var lines = [reply.title]
        if !reply.facts.isEmpty {
            let width = reply.facts.map(\.label.count).max() ?? 0
            for fact in reply.facts {
                lines.append("  \(fact.label.padding(toLength: width, withPad: " ", startingAt: 0))  \(fact.value)")
            }
        }
        for section in reply.sections {
            lines.append("")
            if let heading = section.heading { lines.append(heading) }
            for item in section.items {
                lines += render(item)
            }
        }
        if let footer = reply.footer {
            lines.append("")
            lines.append(footer)
        }
        if !reply.suggestions.isEmpty {
            lines.append("Try: " + reply.suggestions.map { "“\($0)”" }.joined(separator: " · "))
        }
        return lines.joined(separator: "\n")
    }

    private func render(_ item: Reply.Item) -> [String] {
        switch item {
        case .text(let text):
            return [text]
        case .bullet(let text):
            return ["  • \(text)"]
        case .sparkline(let values, let caption):
            return ["  \(Sparkline.render(values))  \(caption)"]
        case .draft(let draft):
            var lines = ["  Draft: \(draft.long)", "  Short (\(draft.short.count) of \(Draft.shortLimit) characters): \(draft.short)"]
            if !draft.gaps.isEmpty { lines.append("  Fill in before posting: \(draft.gaps.joined(separator: "; "))") }
            if !draft.builtFrom.isEmpty { lines.append("  Built from: \(draft.builtFrom.joined(separator: "; "))") }
            return lines
        case .post(let post):
            var head = "  [\(post.number)] "
            if let note = post.note { head += "\(note) — " }
            head += "\(post.author), \(post.time): \"\(post.text)\""
            var lines = [head]
            let detail = [post.engagement, post.url].compactMap { $0 }.joined(separator: " · ")
            if !detail.isEmpty { lines.append("      \(detail)") }
            return lines
        }
    }
}
