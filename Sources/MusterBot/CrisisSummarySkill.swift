import Foundation
import MusterConfig
import MusterCore

/// "Sitrep on the Hill Street fire": the incident on one page — how it has grown, what changed since the last
/// sitrep in this conversation, the rumours, media coverage by outlet, official statements, the questions people
/// ask, the areas affected, the mood, and a holding statement.
struct CrisisSummarySkill: Skill {
    let intent = "crisis_summary"
    static let listLength = 3

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let now = context.clock.now
        let store = context.store
        let history = IncidentHistory(context: context)
        let scope = try context.scope(turn.slots, incident: true) { wards, topic in try history.window(topic: topic, wards: wards) }
        let (wards, topic, query, window) = (scope.wards, scope.topic, scope.query, scope.window)
        let place = wards.isEmpty && scope.incidentPlaces.isEmpty ? "" : " " + scope.place
        let title = "Sitrep: \(topic.label)\(place) · \(window.label)"
        let basis = FollowUpBasis(intent: intent, slots: turn.slots, query: query, title: title)
        let footer = try Freshness.line(store: store, local: context.local, now: now)
        let volume = VolumeBuckets(window: window, local: context.local)
        let (aggregate, series) = try store.aggregateWithVolume(query, buckets: volume.count)
        guard aggregate.count > 0 else {
            var lines: [Reply.Item] = [.text("No posts on this \(Wording.during(window)).")]
            var next: [String] = []
            if let active = try history.lastActive(before: query) {
                let span = context.local.day(active.first) == context.local.day(active.last)
                    ? context.local.day(active.first) : "\(context.local.day(active.first)) – \(context.local.day(active.last))"
                let ask = "sitrep on \(turn.slots["topic"] ?? "it") since \(context.local.day(active.first).dropFirst(4))"
                lines.append(.text("It was last active \(span) (\(Wording.posts(active.posts))); ask “\(ask)” for that time."))
                next.append(ask)
            } else {
                lines.append(.text("Nothing on it in the \(IncidentHistory.historyDays) days before either."))
            }
            return Answer(reply: Reply(title: title, sections: [Reply.Section(nil, lines)], footer: footer, suggestions: next), basis: basis)
        }

        var facts = [
            Reply.Fact("Posts", "\(aggregate.count.grouped); \(Self.pace(series, window: window, buckets: volume.count))"),
            Reply.Fact("Sentiment", Wording.sentiment(aggregate)),
            Reply.Fact("Questions", "\(aggregate.questions.grouped) ask something"),
        ]
        if let change = try changeSinceLastSitrep(turn, query: query, now: now, context: context) { facts.append(Reply.Fact("Since last", change)) }
        var sections = [Reply.Section("Timeline", [.sparkline(series, caption: volume.caption)])]

        let listing = try RumourListing(query: query, limit: Self.listLength, context: context)
        if !listing.entries.isEmpty { sections += listing.sections(context: context, withDrafts: false) }

        var media = query
        media.authorKinds = [.media]
        let outlets = try store.outletCounts(media, limit: 5)
        if !outlets.isEmpty {
            let latest = try store.recentPosts(media, limit: Self.listLength, offset: 0).map { post in
                Reply.Item.bullet("\(post.outlet ?? post.author.handle), \(context.local.dayAndTime(post.createdAt)): “\(post.text)”")
            }
            sections.append(Reply.Section("Media: " + outlets.map { "\($0.outlet) \($0.count.grouped)" }.joined(separator: " · "), latest))
        }
        var official = query
        official.authorKinds = [.official, .partner]
        let statements = try store.recentPosts(official, limit: Self.listLength, offset: 0)
        sections.append(Reply.Section("Official statements", statements.isEmpty ? [.text("None yet from us or our partners.")] : statements.map { post in
            .bullet("\(context.config.account(forHandle: post.author.handle)?.name ?? "@\(post.author.handle)"), \(context.local.dayAndTime(post.createdAt)): “\(post.text)”")
        }))
        var questions = query
        questions.questionsOnly = true
        questions.authorKinds = [.public]
        let asked = try store.topPosts(questions, limit: Self.listLength)
        if !asked.isEmpty {
            sections.append(Reply.Section("Top questions", asked.enumerated().map { index, post in
                .post(PostReference(post, number: index + 1, local: context.local))
            }))
        }
        let areas = try store.areaCounts(query, limit: 5)
        if !areas.isEmpty {
            let named = areas.map { "\(context.config.ward(named: $0.area)?.displayName ?? $0.area) \($0.count.grouped)" }
            sections.append(Reply.Section("Areas", [.text(named.joined(separator: " · ") + " (\(aggregate.placed.grouped) of \(aggregate.count.grouped) placed)")]))
        }
        let incident = topic == .everything ? "the incident" : "the \(topic.label.lowercased().replacingOccurrences(of: "“", with: "").replacingOccurrences(of: "”", with: ""))"
        sections.append(Reply.Section("Holding statement", [.draft(context.drafts.holdingStatement(incident: incident, place: place))]))
        // Each suggestion is a message that works as typed; asking for the sitrep again shows what changed.
        let subject = (turn.slots["topic"] ?? "it") + (wards.isEmpty ? "" : " in " + wards.map(\.name).joined(separator: " and "))
        let next = ["show me the posts", listing.entries.isEmpty ? "what are the media saying about \(subject)" : "draft a reply to rumour 1", "sitrep on \(subject)"]
        return Answer(reply: Reply(title: title, facts: facts, sections: sections, footer: footer, suggestions: next), basis: basis, rumours: listing.numbers)
    }

    /// "41 in the last hour, peak 212 an hour" from the series' last and largest buckets.
    private static func pace(_ series: [Int], window: TimeWindow, buckets: Int) -> String {
        guard let last = series.last, let peak = series.max() else { return "" }
        let unit = window.duration / Double(max(1, buckets)) <= 3_600 ? "hour" : "day"
        return "\(last.grouped) in the last \(unit), peak \(peak.grouped) in one \(unit)"
    }

    /// New posts, claims and media since the last sitrep on the same question in this conversation.
    private func changeSinceLastSitrep(_ turn: Turn, query: PostQuery, now: Date, context: SkillContext) throws -> String? {
        guard let previous = turn.previous, let basis = previous.basis, basis.intent == intent, basis.query.topics == query.topics,
              basis.query.text == query.text, basis.query.areas == query.areas else { return nil }
        let since = query.over(TimeWindow(start: previous.updated, end: now, label: ""))
        let fresh = try context.store.aggregate(since)
        var claims = since
        claims.claimsOnly = true
        let newClaims = try context.store.aggregate(claims).count
        return "\(Wording.count(fresh.count, "new post")), \(Wording.count(newClaims, "new claim")), \(Wording.count(fresh.media, "new media item")) since your last sitrep at \(context.local.time(previous.updated))"
    }
}
