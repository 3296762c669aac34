import Foundation
import MusterConfig
import MusterCore
import MusterText

/// "Sitrep on the Hill Street fire": the incident on one page, as a gold command comms cell reads it — how it has
/// grown and the mood, what changed since the last sitrep in this conversation, what we know from official sources,
/// what is being said but not confirmed, what people are asking, appeals and helplines, media lines by outlet, the
/// areas affected, and a holding statement for the incident's stage.
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
        let footer = try Freshness.line(context: context, now: now)
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

        // The official side (statements, rumours, appeals) and the public side (mood, questions, media, areas) read
        // different posts: each on its own reader connection, side by side.
        let (official, voicesOfPublic) = try concurrently(
            { try OfficialSide(query: query, context: context) },
            { try PublicSide(query: query, context: context) }
        )
        var facts = [
            Reply.Fact("Posts", "\(aggregate.count.grouped); \(Self.pace(series, window: window, buckets: volume.count))"),
            Reply.Fact("Mood", voicesOfPublic.mood.line),
            Reply.Fact("Questions", "\(aggregate.questions.grouped) ask something"),
        ]
        if let change = try changeSinceLastSitrep(turn, query: query, now: now, context: context) { facts.append(Reply.Fact("Since last", change)) }
        var sections = [Reply.Section("Timeline", [.sparkline(series, caption: volume.caption)])]

        // What we know: official posts on the incident, ours and partners', including those passed on by others.
        var known: [Reply.Item] = official.statements.map { post, relays in
            .bullet("\(context.source(of: post).who): “\(post.ownWords)”" + (relays > 1 ? " (passed on \(Wording.count(relays - 1, "more time")))" : ""))
        }
        if let figure = Self.officialFigure(in: RumourListing.about(query, official.voices), context: context) { known.insert(figure, at: 0) }
        sections.append(Reply.Section("What we know (official)", known.isEmpty ? [.text("No official post on this yet from us or our partners.")] : known))

        let listing = official.listing
        if !listing.entries.isEmpty {
            sections.append(Reply.Section("Being said, not confirmed", []))
            sections += listing.sections(context: context, withDrafts: false)
        }
        if !voicesOfPublic.asked.isEmpty {
            sections.append(Reply.Section("People are asking", voicesOfPublic.asked.enumerated().map { index, post in
                .post(PostReference(post, number: index + 1, local: context.local))
            }))
        }
        if let appeals = Self.appeals(official.incident.appeals, official: official.voices.filter { $0.kinds.contains(.official) }, context: context) {
            sections.append(appeals)
        }
        if !voicesOfPublic.headlines.isEmpty {
            let outlets = voicesOfPublic.outlets
            let heading = outlets.isEmpty ? "Media" : "Media: " + outlets.map { "\($0.outlet) \($0.count.grouped)" }.joined(separator: " · ")
            sections.append(Reply.Section(heading, voicesOfPublic.headlines.map { post, copies in
                .bullet("\(post.outlet ?? "@" + post.author.handle), \(context.local.dayAndTime(post.createdAt)): “\(post.text)”" + (copies > 1 ? " (\(Wording.count(copies, "post")) with this line)" : ""))
            }))
        }

        let areas = voicesOfPublic.areas
        if !areas.isEmpty {
            let named = areas.map { "\(context.config.ward(named: $0.area)?.displayName ?? $0.area) \($0.count.grouped)" }
            sections.append(Reply.Section("Areas", [.text(named.joined(separator: " · ") + " (\(aggregate.placed.grouped) of \(aggregate.count.grouped) placed)")]))
        }
        let named = context.resolver.taxonomyTopic(in: topic).map { "the " + $0.label.lowercased() } ?? "the incident"
        let (stage, latest) = try history.stage(of: query, voices: official.voices)
        sections.append(Reply.Section("Holding statement", [.draft(context.drafts.holdingStatement(
            incident: named, place: place, stage: stage, latestOfficial: latest.map(context.source(of:))
        ))]))
        // Each suggestion is a message that works as typed; asking for the sitrep again shows what changed.
        let subject = (turn.slots["topic"] ?? "it") + (wards.isEmpty ? "" : " in " + wards.map(\.name).joined(separator: " and "))
        let next = ["show me the posts", listing.entries.isEmpty ? "what are the media saying about \(subject)" : "draft a reply to rumour 1", "sitrep on \(subject)"]
        return Answer(reply: Reply(title: title, facts: facts, sections: sections, footer: footer, suggestions: next), basis: basis, rumours: listing.numbers)
    }

    /// Appeals people pass on (blood, donations, volunteers, someone missing), one line for each appeal however
    /// many pass it on, each with the official post that answers it ("Demand for blood is being met"), so the cell
    /// sees which appeals to stop amplifying.
    static func appeals(_ posts: [Post], official: [Post], context: SkillContext) -> Reply.Section? {
        let groups = context.rumours.rumours(in: posts, limit: listLength)
        guard !groups.isEmpty else { return nil }
        let answers = context.rumours.answers(of: groups, in: official, minimumShared: 1)
        var items: [Reply.Item] = []
        var shown: Set<Int64> = []
        for (group, answer) in zip(groups, answers) {
            let post = group.exemplar
            let copies = group.posts.count > 1 ? " (\(Wording.posts(group.posts.count)))" : ""
            items.append(.bullet("@\(post.author.handle), \(context.local.dayAndTime(post.createdAt)): “\(DraftWriter.clip(post.ownWords, to: 160))”" + copies))
            // Each official answer once, under the first appeal it answers.
            if let answer = answer.first, answer.post.author.handle != post.author.handle, shown.insert(answer.post.id ?? -1).inserted {
                let verb = answer.standing == .denied ? "Answered" : "Confirmed"
                items.append(.bullet("\(verb) by \(context.source(of: answer.post).who): “\(DraftWriter.clip(answer.post.ownWords, to: 160))”"))
            }
        }
        return Reply.Section("Appeals and helplines", items)
    }

    /// The latest casualty figure from official sources, or from a report quoting them: "Casualties: 8 dead, 14
    /// injured (@BBCBreaking at Sat 30 Nov 16:03, quoting officials)".
    static func officialFigure(in voices: [Post], context: SkillContext) -> Reply.Item? {
        guard let (post, figures) = voices.lazy.map({ ($0, CasualtyFigures.figures(in: Tokenizer.tokens($0.text))) }).first(where: { !$0.1.isEmpty })
        else { return nil }
        let counts = (figures.dead ?? 0) == 0 && (figures.injured ?? 0) == 0 ? "no one killed or hurt"
            : [figures.dead.map { "\($0) dead" }, figures.injured.map { "\($0) injured" }].compactMap { $0 }.joined(separator: ", ")
        let quoting = post.kinds.contains(.official) ? "" : ", quoting officials"
        return .bullet("Casualties: \(counts) (@\(post.author.handle) at \(context.local.dayAndTime(post.createdAt))\(quoting))")
    }

    /// Official lines shown.
    static let statementCount = 5

    /// What official sources said about the incident, and the rumours and appeals set against it.
    struct OfficialSide: Sendable {
        let statements: [(post: Post, copies: Int)]
        let incident: IncidentPosts
        /// Official posts, and reports quoting officials, in the window (`RumourListing.officialVoices`).
        let voices: [Post]
        let listing: RumourListing

        init(query: PostQuery, context: SkillContext) throws {
            var official = query
            official.areas = []
            official.kinds = .official
            statements = Array(CrisisSummarySkill.distinct(try context.store.recentPosts(official, limit: 40, offset: 0)).prefix(CrisisSummarySkill.statementCount))
            // Read once for the figure, the rumours, the appeals and the stage.
            incident = try IncidentPosts(query: query, context: context)
            voices = try RumourListing.officialVoices(during: query, incident: incident, context: context)
            listing = try RumourListing(query: query, limit: CrisisSummarySkill.listLength, context: context, incident: incident, voices: voices)
        }
    }

    /// What the public and the media are saying: the mood, the questions, the headlines by outlet, the areas.
    struct PublicSide: Sendable {
        let mood: CrisisMood
        let asked: [Post]
        let outlets: [(outlet: String, count: Int)]
        let headlines: [(post: Post, copies: Int)]
        let areas: [(area: String, count: Int)]

        init(query: PostQuery, context: SkillContext) throws {
            let store = context.store
            mood = try CrisisMood(query: query, context: context)
            var questions = query
            questions.kinds = .question
            questions.withoutKinds = [.official, .report]
            asked = try store.topPosts(questions, limit: CrisisSummarySkill.listLength)
            var media = query
            media.kinds = .report
            outlets = try store.outletCounts(media, limit: 5)
            headlines = Array(CrisisSummarySkill.distinct(try store.recentPosts(media, limit: 40, offset: 0)).prefix(CrisisSummarySkill.listLength))
            areas = try store.areaCounts(query, limit: 5)
        }
    }

    /// Posts with the same words once, with how many said them: a statement retweeted forty times, or one headline
    /// carried by three outlets, is one line.
    static func distinct(_ posts: [Post]) -> [(post: Post, copies: Int)] {
        var order: [String] = []
        var groups: [String: (post: Post, copies: Int)] = [:]
        for post in posts {
            var text = Substring(post.text)
            // "RT @policescotland: …" says what @policescotland said.
            if text.hasPrefix("RT @"), let colon = text.firstIndex(of: ":") { text = text[text.index(after: colon)...] }
            let key = Tokenizer.tokens(String(text)).filter { !$0.hasPrefix("http") && $0 != "t" && $0 != "co" }.prefix(12).joined(separator: " ")
            if let group = groups[key] {
                groups[key] = (group.post, group.copies + 1)
            } else {
                order.append(key)
                groups[key] = (post, 1)
            }
        }
        return order.compactMap { groups[$0] }
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
        claims.kinds = .claim
        let newClaims = try context.store.aggregate(claims).count
        return "\(Wording.count(fresh.count, "new post")), \(Wording.count(newClaims, "new claim")), \(Wording.count(fresh.media, "new media item")) since your last sitrep at \(context.local.time(previous.updated))"
    }
}
