import MusterConfig
import MusterCore

/// "Compare Ward 4 and Ward 5", "this week vs last week", "potholes vs street lights": two areas over one window, two
/// windows over one area, or two topics over one area and window, side by side — volume, mood, questions, media,
/// and what each side is about.
struct CompareSkill: Skill {
    let intent = "compare"
    static let topicCount = 3

    /// One side of a comparison: its name and its query.
    struct Side {
        var name: String
        var query: PostQuery
    }

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let slots = turn.slots
        let now = context.clock.now
        let resolver = context.resolver
        let window = try resolver.window(slots["window"], now: now)
        let wards = try resolver.areas(slots["area"])
        let (topic, _) = resolver.topic(slots["topic"]) ?? (.everything, [])
        var base = PostQuery(areas: wards.map(\.name), window: window)
        topic.apply(to: &base)
        let everywhere = context.config.organisation.shortName
        let sides: [Side]
        let title: String
        let place = wards.isEmpty ? "across \(everywhere)" : Wording.areas(wards.map(\.displayName), everywhere: everywhere)
        if let (otherTopic, _) = resolver.topic(slots["topic2"]) {
            var second = PostQuery(areas: wards.map(\.name), window: window)
            otherTopic.apply(to: &second)
            sides = [Side(name: topic.label, query: base), Side(name: otherTopic.label, query: second)]
            title = "\(sides[0].name) compared with \(sides[1].name) · \(place) · \(window.label)"
        } else if slots["area2"] != nil {
            let other = try resolver.areas(slots["area2"])
            var second = base
            second.areas = other.map(\.name)
            sides = [Side(name: Self.name(wards, everywhere), query: base), Side(name: Self.name(other, everywhere), query: second)]
            title = "\(topic.label): \(sides[0].name) compared with \(sides[1].name) · \(window.label)"
        } else {
            let otherWindow = try resolver.window(slots["window2"], now: now, comparedWith: window, named: slots["window"])
            sides = [Side(name: window.label, query: base), Side(name: otherWindow.label, query: base.over(otherWindow))]
            title = "\(topic.label): \(sides[0].name) compared with \(sides[1].name) · \(place)"
        }
        let aggregates = try sides.map { try context.store.aggregate($0.query) }
        func row(_ label: String, _ value: (PostAggregate) -> String) -> Reply.Fact {
            Reply.Fact(label, zip(sides, aggregates).map { "\($0.name) \(value($1))" }.joined(separator: " · "))
        }
        let facts = [
            row("Posts") { $0.count.grouped },
            row("Negative") { "\(Wording.share($0, .negative))%" },
            row("Positive") { "\(Wording.share($0, .positive))%" },
            row("Questions") { $0.questions.grouped },
            row("Media") { $0.media.grouped },
        ]
        var sections: [Reply.Section] = []
        if topic == .everything {
            let lines = try sides.map { side -> Reply.Item in
                let topics = try context.store.topicCounts(side.query, limit: Self.topicCount).map { count in
                    "\(context.label(ofTopic: count.topic)) \(count.count.grouped)"
                }
                return .bullet("\(side.name): \(topics.isEmpty ? "nothing" : topics.joined(separator: ", "))")
            }
            sections.append(Reply.Section("Most talked about", lines))
        }
        let footer = try Freshness.line(context: context, now: now)
        let basis = FollowUpBasis(intent: intent, slots: slots, query: sides[0].query, title: title)
        return Answer(reply: Reply(title: title, facts: facts, sections: sections, footer: footer), basis: basis)
    }

    private static func name(_ wards: [Ward], _ everywhere: String) -> String {
        wards.isEmpty ? everywhere : wards.map { $0.number.map { "Ward \($0)" } ?? $0.name }.joined(separator: " & ")
    }
}
