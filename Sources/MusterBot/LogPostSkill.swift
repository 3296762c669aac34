import Foundation
import MusterCore

/// "log this: …": stores a post from somewhere no source reaches — a Facebook group, a WhatsApp message, a phone
/// call — with who logged it, where and when, enriched like any post so answers count it.
struct LogPostSkill: Skill {
    let intent = "log_post"
    static let requiredRole = Speaker.Role.officer

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard turn.speaker.may(Self.requiredRole) else {
            return Answer(reply: Reply(title: "Logging posts needs the officer role."), basis: nil)
        }
        guard let logged = context.loggedPosts, let enricher = context.enricher else {
            return Answer(reply: Reply(title: "Muster cannot log posts from here: ask whoever runs it to use `muster ingest`."), basis: nil)
        }
        // The words as typed, not as normalised for matching: the post keeps its capitals and shorthand.
        let text = Self.loggedText(in: turn.message) ?? turn.slots["text"] ?? ""
        guard !text.isEmpty else { return Answer(reply: Reply(title: "There is nothing after the colon to log."), basis: nil) }
        let now = context.clock.now
        // The author is whoever said it elsewhere, unknown here; a member of the public, so that mood and topic
        // answers count it as what people are saying. Who logged it is its provenance, not its author.
        let post = enricher.enrich(Post(
            source: LoggedPost.source, externalID: "log-\(UUID().uuidString.lowercased())", url: Self.firstLink(in: text),
            author: Author(handle: "staff-log", name: "logged by \(turn.speaker.name)", kind: .public), text: text,
            // A second before now: answers count posts made before the moment asked, and one logged "now" would
            // otherwise miss a question asked within the same second.
            createdAt: now.addingTimeInterval(-1),
            raw: "logged by \(turn.speaker.name) in \(turn.speaker.channel)"
        ))
        let id = try logged.log(post, by: turn.speaker.name, place: turn.speaker.channel, at: now)
        try context.store.audit(AuditEntry(at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "log post", detail: "post \(id): \(text.prefix(200))"))
        var read: [String] = post.topics.map { context.label(ofTopic: $0) }
        if let area = post.area, let ward = context.config.ward(named: area) { read.append(ward.displayName) }
        read.append(post.sentimentLabel.rawValue)
        let lines: [Reply.Item] = [
            .text("“\(text)”"),
            .text("Read as: \(read.joined(separator: " · ")). It counts in answers from now on, as a post from the public (source “\(LoggedPost.source)”)."),
            .text("To take it back: “remove logged post \(id)” (you or a lead)."),
        ]
        return Answer(reply: Reply(title: "Logged as post \(id) by \(turn.speaker.name).", sections: [Reply.Section(nil, lines)]), basis: nil)
    }

    /// What follows the first colon or " - " of the message as typed.
    static func loggedText(in message: String) -> String? {
        let separator = [message.range(of: ":"), message.range(of: " - ")].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
        guard let separator else { return nil }
        let text = message[separator.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static func firstLink(in text: String) -> String? {
        text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("https://") || $0.hasPrefix("http://") }.map(String.init)
    }
}

/// "remove logged post 1204": takes back a logged post — the one who logged it, or a lead.
struct UnlogPostSkill: Skill {
    let intent = "unlog_post"

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard let logged = context.loggedPosts, let number = turn.slots["logged"].flatMap({ Int64($0) }) else {
            return Answer(reply: Reply(title: "Which logged post? Give the number Muster gave it, e.g. “remove logged post 1204”."), basis: nil)
        }
        guard let provenance = try logged.provenance(of: number) else {
            return Answer(reply: Reply(title: "There is no logged post \(number).", sections: [Reply.Section(nil, [.text("Only posts logged from chat can be removed this way.")])]), basis: nil)
        }
        guard provenance.loggedBy == turn.speaker.name || turn.speaker.may(.lead) else {
            return Answer(reply: Reply(title: "Only \(provenance.loggedBy), who logged post \(number), or a lead can remove it."), basis: nil)
        }
        let now = context.clock.now
        guard try logged.removeLogged(number) else { return Answer(reply: Reply(title: "Logged post \(number) was already removed."), basis: nil) }
        try context.store.audit(AuditEntry(
            at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "remove logged post",
            detail: "post \(number), logged by \(provenance.loggedBy) in \(provenance.platform):\(provenance.channel)"
        ))
        return Answer(reply: Reply(title: "Removed logged post \(number).", sections: [Reply.Section(nil, [.text("It no longer counts in answers. Recorded in the audit log.")])]), basis: nil)
    }
}
