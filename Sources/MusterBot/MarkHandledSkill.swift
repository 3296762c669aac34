import MusterCore

/// "Mark post 3 handled": takes a post off the unanswered list, recording who and when, in the audit log too.
struct MarkHandledSkill: Skill {
    let intent = "mark_handled"
    static let requiredRole = Speaker.Role.officer

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard turn.speaker.may(Self.requiredRole) else {
            return Answer(reply: Reply(title: "Marking posts handled needs the officer role."), basis: nil)
        }
        let known = turn.previous?.posts ?? [:]
        let reference = turn.slots["post"] ?? ""
        guard let number = PostNumber.parse(reference, last: known.keys.max()), let id = known[number],
              let post = try context.store.posts(ids: [id]).first
        else {
            let hint = known.isEmpty ? "Ask “what needs a reply?” first, then mark a post by its number." : "The last answer numbered posts \(known.keys.min()!)–\(known.keys.max()!)."
            return Answer(reply: Reply(title: "I can't find “\(reference)” in the last answer.", sections: [Reply.Section(nil, [.text(hint)])]), basis: nil)
        }
        let now = context.clock.now
        guard try context.store.markHandled(postID: id, by: turn.speaker.name, at: now) else {
            return Answer(reply: Reply(title: "Post \(number) is no longer in the store."), basis: nil)
        }
        try context.store.audit(AuditEntry(
            at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "mark handled",
            detail: "\(post.source)/\(post.externalID) by @\(post.author.handle)"
        ))
        let reply = Reply(
            title: "Post \(number) marked handled by \(turn.speaker.name) at \(context.local.time(now)).",
            sections: [Reply.Section(nil, [.post(PostReference(post, number: number, local: context.local)), .text("It no longer shows as waiting for a reply. Recorded in the audit log.")])]
        )
        return Answer(reply: reply, basis: turn.previous?.basis)
    }
}
