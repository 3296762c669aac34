import MusterCore

/// "Mark rumour 2 false: there was no gas explosion": records a rumour's status and official line (leads and
/// admins), audited, so later rebuttals use the line.
struct MarkRumourSkill: Skill {
    let intent = "mark_rumour"
    static let requiredRole = Speaker.Role.lead

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard turn.speaker.may(Self.requiredRole) else {
            return Answer(reply: Reply(title: "Only a comms lead or an admin can set a rumour's status; you are signed in as \(turn.speaker.role.rawValue)."), basis: nil)
        }
        let known = turn.previous?.rumours ?? [:]
        guard !known.isEmpty else {
            return Answer(reply: Reply(title: "Ask for the rumours first (e.g. “any rumours about the fire?”), then mark one by its number."), basis: nil)
        }
        let reference = turn.slots["rumour"] ?? ""
        guard let number = PostNumber.parse(reference, last: known.keys.max()), let key = known[number] else {
            return Answer(reply: Reply(title: "There is no “\(reference)” in the last list of rumours (1–\(known.keys.max() ?? 0))."), basis: nil)
        }
        let status = Self.status(turn.slots["status"])
        let line = turn.slots["line"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let now = context.clock.now
        try context.store.setRumour(RumourRecord(key: key, status: status, officialLine: line, setBy: turn.speaker.name, setAt: now))
        try context.store.audit(AuditEntry(
            at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "mark rumour",
            detail: "\(key) → \(status.rawValue)\(line.map { "; line: \($0)" } ?? "")"
        ))
        var items: [Reply.Item] = []
        if let line { items.append(.text("Official line: “\(line)”")) }
        items.append(.text("Rebuttal drafts for this rumour now use \(line == nil ? "its status" : "this line"). Recorded in the audit log."))
        return Answer(reply: Reply(title: "Rumour \(number) marked \(status.rawValue) by \(turn.speaker.name).", sections: [Reply.Section(nil, items)]), basis: nil)
    }

    /// The status slot as a status; the intents give `false`, `true` or `unverified` (`things.yaml`), and a line
    /// with no status word leaves a rumour unverified.
    static func status(_ word: String?) -> RumourStatus {
        word.flatMap { RumourStatus(rawValue: $0.lowercased()) } ?? .unverified
    }
}
