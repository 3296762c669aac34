import MusterConfig
import MusterCore

/// Fills the organisation's reply templates with what the store holds, never with invented facts; what only staff
/// know stays as a `[confirm: …]` gap.
struct DraftWriter: Sendable {
    let templates: DraftTemplates
    let voice: BrandVoice

    /// An official post a draft states the facts of, with who said it: "Northbridge Fire and Rescue (@NorthbridgeFire),
    /// Thu 26 Nov 21:17".
    struct Source {
        var text: String
        var who: String
    }

    /// A reply to one post. Someone in trouble, asking, or passing on a claim is pointed to the official source
    /// (and 999 when in danger) rather than given the topic's usual reply; anyone else gets the template for the
    /// post's first topic.
    func reply(to post: Post, topicLabel: String?, latestOfficial: Source?) -> Draft {
        let source = latestOfficial.map { ["official_line": Self.sentence($0.text), "official_source": $0.who] }
            ?? ["official_line": "[confirm: the latest confirmed facts]", "official_source": "[confirm: the official account]"]
        let values = ["handle": "@\(post.author.handle)", "topic": topicLabel?.lowercased() ?? "this"].merging(source) { $1 }
        let facts = latestOfficial.map { ["the official post by \($0.who)"] } ?? []
        if post.kinds.contains(.distress), let template = templates.post["distress"] {
            return fill(template, values, from: ["the distress reply in drafts.yaml"] + facts)
        }
        if !post.kinds.isDisjoint(with: [.question, .claim]), latestOfficial != nil, let template = templates.post["asking"] {
            return fill(template, values, from: ["the asking reply in drafts.yaml"] + facts)
        }
        let name = post.topics.first { templates.post[$0] != nil } ?? "default"
        return fill(templates.post[name], values, from: ["the \(name) reply in drafts.yaml"])
    }

    /// A rebuttal for a rumour about `subject`: the facts once an official line is set or an official post answers
    /// it, otherwise a reply that promises to check. It never repeats the claim: that would spread it.
    func rebuttal(subject: String, status: RumourStatus, officialLine: Source?) -> Draft {
        let template = templates.rumour[status.rawValue] ?? templates.rumour["unverified"]
        let line = officialLine.map { Self.sentence($0.text) } ?? "[confirm: the official line]"
        let facts = officialLine.map { ["the official line from \($0.who)"] } ?? []
        return fill(template, ["subject": subject, "official_line": line], from: ["the \(status.rawValue) rebuttal in drafts.yaml"] + facts)
    }

    /// The stages an incident's holding statement is written for.
    enum Stage: String {
        /// Its first hour: what has happened is still to be confirmed.
        case firstHour = "first_hour"
        /// Under way.
        case ongoing
        /// Official sources have reported deaths or injuries: the statement opens with condolence.
        case casualties
        /// Over: thanks, and what is still affected.
        case recovery
    }

    /// A holding statement for an incident at `stage`, stating the latest official line when there is one.
    func holdingStatement(incident: String, place: String, stage: Stage = .firstHour, latestOfficial: Source? = nil) -> Draft {
        let line = latestOfficial.map { "The latest from \($0.who): " + Self.sentence($0.text) } ?? "[confirm: the latest confirmed facts]"
        let facts = latestOfficial.map { ["the official post by \($0.who)"] } ?? []
        return fill(templates.holdingStatement[stage.rawValue] ?? templates.holdingStatement[Stage.firstHour.rawValue],
                    ["incident": incident, "place": place, "official_line": line],
                    from: ["the \(stage.rawValue.replacingOccurrences(of: "_", with: " ")) holding statement in drafts.yaml"] + facts)
    }

    /// A reply to a theme people are raising, named by its taxonomy label ("bins and waste") or as "this".
    func themeReply(theme: String, place: String) -> Draft {
        fill(templates.theme, ["theme": theme, "place": place], from: ["the theme reply in drafts.yaml"])
    }

    private func fill(_ template: DraftTemplates.Template?, _ values: [String: String], from sources: [String]) -> Draft {
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
        return Draft(long: render(template.long), short: short, tone: voice.tone, builtFrom: sources)
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
