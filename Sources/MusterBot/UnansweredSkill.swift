import MusterCore

/// "What needs a reply?": posts from the public that mention the organisation, that nobody from it has answered
/// and nobody has marked handled — the most-engaged first, so the widest-read wait least.
struct UnansweredSkill: Skill {
    let intent = "unanswered"
    static let listLength = 10

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let now = context.clock.now
        let scope = try context.scope(turn.slots)
        let (window, topic, place) = (scope.window, scope.topic, scope.place)
        var query = scope.query
        query.authorKinds = [.public]
        query.mentioning = context.config.organisation.handles
        query.awaitingReply = true
        let subject = topic == .everything ? "" : " about \(topic.label)"
        let title = "Waiting for a reply from us\(subject) \(place) · \(window.label)"
        let basis = FollowUpBasis(intent: intent, slots: turn.slots, query: query, title: title)
        let footer = try Freshness.line(store: context.store, local: context.local, now: now)
        let count = try context.store.aggregate(query).count
        let handles = context.config.organisation.handles.map { "@\($0)" }
        guard count > 0 else {
            return Answer(reply: Reply(title: title, sections: [Reply.Section(nil, [.text("Nothing waiting: every post mentioning \(Wording.either(handles)) has a reply or is marked handled.")])], footer: footer), basis: basis)
        }
        let posts = try context.store.topPosts(query, limit: Self.listLength)
        let items = posts.enumerated().map { index, post in Reply.Item.post(PostReference(post, number: index + 1, local: context.local)) }
        let reply = Reply(
            title: title,
            facts: [Reply.Fact("Waiting", "\(Wording.posts(count)) mention \(Wording.either(handles)) with no reply from us and not marked handled")],
            sections: [Reply.Section("Most read first", items)],
            footer: footer, suggestions: ["draft a reply to post 1", "mark post 1 handled"]
        )
        return Answer(reply: reply, basis: basis)
    }
}
