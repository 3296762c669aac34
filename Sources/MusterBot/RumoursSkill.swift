import MusterCore

/// "Any rumours about the fire?": claims grouped into rumours, each with first seen, spread, amplifiers, status,
/// any official answer, and a rebuttal draft that uses the official line once one is set.
struct RumoursSkill: Skill {
    let intent = "rumours"
    static let rumourCount = 5

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let now = context.clock.now
        let scope = try context.scope(turn.slots, incident: true)
        let (window, topic, place, query) = (scope.window, scope.topic, scope.place, scope.query)
        let subject = topic == .everything ? "" : " about \(topic.label)"
        let title = "Rumours\(subject) \(place) · \(window.label)"
        let footer = try Freshness.line(context: context, now: now)
        let basis = FollowUpBasis(intent: intent, slots: turn.slots, query: query, title: title)
        let listing = try RumourListing(query: query, limit: Self.rumourCount, context: context)
        guard !listing.entries.isEmpty else {
            let reply = Reply(title: title, sections: [Reply.Section(nil, [.text("No unconfirmed claims\(subject) \(place) \(Wording.during(window)).")])], footer: footer)
            return Answer(reply: reply, basis: basis)
        }
        var claims = query
        claims.kinds = .claim
        let total = try context.store.aggregate(claims).count
        let facts = [Reply.Fact("Claims", "\(Wording.posts(total)) pass on something unconfirmed; the biggest \(Wording.count(listing.entries.count, "rumour")) below")]
        let reply = Reply(
            title: title, facts: facts, sections: listing.sections(context: context, withDrafts: true), footer: footer,
            suggestions: ["mark rumour 1 false: <the official line>", "draft a reply to rumour 1", "show me the posts"]
        )
        return Answer(reply: reply, basis: basis, rumours: listing.numbers)
    }
}
