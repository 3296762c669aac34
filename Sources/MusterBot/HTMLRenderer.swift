/// Renders a reply as an HTML fragment for the web console. Every piece of text — the public's posts included — is
/// escaped, so a post cannot inject markup into the page.
public struct HTMLRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The reply as a `<section class="reply">` fragment.
    public func render(_ reply: Reply) -> String {
        var html = "<section class=\"reply\">\n<h2>\(escape(reply.title))</h2>\n"
        if !reply.facts.isEmpty {
            html += "<dl class=\"facts\">\n"
            for fact in reply.facts { html += "<dt>\(escape(fact.label))</dt><dd>\(escape(fact.value))</dd>\n" }
            html += "</dl>\n"
        }
        for section in reply.sections {
            html += "<div class=\"section\">\n"
            if let heading = section.heading { html += "<h3>\(escape(heading))</h3>\n" }
            html += section.items.map(render).joined(separator: "\n") + "\n</div>\n"
        }
        if let footer = reply.footer { html += "<p class=\"footer\">\(escape(footer))</p>\n" }
        if !reply.suggestions.isEmpty {
            html += "<p class=\"suggestions\">" + reply.suggestions.map { "<button type=\"button\" class=\"suggestion\">\(escape($0))</button>" }.joined(separator: " ") + "</p>\n"
        }
        return html + "</section>"
    }

    private func render(_ item: Reply.Item) -> String {
        switch item {
        case .text(let text):
            return "<p>\(escape(text))</p>"
        case .bullet(let text):
            return "<ul><li>\(escape(text))</li></ul>"
        case .sparkline(let values, let caption):
            return "<p class=\"sparkline\" title=\"\(escape(values.map(String.init).joined(separator: ", ")))\">\(Sparkline.render(values)) <small>\(escape(caption))</small></p>"
        case .draft(let draft):
            let basis = draft.builtFrom.isEmpty ? "" : "<p class=\"basis\"><small>Built from: \(escape(draft.builtFrom.joined(separator: "; ")))</small></p>"
            return """
                <blockquote class="draft"><p>\(escape(draft.long))</p><p class="short">\(escape(draft.short)) \
                <small>(\(draft.short.count)/\(Draft.shortLimit))</small></p>\(basis)</blockquote>
                """
        case .post(let post):
            let link = post.url.map { " <a href=\"\(escape($0))\" rel=\"noopener noreferrer\">open</a>" } ?? ""
            let note = post.note.map { "<em>\(escape($0))</em> — " } ?? ""
            let engagement = post.engagement.map { " <small>\(escape($0))</small>" } ?? ""
            return "<p class=\"post\"><b>[\(post.number)]</b> \(note)\(escape(post.author)), \(escape(post.time)): “\(escape(post.text))”\(engagement)\(link)</p>"
        }
    }

    /// Text made safe inside HTML elements and double-quoted attributes.
    public func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
