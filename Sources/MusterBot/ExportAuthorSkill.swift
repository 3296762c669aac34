import MusterCore

/// "what do we hold on @jo_bloggs?": a subject access request's first look, from chat — how many of their posts
/// are held and the newest of them; the full record as JSON comes from `muster export-author`.
struct ExportAuthorSkill: Skill {
    let intent = "export_author"
    static let requiredRole = Speaker.Role.lead
    /// Their posts shown in the reply; the JSON export has every one.
    static let shown = 5

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard turn.speaker.may(Self.requiredRole) else {
            return Answer(reply: Reply(title: "What Muster holds about a person is for leads and admins."), basis: nil)
        }
        guard let data = context.personalData, let handle = turn.slots["handle"] else {
            return Answer(reply: Reply(title: "Muster cannot export from here: ask whoever runs it to use `muster export-author`."), basis: nil)
        }
        let held = try data.exportAuthor(handle, source: nil)
        try context.store.audit(AuditEntry(
            at: context.clock.now, user: turn.speaker.name, channel: turn.speaker.channel, action: "export author",
            detail: "\(handle) on every source: \(held.posts.count) posts, \(held.mentions.count) mentions (chat summary)"
        ))
        var items: [Reply.Item] = held.posts.suffix(Self.shown).reversed().map { post in
            .bullet("\(post.source) · \(context.local.dayAndTime(post.createdAt)): “\(post.text.prefix(140))”")
        }
        if held.posts.count > Self.shown { items.append(.text("… and \((held.posts.count - Self.shown).grouped) older.")) }
        items.append(.text("The full record as JSON (every post as stored and as it arrived, and posts naming them): `muster export-author \(handle)`. Recorded in the audit log."))
        let title = "Held about \(handle): \(held.posts.count.grouped) post\(held.posts.count == 1 ? "" : "s") by them, \(held.mentions.count.grouped) by others naming them"
        return Answer(reply: Reply(title: title, sections: [Reply.Section(held.posts.isEmpty ? nil : "Their newest posts", items)]), basis: nil)
    }
}
