import MusterCore

/// "stop watch 2", "stop watching bins", "unwatch everything": stops watches posting into this conversation. An
/// officer stops the ones they set, a lead anyone's; an incident room's watches stop when it is closed.
struct UnwatchSkill: Skill {
    let intent = "unwatch"

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard let stores = context.speakingFirst else { return Answer(reply: .alertsUnavailable, basis: nil) }
        let here = try stores.watches.watches(in: turn.conversation)
        let chosen: [Watch]
        if let number = turn.slots["watch"].flatMap({ Int64($0) }) {
            guard let watch = here.first(where: { $0.id == number }) else {
                return Answer(reply: Reply(title: "There is no watch \(number) here.", sections: [Self.listHint]), basis: nil)
            }
            chosen = [watch]
        } else if turn.slots["all"] != nil {
            chosen = here.filter { $0.incidentID == nil }
            guard !chosen.isEmpty else {
                let title = here.isEmpty ? "Nothing is being watched here." : "Only incident rooms are watching here; “close incident” stops theirs."
                return Answer(reply: Reply(title: title), basis: nil)
            }
        } else {
            chosen = try matching(turn, in: here.filter { $0.incidentID == nil }, context: context)
            guard !chosen.isEmpty else {
                return Answer(reply: Reply(title: "Nothing set here watches that.", sections: [Self.listHint]), basis: nil)
            }
            // "stop the alert" with several here: which one is not for Muster to guess.
            if chosen.count > 1, turn.slots["topic"] == nil, turn.slots["area"] == nil, turn.slots["rumours"] == nil {
                return Answer(reply: Reply(title: "Which watch? Say “stop watch N” with its number, or “stop watching everything”.",
                                           sections: [Reply.Section(nil, chosen.map { .bullet("\($0.id) — \($0.described)") })]), basis: nil)
            }
        }
        if chosen.count == 1, let watch = chosen.first, let incidentID = watch.incidentID {
            let name = try stores.incidents.openIncidents(in: turn.conversation).first { $0.id == incidentID }?.name ?? watch.label
            return Answer(reply: Reply(title: "Watch \(watch.id) belongs to the incident room “\(name)”: it stops when the incident is closed (“close incident”)."), basis: nil)
        }
        let mine = chosen.filter { $0.setBy == turn.speaker.name || turn.speaker.may(.lead) }
        let others = chosen.filter { !mine.contains($0) }
        guard !mine.isEmpty else {
            let setters = Wording.list(Array(Set(others.map(\.setBy))).sorted())
            let what = others.count == 1 ? "watch \(others[0].id)" : "those watches"
            return Answer(reply: Reply(title: "Only \(setters), who set \(what), or a lead can stop \(others.count == 1 ? "it" : "them")."), basis: nil)
        }
        let now = context.clock.now
        var stopped: [Watch] = []
        for watch in mine {
            if try stores.watches.remove(watch.id) { stopped.append(watch) }
        }
        try context.store.audit(AuditEntry(at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "unwatch",
                                           detail: stopped.map { "watch \($0.id): \($0.described), set by \($0.setBy)" }.joined(separator: "; ")))
        var items: [Reply.Item] = stopped.count > 1 ? stopped.map { .bullet("\($0.id) — \($0.described)") } : []
        if !others.isEmpty {
            let setters = Wording.list(Array(Set(others.map(\.setBy))).sorted())
            let left = others.count == 1 ? "watch \(others[0].id)" : "\(others.count) watches"
            items.append(.text("Left \(left), set by \(setters): only \(setters) or a lead can stop \(others.count == 1 ? "it" : "them")."))
        }
        if here.contains(where: { $0.incidentID != nil }) && turn.slots["all"] != nil {
            items.append(.text("The incident room’s alerts stay until “close incident”."))
        }
        let title = stopped.count == 1 ? "Stopped watch \(stopped[0].id): \(stopped[0].described)." : "Stopped \(stopped.count) watches:"
        return Answer(reply: Reply(title: title, sections: items.isEmpty ? [] : [Reply.Section(nil, items)]), basis: nil)
    }

    /// The watches the topic, area and kind named pick out; every one here when none is named.
    private func matching(_ turn: Turn, in watches: [Watch], context: SkillContext) throws -> [Watch] {
        let scope = try context.scope(turn.slots)
        let wards = Set(scope.wards.map(\.name))
        return watches.filter { watch in
            let topic: Bool = switch scope.topic {
            case .topic(let topic): watch.topics.contains(topic.name)
            case .text(let words): watch.text == words
            case .everything: true
            }
            let place = wards.isEmpty || !wards.isDisjoint(with: watch.areas)
            let kind = turn.slots["rumours"] == nil || watch.kind == .rumours
            return topic && place && kind
        }
    }

    private static let listHint = Reply.Section(nil, [.text("“what am I watching?” lists the watches here with their numbers.")])
}
