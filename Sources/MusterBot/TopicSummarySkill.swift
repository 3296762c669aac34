import Foundation
import MusterConfig
import MusterCore
import MusterText

/// "What are people saying about X (in area, in window)": volume and change, sentiment, themes with an example
/// each, the most-engaged posts, questions, media and how many posts could be placed.
struct TopicSummarySkill: Skill {
    let intent = "topic_summary"
    /// Newest posts read when looking for themes; counts above it are still exact.
    static let themeSample = 2_000
    static let themeCount = 4
    static let topPostCount = 5
    static let mediaCount = 3

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let slots = turn.slots
        let now = context.clock.now
        let scope = try context.scope(slots)
        let (window, wards, topic, place) = (scope.window, scope.wards, scope.topic, scope.place)
        var narrowed = scope.query
        narrowed.sentiment = context.resolver.sentiment(slots["sentiment"])
        let query = narrowed
        let only = query.sentiment.map { " · \($0.rawValue) posts only" } ?? ""
        let title = "\(topic.label) \(place) · \(window.label)\(only)"
        let basis = FollowUpBasis(intent: intent, slots: slots, query: query, title: title)
        // Themes (reading thousands of posts' words) and the counts are independent: they run side by side.
        let (themes, counts) = try concurrently(
            { try findThemes(query: query, topic: topic, wards: wards, context: context) },
            { try Counts(query: query, window: window, now: now, context: context) }
        )
        let aggregate = counts.aggregate
        guard aggregate.count > 0 else {
            let reply = try emptyAnswer(title: title, query: query, previous: counts.previous, place: place, footer: counts.footer, context: context)
            return Answer(reply: reply, basis: basis)
        }

        let facts = [
            Reply.Fact("Posts", "\(aggregate.count.grouped)\(counts.logged > 0 ? " (\(counts.logged.grouped) logged by staff)" : "") — \(Wording.change(aggregate.count, from: counts.previous.count, window: window))"),
            Reply.Fact("Sentiment", Wording.sentiment(aggregate)),
            Reply.Fact("Questions", "\(aggregate.questions.grouped) ask something"),
            Reply.Fact("Media", aggregate.media == 0 ? "no coverage" : "\(Wording.posts(aggregate.media)) from media outlets"),
            placement(aggregate: aggregate, everywhere: counts.everywhere, name: context.config.organisation.shortName),
        ]
        var sections = [Reply.Section("Volume", [.sparkline(counts.volume, caption: counts.buckets.caption)])]

        var shown: Set<Int64> = []
        var number = 0
        if !themes.isEmpty {
            // Theme counts come from the posts read for themes; say so when that is not all of them.
            let heading = aggregate.count > Self.themeSample ? "Themes (in the \(Self.themeSample.grouped) newest posts)" : "Themes"
            sections.append(Reply.Section(heading, themes.map { theme in
                number += 1
                shown.insert(theme.example.id ?? -1)
                let note = "“\(theme.phrase)” (\(Wording.posts(theme.count)))"
                return .post(PostReference(theme.example, number: number, local: context.local, note: note))
            }))
        }
        let top = counts.top.filter { !shown.contains($0.id ?? -1) }.prefix(Self.topPostCount)
        if !top.isEmpty {
            sections.append(Reply.Section("Most engaged posts from the public", top.map { post in
                number += 1
                return .post(PostReference(post, number: number, local: context.local))
            }))
        }
        if !counts.coverage.isEmpty {
            sections.append(Reply.Section("Latest media coverage", counts.coverage.map { post in
                number += 1
                return .post(PostReference(post, number: number, local: context.local))
            }))
        }
        let next = ["show me the posts", query.sentiment == nil ? "only the negative ones" : "what about last week?", "draft a reply"]
        return Answer(reply: Reply(title: title, facts: facts, sections: sections, footer: counts.footer, suggestions: next), basis: basis)
    }

    /// Everything the summary reads from the store but its themes.
    private struct Counts: Sendable {
        let aggregate: PostAggregate
        let previous: PostAggregate
        /// How many of the posts counted staff logged from chat ("log this: …").
        let logged: Int
        /// The same question across every area, for an area question.
        let everywhere: PostAggregate?
        let footer: String
        let buckets: VolumeBuckets
        let volume: [Int]
        /// The most engaged public posts, with room for those themes show instead.
        let top: [Post]
        let coverage: [Post]

        init(query: PostQuery, window: TimeWindow, now: Date, context: SkillContext) throws {
            let store = context.store
            buckets = VolumeBuckets(window: window, local: context.local)
            (aggregate, volume) = try store.aggregateWithVolume(query, buckets: buckets.count)
            previous = try store.aggregate(query.over(window.previous))
            var loggedOnly = query
            loggedOnly.source = LoggedPost.source
            logged = aggregate.count == 0 ? 0 : try store.aggregate(loggedOnly).count
            footer = try Freshness.line(context: context, now: now)
            var all = query
            all.areas = []
            everywhere = query.areas.isEmpty || aggregate.count == 0 ? nil : try store.aggregate(all)
            var publicOnly = query
            publicOnly.authorKinds = [.public]
            top = aggregate.count == 0 ? [] : try store.topPosts(publicOnly, limit: TopicSummarySkill.topPostCount + TopicSummarySkill.themeCount)
            var mediaOnly = query
            mediaOnly.authorKinds = [.media]
            coverage = aggregate.count == 0 ? [] : try store.recentPosts(mediaOnly, limit: TopicSummarySkill.mediaCount, offset: 0)
        }
    }

    /// For an area question (`everywhere` is then the topic across every area), how many posts on the topic could not be
    /// placed; otherwise how many could.
    private func placement(aggregate: PostAggregate, everywhere all: PostAggregate?, name: String) -> Reply.Fact {
        guard let all else {
            return Reply.Fact("Placed", "\(aggregate.placed.grouped) of \(aggregate.count.grouped) in a ward")
        }
        let unplaced = all.count - all.placed
        return Reply.Fact("Unplaced", "\(Wording.posts(unplaced)) on this across \(name) name no ward or place")
    }

    private func findThemes(query: PostQuery, topic: TopicChoice, wards: [Ward], context: SkillContext) throws -> [ThemeFinder.Theme] {
        // Themes are what the public raise: our own and partners' posts ("will update") are left out.
        var voices = query
        voices.withoutKinds = .official
        var everyone = PostQuery(window: query.window)
        everyone.withoutKinds = .official
        let sample = try context.store.recentPosts(voices, limit: Self.themeSample, offset: 0)
        let background = try context.store.recentPosts(everyone, limit: Self.themeSample, offset: 0)
        var excluded: Set<String> = ["ward"]
        switch topic {
        case .topic(let taxonomyTopic): excluded.formUnion([taxonomyTopic.name] + taxonomyTopic.terms)
        case .text(let words): excluded.formUnion(words.split(separator: " ").map(String.init))
        case .everything: break
        }
        for ward in wards { excluded.formUnion(ward.references) }
        return context.themes.themes(of: sample, against: background, excluding: excluded, limit: Self.themeCount)
    }

    private func emptyAnswer(title: String, query: PostQuery, previous: PostAggregate, place: String, footer: String, context: SkillContext) throws -> Reply {
        var lines: [Reply.Item] = [.text("No posts \(place) \(Wording.during(query.window)).")]
        if previous.count > 0 {
            lines.append(.text("There were \(Wording.posts(previous.count)) in \(query.window.previous.label)."))
        }
        if !query.areas.isEmpty {
            var everywhere = query
            everywhere.areas = []
            let all = try context.store.aggregate(everywhere).count
            if all > 0 { lines.append(.text("Across \(context.config.organisation.shortName) there were \(Wording.posts(all)) on this \(Wording.during(query.window)).")) }
        }
        if let words = query.text {
            let near = context.resolver.nearestTopics(to: words).map(\.name)
            if !near.isEmpty { lines.append(.text("Did you mean the topic \(Wording.either(near))?")) }
        }
        lines.append(.text("Try a wider window (\"this month\") or leave out the area."))
        return Reply(title: title, facts: [], sections: [Reply.Section(nil, lines)], footer: footer)
    }
}
