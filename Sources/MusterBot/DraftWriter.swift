import MusterConfig
import MusterCore

/// Fills the organisation's reply templates with what the store holds, never with invented facts; what only staff
/// know stays as a `[confirm: …]` gap.
struct DraftWriter: Sendable {
    let templates: DraftTemplates
    let voice: BrandVoice

    /// A reply to one post, in the template for its first topic.
    func reply(to post: Post, topicLabel: String?) -> Draft {
        let template = post.topics.lazy.compactMap { templates.post[$0] }.first ?? templates.post["default"]
        return fill(template, ["handle": "@\(post.author.handle)", "topic": topicLabel?.lowercased() ?? "this"])
    }

    /// A rebuttal for a rumour: the official line once set, otherwise a holding reply that promises to check.
    func rebuttal(claim: String, status: RumourStatus, officialLine: String?) -> Draft {
        let template = templates.rumour[status.rawValue] ?? templates.rumour["unverified"]
        let line = officialLine.map(Self.sentence) ?? "[confirm: the official line]"
        return fill(template, ["claim": Self.clip(claim, to: 140), "official_line": line])
    }

    /// A holding statement for an incident.
    func holdingStatement(incident: String, place: String) -> Draft {
        fill(templates.holdingStatement, ["incident": incident, "place": place])
    }

    /// A reply to a theme people are raising.
    func themeReply(theme: String, place: String) -> Draft {
        fill(templates.theme, ["theme": theme, "place": place])
    }

    private func fill(_ template: DraftTemplates.Template?, _ values: [String: String]) -> Draft {
        guard let template else {
            return Draft(long: "[confirm: no template for this reply in drafts.yaml]", short: "[confirm: reply]", tone: voice.tone)
        }
        var all = values
        all["sign_off"] = "— \(voice.signOff)"
        func render(_ text: String) -> String {
            var result = text
            for (key, value) in all { result = result.replacingOccurrences(of: "{\(key)}", with: value) }
            return result
        }
        var short = render(template.short)
        if short.count > Draft.shortLimit {
            // Trim the variable text, never the sign-off: a draft that cannot be posted as is helps nobody.
            let signOff = all["sign_off"]!
            short = Self.clip(String(short.dropLast(signOff.count)), to: Draft.shortLimit - signOff.count - 1) + " " + signOff
        }
        return Draft(long: render(template.long), short: short, tone: voice.tone)
    }

    /// The text ending in a full stop (or its own ! or ?), so the next sentence of a template reads right.
    static func sentence(_ text: String) -> String {
        guard let last = text.last, last.isLetter || last.isNumber || last == "\"" || last == "”" else { return text }
        return text + "."
    }

    static func clip(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
