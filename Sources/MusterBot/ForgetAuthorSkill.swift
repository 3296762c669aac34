import MusterCore

/// "forget @jo_bloggs": a person's right to erasure, from chat. Asked without "confirm", it says what would go and
/// the words that carry it out; with them, every post by the handle is deleted and their later posts withheld.
struct ForgetAuthorSkill: Skill {
    let intent = "forget_author"
    static let requiredRole = Speaker.Role.lead

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard turn.speaker.may(Self.requiredRole) else {
            return Answer(reply: Reply(title: "Erasing a person's posts needs the lead role."), basis: nil)
        }
        guard let data = context.personalData, let handle = turn.slots["handle"] else {
            return Answer(reply: Reply(title: "Muster cannot erase posts from here: ask whoever runs it to use `muster forget-author`."), basis: nil)
        }
        guard turn.slots["confirm"] != nil else {
            let held = try data.exportAuthor(handle, source: nil)
            let sections = [Reply.Section(nil, [
                .text("This deletes \(held.posts.count.grouped) post\(held.posts.count == 1 ? "" : "s") by \(handle) on every source, and withholds their later posts when they are ingested. Only a salted hash of the handle is kept. It cannot be undone."),
                .text("To go ahead, send: “forget \(handle) confirm”."),
            ])]
            return Answer(reply: Reply(title: "Forget \(handle)?", sections: sections), basis: nil)
        }
        let now = context.clock.now
        let removed = try data.forgetAuthor(handle, source: nil, at: now)
        try context.store.audit(AuditEntry(
            at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "forget author", detail: "\(handle) on every source: \(removed.grouped) posts deleted"
        ))
        let sections = [Reply.Section(nil, [.text("Their later posts will be withheld at ingest. Recorded in the audit log.")])]
        return Answer(reply: Reply(title: "Forgot \(handle): \(removed.grouped) post\(removed == 1 ? "" : "s") deleted by \(turn.speaker.name).", sections: sections), basis: nil)
    }
}
