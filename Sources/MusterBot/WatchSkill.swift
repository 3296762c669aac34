import MusterCore

/// "tell me if anything about gas leaks spikes in Ward 3", "alert me to new rumours about the fire": sets a watch
/// that posts into this conversation when its posts spike against the usual for the hour of the week, or when a new
/// rumour about them spreads. Any officer may set one.
struct WatchSkill: Skill {
    let intent = "watch"
    static let requiredRole = Speaker.Role.officer

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard turn.speaker.may(Self.requiredRole) else {
            return Answer(reply: Reply(title: "Setting a watch needs the officer role."), basis: nil)
        }
        guard let stores = context.speakingFirst else { return Answer(reply: .alertsUnavailable, basis: nil) }
        let scope = try context.scope(turn.slots)
        guard scope.topic != .everything || !scope.wards.isEmpty else {
            return Answer(reply: Reply(
                title: "What should I watch? Name a topic or a place.",
                sections: [Reply.Section(nil, [.text("For example “watch bins in Riverside” or “alert me to new rumours about the fire”.")])]
            ), basis: nil)
        }
        let now = context.clock.now
        // The intents name the words that were there: a rumour word, "only big spikes", "anything at all".
        let kind: Watch.Kind = turn.slots["rumours"] != nil ? .rumours : .spike
        let sensitivity: Watch.Sensitivity = turn.slots["low"] != nil ? .low : turn.slots["high"] != nil ? .high : .normal
        var watch = Watch(
            kind: kind, areas: scope.wards.map(\.name), label: "\(scope.topic.label) \(scope.place)", conversation: turn.conversation,
            setBy: turn.speaker.name, sensitivity: sensitivity, createdAt: now
        )
        switch scope.topic {
        case .topic(let topic): watch.topics = [topic.name]
        case .text(let words): watch.text = words
        case .everything: break
        }
        if let same = try stores.watches.watches(in: turn.conversation).first(where: { $0.watchesSame(as: watch) }) {
            return Answer(reply: Reply(
                title: "Already watching that here: watch \(same.id), \(same.described), set by \(same.setBy).",
                sections: [Reply.Section(nil, [.text("To change how readily it alerts, “stop watch \(same.id)” and set it again.")])]
            ), basis: nil)
        }
        watch.id = try stores.watches.add(watch)
        try context.store.audit(AuditEntry(at: now, user: turn.speaker.name, channel: turn.speaker.channel, action: "watch",
                                           detail: "watch \(watch.id): \(watch.described) (\(sensitivity.rawValue))"))
        let what = switch kind {
        case .spike: "I'll post here when posts on it rise well above the usual for that hour of the week."
        case .rumours: "I'll post here when a new rumour about it starts to spread, or an official post denies one."
        }
        let readiness: String? = switch sensitivity {
        case .low: "Only big spikes will alert."
        case .high: "Even small rises will alert."
        case .normal: nil
        }
        let items: [Reply.Item] = [.text(what)] + [readiness].compactMap { $0 }.map { .text($0) }
            + [.text("“what am I watching?” lists the watches here; “stop watch \(watch.id)” stops this one.")]
        return Answer(reply: Reply(title: "Watch \(watch.id) set by \(turn.speaker.name): \(watch.described).", sections: [Reply.Section(nil, items)]), basis: nil)
    }
}
