import MusterCore

/// "What is the Northbridge Gazette saying about the A&E?": media coverage of a topic, newest first with links, and
/// for "the media" in general, which outlets carry it most.
struct OutletCoverageSkill: Skill {
    let intent = "outlet_coverage"
    static let itemCount = 8

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let slots = turn.slots
        let now = context.clock.now
        let outlet = try context.resolver.outlet(slots["outlet"])
        let scope = try context.scope(slots, incident: true)
        let (window, wards, topic) = (scope.window, scope.wards, scope.topic)
        var query = scope.query
        query.authorKinds = [.media]
        if case .outlet(let chosen) = outlet { query.outlet = chosen.name }

        let subject = topic == .everything ? "" : " on \(topic.label)"
        let place = wards.isEmpty && scope.incidentPlaces.isEmpty ? "" : " " + scope.place
        let title = "\(outlet.label)\(subject)\(place) · \(window.label)"
        let basis = FollowUpBasis(intent: intent, slots: slots, query: query, title: title)
        let footer = try Freshness.line(context: context, now: now)
        let count = try context.store.aggregate(query).count
        guard count > 0 else {
            let lines: [Reply.Item] = [
                .text("No coverage\(subject)\(place) \(Wording.during(window))."),
                .text("Try a wider window (\"this month\")\(outlet == .allMedia ? "" : " or ask what the media in general are saying").")
            ]
            return Answer(reply: Reply(title: title, sections: [Reply.Section(nil, lines)], footer: footer), basis: basis)
        }
        let previous = try context.store.aggregate(query.over(window.previous)).count
        var facts = [Reply.Fact("Coverage", "\(Wording.count(count, "item")) — \(Wording.change(count, from: previous, window: window))")]
        if outlet == .allMedia {
            let byOutlet = try context.store.outletCounts(query, limit: 5)
            facts.append(Reply.Fact("By outlet", byOutlet.map { "\($0.outlet) \($0.count.grouped)" }.joined(separator: " · ")))
        }
        let items = try context.store.recentPosts(query, limit: Self.itemCount, offset: 0).enumerated().map { index, post in
            Reply.Item.post(PostReference(post, number: index + 1, local: context.local))
        }
        let reply = Reply(title: title, facts: facts, sections: [Reply.Section("Newest first", items)], footer: footer)
        return Answer(reply: reply, basis: basis)
    }
}
