import MusterCore

/// "What's the mood in Quayside?": overall volume and sentiment for an area (or everywhere) against the period
/// before, and the topics driving it.
struct TemperatureSkill: Skill {
    let intent = "temperature"
    static let topicCount = 5

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let now = context.clock.now
        let scope = try context.scope(turn.slots)
        let (window, place) = (scope.window, scope.place)
        var query = scope.query
        query.authorKinds = [.public]
        let title = "The mood \(place) · \(window.label)"
        let basis = FollowUpBasis(intent: intent, slots: turn.slots, query: query, title: title)
        let footer = try Freshness.line(context: context, now: now)
        let current = try context.store.aggregate(query)
        let previous = try context.store.aggregate(query.over(window.previous))
        guard current.count > 0 else {
            let reply = Reply(title: title, sections: [Reply.Section(nil, [.text("No posts from the public \(place) \(Wording.during(window)).")])], footer: footer)
            return Answer(reply: reply, basis: basis)
        }
        let facts = [
            Reply.Fact("Posts", "\(current.count.grouped) from the public — \(Wording.change(current.count, from: previous.count, window: window))"),
            Reply.Fact("Mood", Wording.sentiment(current)),
            Reply.Fact("Compared", Self.shift(current, previous, window: window)),
        ]
        let volume = VolumeBuckets(window: window, local: context.local)
        var sections = [Reply.Section("Volume", [.sparkline(try context.store.volume(query, buckets: volume.count), caption: volume.caption)])]
        let topics = try context.store.topicCounts(query, limit: Self.topicCount)
        let before = Dictionary(uniqueKeysWithValues: try context.store.topicCounts(query.over(window.previous), limit: 100).map { ($0.topic, $0.count) })
        if !topics.isEmpty {
            sections.append(Reply.Section("What it is about", topics.map { topic in
                let label = context.label(ofTopic: topic.topic)
                let negative = Int((Double(topic.negative) / Double(topic.count) * 100).rounded())
                return .bullet("\(label): \(Wording.posts(topic.count)), \(negative)% negative (\(before[topic.topic, default: 0].grouped) before)")
            }))
        }
        return Answer(reply: Reply(title: title, facts: facts, sections: sections, footer: footer), basis: basis)
    }

    /// "more negative than the previous 7 days (31% → 44% negative)".
    static func shift(_ current: PostAggregate, _ previous: PostAggregate, window: TimeWindow) -> String {
        guard previous.count > 0 else { return "no posts in \(window.previous.label) to compare with" }
        let now = Wording.share(current, .negative)
        let then = Wording.share(previous, .negative)
        let direction = now > then + 2 ? "more negative than" : now < then - 2 ? "less negative than" : "about as negative as"
        return "\(direction) \(window.previous.label) (\(then)% → \(now)% negative)"
    }
}
