import Foundation
import MusterAlerts
import MusterCore
import MusterText

/// The messages Muster sends unasked: alerts on watches, scheduled sitreps. Each is remembered as the last answer in
/// the conversation it goes to, so the buttons under it ("show me the posts", "draft a holding statement") and
/// typed follow-ups build on it like on any answer.
extension Bot {
    /// How many posts an alert shows.
    static let alertPostCount = 3

    /// The alert for a spike on `watch`, counted over the last `window` seconds: the count against what is usual,
    /// since when, the themes, the top posts and any rumours among them, with the next steps as suggestions.
    public func spikeAlert(for watch: Watch, _ spike: Spike, window length: TimeInterval) -> Reply {
        let now = context.clock.now
        let window = TimeWindow(start: now.addingTimeInterval(-length), end: now, label: "the last \(TimeWindow.describe(length))")
        let query = watch.query(over: window)
        let title = "Alert: \(watch.label) is rising"
        let usual = switch spike.baseline {
        case .none: "nothing like it before"
        case .sameHourOfWeek: "usually \(Self.about(spike.expected)) at this time of the week"
        case .sameHourOfDay(let days): "usually \(Self.about(spike.expected)) at this time of day (\(Wording.count(days, "day")) of history so far)"
        }
        var facts = [
            Reply.Fact("Posts", "\(spike.count.grouped) in \(window.label); \(usual)"),
            Reply.Fact("Since", context.local.dayAndTime(spike.since)),
        ]
        do {
            var sections: [Reply.Section] = []
            let posts = try context.store.topPosts(query, limit: Self.alertPostCount)
            let background = try context.store.recentPosts(PostQuery(window: window), limit: 500, offset: 0)
            let sample = try context.store.recentPosts(query, limit: 500, offset: 0)
            let themes = context.themes.themes(of: sample, against: background, excluding: Set(watch.topics + ["ward"]), limit: 3)
            if !themes.isEmpty { facts.append(Reply.Fact("Themes", themes.map { "“\($0.phrase)” (\($0.count))" }.joined(separator: ", "))) }
            if !posts.isEmpty {
                sections.append(Reply.Section("Top posts", posts.enumerated().map { index, post in Reply.Item.post(PostReference(post, number: index + 1, local: context.local)) }))
            }
            let rumours = try RumourListing(query: query, limit: 2, context: context)
            if !rumours.entries.isEmpty {
                sections.append(Reply.Section("Rumours among them", rumours.entries.map { Reply.Item.bullet("“\(Self.gist(of: $0.rumour))” — \(Wording.posts($0.rumour.posts.count))") }))
            }
            let reply = Reply(title: title, facts: facts, sections: sections, footer: Self.watchFooter(watch), suggestions: Self.alertSuggestions(watch))
            rememberUnasked(reply, query: query, in: watch.conversation, at: now)
            return reply
        } catch {
            // The figures are the alert; the rest is detail, and a busy store must not stop the duty officer hearing.
            return Reply(title: title, facts: facts, footer: Self.watchFooter(watch), suggestions: Self.alertSuggestions(watch))
        }
    }

    /// Rumours on `watch` worth an alert now, each with the signature it is remembered by: claims spreading across
    /// at least `minimumPosts` posts or `minimumAccounts` accounts within `window`, and rumours an official post has
    /// just denied (so the team can amplify the denial), under their own signature.
    public func rumourAlerts(for watch: Watch, within window: TimeInterval, minimumPosts: Int, minimumAccounts: Int) throws -> [(key: String, reply: Reply)] {
        let now = context.clock.now
        let span = TimeWindow(start: now.addingTimeInterval(-window), end: now, label: "the last \(TimeWindow.describe(window))")
        let query = watch.query(over: span)
        let listing = try RumourListing(query: query, limit: 5, context: context)
        return listing.entries.compactMap { entry in
            let accounts = Set(entry.rumour.posts.map(\.author.handle)).count
            let denied = entry.answers.first?.standing == .denied
            guard denied || entry.rumour.posts.count >= minimumPosts || accounts >= minimumAccounts else { return nil }
            let title = denied ? "Rumour denied: “\(Self.gist(of: entry.rumour))”" : "New rumour: “\(Self.gist(of: entry.rumour))”"
            var items: [Reply.Item] = []
            if denied, let answer = entry.answers.first {
                items.append(.text("Denied by \(context.source(of: answer.post).who): “\(answer.post.ownWords)” — worth amplifying."))
            }
            items += entry.rumour.posts.prefix(Self.alertPostCount).enumerated().map { index, post in
                Reply.Item.post(PostReference(post, number: index + 1, local: context.local))
            }
            let facts = [
                Reply.Fact("Spread", "\(Wording.posts(entry.rumour.posts.count)) from \(Wording.count(accounts, "account")) in \(span.label)"),
                Reply.Fact("First seen", context.local.dayAndTime(entry.rumour.firstSeen)),
            ]
            let reply = Reply(
                title: title, facts: facts, sections: [Reply.Section(nil, items)], footer: Self.watchFooter(watch),
                suggestions: ["any rumours about \(watch.label)?", "draft a reply to rumour 1", "show me the posts"]
            )
            return ((denied ? "denied:" : "") + entry.rumour.key, reply)
        }
    }

    /// The scheduled sitrep for an incident room, as if a lead had asked for it there: the same sitrep, which says
    /// what changed since the last one in the conversation.
    public func sitrep(for incident: Incident) -> Reply {
        let now = context.clock.now
        var reply = respond(to: "sitrep on \(incident.name)", in: incident.conversation, from: Speaker(name: "Muster", role: .officer, channel: incident.conversation))
        reply.title = "Sitrep \(incident.sitreps + 1) · \(reply.title)"
        // What changed is counted from the incident's own record, not the conversation's memory, so the sitrep after
        // a restart still says it.
        let previous = incident.sitreps == 0 ? incident.startedAt : incident.nextSitrepAt.addingTimeInterval(-incident.interval)
        if let query = memory.state(of: incident.conversation, now: now)?.basis?.query,
           let change = try? change(in: query, since: previous, first: incident.sitreps == 0) {
            reply.facts.removeAll { $0.label == "Since last" }
            reply.facts.insert(Reply.Fact("Since last", change), at: min(1, reply.facts.count))
        }
        reply.footer = [reply.footer, "Next in \(TimeWindow.describe(incident.interval)); say “close incident” to stop."].compactMap { $0 }.joined(separator: " ")
        return reply
    }

    /// "12 new posts, 2 new claims, 1 new media item since the last sitrep at 10:12".
    private func change(in query: PostQuery, since: Date, first: Bool) throws -> String {
        let fresh = query.over(TimeWindow(start: since, end: context.clock.now, label: ""))
        let counts = try context.store.aggregate(fresh)
        var claims = fresh
        claims.kinds = .claim
        let newClaims = try context.store.aggregate(claims).count
        let when = first ? "the incident was opened at \(context.local.time(since))" : "the last sitrep at \(context.local.time(since))"
        return "\(Wording.count(counts.count, "new post")), \(Wording.count(newClaims, "new claim")), \(Wording.count(counts.media, "new media item")) since \(when)"
    }

    private func rememberUnasked(_ reply: Reply, query: PostQuery, in conversation: String, at now: Date) {
        let basis = FollowUpBasis(intent: "topic_summary", slots: [:], query: query, title: reply.title)
        memory.remember(ConversationState(basis: basis, posts: reply.postNumbers, rumours: [:], updated: now), for: conversation)
    }

    /// A rumour in its best-shared claim's words, short enough for a title.
    private static func gist(of rumour: RumourFinder.Rumour) -> String {
        DraftWriter.clip(rumour.exemplar.ownWords, to: 120)
    }

    private static func about(_ expected: Double) -> String {
        expected < 1 ? "under 1" : "\(Int(expected.rounded()))"
    }

    private static func watchFooter(_ watch: Watch) -> String {
        "Watch \(watch.id) (set by \(watch.setBy)); “stop watch \(watch.id)” ends it."
    }

    private static func alertSuggestions(_ watch: Watch) -> [String] {
        ["sitrep on \(watch.label)", "show me the posts", "draft a holding statement"]
    }
}

extension Bot {
    /// The questions a morning digest asks, with the heading each answer goes under. Asked as typed, so the digest
    /// says exactly what a person asking them would see.
    static let digestQuestions: [(heading: String, question: String)] = [
        ("Yesterday", "mood yesterday"), ("What rose", "what was trending yesterday"), ("Open rumours", "any rumours yesterday"),
        ("Waiting for a reply", "show unanswered posts"),
    ]

    /// The morning digest: yesterday's volume and mood against the day before, what rose, open rumours, and the
    /// posts waiting for a reply, most urgent first, each cut to its first lines.
    public func digest(in conversation: String) -> Reply {
        let now = context.clock.now
        var facts: [Reply.Fact] = []
        var sections: [Reply.Section] = []
        for (heading, question) in Self.digestQuestions {
            let answer = respond(to: question, in: "digest:\(conversation)", from: Speaker(name: "Muster", role: .officer, channel: conversation))
            facts += answer.facts.prefix(heading == "Yesterday" ? 3 : 1).map { Reply.Fact(heading == "Yesterday" ? $0.label : heading, $0.value) }
            let items = answer.sections.first { $0.heading != "Volume" && !$0.items.isEmpty }.map { Array($0.items.prefix(3)) } ?? []
            if !items.isEmpty { sections.append(Reply.Section(heading, items)) }
        }
        return Reply(
            title: "Morning digest · \(context.local.day(now))", facts: facts, sections: sections,
            footer: try? Freshness.line(context: context, now: now),
            suggestions: ["any rumours yesterday", "show unanswered posts", "what was trending yesterday"]
        )
    }
}
