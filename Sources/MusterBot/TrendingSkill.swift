import Foundation
import MusterCore

/// "What's trending?": the topics growing fastest against their usual level (the same span averaged over the week
/// before), and the phrases that stand out in the window against that week.
struct TrendingSkill: Skill {
    let intent = "trending"
    /// Spans of the same length before the window that make the baseline.
    static let baselineSpans = 7
    static let topicCount = 5
    static let phraseCount = 4
    /// Phrases checked against their own baseline for the ones shown.
    static let phraseCandidates = 8
    /// Fewer posts than this are never "trending", however fast they grew from nothing.
    static let minimumCount = 10
    /// Trending looks at the last day unless asked otherwise.
    static let defaultHours = 24

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        let now = context.clock.now
        let scope = try context.scope(turn.slots) { _, _ in
            TimeWindow(start: now.addingTimeInterval(-Double(Self.defaultHours) * 3_600), end: now, label: "the last \(Self.defaultHours) hours")
        }
        let (window, wards, query, place) = (scope.window, scope.wards, scope.query, scope.place)
        let baselineWindow = TimeWindow(start: window.start.addingTimeInterval(-window.duration * Double(Self.baselineSpans)), end: window.start, label: "the week before")
        let title = "Rising \(place) · \(window.label)"
        let basis = FollowUpBasis(intent: intent, slots: turn.slots, query: query, title: title)
        let footer = try Freshness.line(context: context, now: now)

        let current = try context.store.topicCounts(query, limit: 100)
        let baseline = Dictionary(uniqueKeysWithValues: try context.store.topicCounts(query.over(baselineWindow), limit: 100).map { ($0.topic, $0.count) })
        let rising = Array(current.compactMap { topic in rise(of: topic, baseline: baseline[topic.topic, default: 0]) }
            .sorted { $0.score > $1.score }
            .prefix(Self.topicCount))

        var sections: [Reply.Section] = []
        if !rising.isEmpty {
            sections.append(Reply.Section("Topics above their usual level", rising.map { rise in
                let label = context.label(ofTopic: rise.topic.topic)
                let times = rise.usual > 0 ? String(format: "%.1f× usual", Double(rise.topic.count) / rise.usual) : "new"
                return .bullet("\(label): \(Wording.posts(rise.topic.count)) (usually about \(Int(rise.usual.rounded()).grouped); \(times))")
            }))
        }
        // Public chatter only: our own and partners' posts ("will update") are not what people are talking about.
        var voices = query
        voices.withoutKinds = .official
        let sample = try context.store.recentPosts(voices, limit: TopicSummarySkill.themeSample, offset: 0)
        let background = try context.store.recentPosts(voices.over(baselineWindow), limit: TopicSummarySkill.themeSample, offset: 0)
        var excluded: Set<String> = ["ward"]
        for ward in wards { excluded.formUnion(ward.references) }
        // A phrase stands out only if its own rate rose, counted exactly: a phrase common in both samples is not news.
        let phrases = try context.themes.themes(of: sample, against: background, excluding: excluded, limit: Self.phraseCandidates).filter { theme in
            var mentions = voices
            mentions.text = theme.phrase
            let now = try context.store.aggregate(mentions).count
            let before = try context.store.aggregate(mentions.over(baselineWindow)).count
            return rise(of: TopicCount(topic: theme.phrase, count: now, negative: 0), baseline: before) != nil
        }.prefix(Self.phraseCount)
        if !phrases.isEmpty {
            let capped = sample.count >= TopicSummarySkill.themeSample
            let heading = capped ? "Phrases standing out (in the \(TopicSummarySkill.themeSample.grouped) newest posts)" : "Phrases standing out"
            sections.append(Reply.Section(heading, phrases.enumerated().map { index, theme in
                .post(PostReference(theme.example, number: index + 1, local: context.local, note: "“\(theme.phrase)” (\(Wording.posts(theme.count)))"))
            }))
        }
        if sections.isEmpty {
            sections.append(Reply.Section(nil, [.text("Nothing is running above its usual level \(place) \(Wording.during(window)).")]))
        }
        return Answer(reply: Reply(title: title, sections: sections, footer: footer), basis: basis)
    }
}

extension TrendingSkill {
    struct Rise {
        var topic: TopicCount
        /// The topic's average count per span of the window's length over the baseline.
        var usual: Double
        /// How far above usual, in rough standard deviations (counts are Poisson-like).
        var score: Double
    }

    /// The topic's rise over its usual level, when it is clearly above it.
    func rise(of topic: TopicCount, baseline: Int) -> Rise? {
        let usual = Double(baseline) / Double(Self.baselineSpans)
        let score = (Double(topic.count) - usual) / (usual + 1).squareRoot()
        return topic.count >= Self.minimumCount && score > 1 && Double(topic.count) > usual * 1.25 ? Rise(topic: topic, usual: usual, score: score) : nil
    }
}
