import Foundation
import MusterConfig
import MusterCore
import MusterText

/// When an incident happened: the span a sitrep covers when no window is named, and, for a quiet one, when it was
/// last active — so "no posts since Sunday" never reads as an all-clear for a flood that ended last week.
struct IncidentHistory {
    /// How far back an incident is looked for when no window is named.
    static let lookBackDays = 7
    /// How far back a quiet incident's last activity is looked for.
    static let historyDays = 90

    let context: SkillContext

    /// The incident's own span: from its first post in the last week (to the hour) until now.
    func window(topic: TopicChoice, wards: [Ward]) throws -> TimeWindow {
        let now = context.clock.now
        let hours = Self.lookBackDays * 24
        let series = try context.store.volume(probe(topic: topic, wards: wards, days: Self.lookBackDays), buckets: hours)
        // The incident starts where its volume first reaches a tenth of its peak, so stray mentions before it are
        // not its start.
        let peak = series.max() ?? 0
        let first = series.firstIndex { $0 > 0 && $0 * 10 >= peak } ?? 0
        let start = now.addingTimeInterval(Double(first - hours) * 3_600)
        return TimeWindow(start: start, end: now, label: "since \(context.local.dayAndTime(start))")
    }

    /// The last burst of posts on the query's topic and places before its window, by day: its first and last day
    /// and how many posts it had; `nil` when there were none in the last 90 days.
    func lastActive(before query: PostQuery) throws -> (first: Date, last: Date, posts: Int)? {
        let end = query.window.start
        let start = end.addingTimeInterval(-Double(Self.historyDays) * 86_400)
        let days = try context.store.volume(query.over(TimeWindow(start: start, end: end, label: "")), buckets: Self.historyDays)
        guard let last = days.lastIndex(where: { $0 > 0 }) else { return nil }
        // The burst runs back from its last active day while days stay active; one quiet day ends it.
        var first = last
        while first > 0, days[first - 1] > 0 { first -= 1 }
        func day(_ index: Int) -> Date { start.addingTimeInterval(Double(index) * 86_400) }
        return (day(first), day(last + 1).addingTimeInterval(-1), days[first...last].reduce(0, +))
    }

    /// The stage an incident has reached, for its holding statement, and the newest official post on it:
    /// casualties once an official post, or a report quoting officials, gives deaths or injuries; its first hour; recovery once its hourly
    /// volume has fallen to a twentieth of its peak after a day; otherwise under way.
    ///
    /// - Parameter voices: `RumourListing.officialVoices(during: query, …)` when the caller has read them already.
    func stage(of query: PostQuery, voices: [Post]? = nil) throws -> (stage: DraftWriter.Stage, latestOfficial: Post?) {
        // Officials' figures reach the public through reports as often as through their own posts ("Eight
        // killed, say Scottish police"), so both say when there are casualties.
        let voices = try voices ?? RumourListing.officialVoices(during: query, incident: IncidentPosts(query: query, context: context), context: context)
        var official = query
        official.areas = []
        official.kinds = .official
        let statements = try context.store.recentPosts(official, limit: 1, offset: 0)
        let casualties = RumourListing.about(query, voices).contains { post in
            let figures = CasualtyFigures.figures(in: Tokenizer.tokens(post.text))
            return (figures.dead ?? 0) > 0 || (figures.injured ?? 0) > 0
        }
        if casualties { return (.casualties, statements.first) }
        let window = query.window
        if window.duration <= 3_600 { return (.firstHour, statements.first) }
        let hours = max(1, Int((window.duration / 3_600).rounded(.up)))
        let series = try context.store.volume(query, buckets: hours)
        let peak = series.max() ?? 0
        if window.duration > 86_400, (series.last ?? 0) * 20 <= peak { return (.recovery, statements.first) }
        return (.ongoing, statements.first)
    }

    private func probe(topic: TopicChoice, wards: [Ward], days: Int) -> PostQuery {
        let now = context.clock.now
        var probe = PostQuery(areas: wards.map(\.name), window: TimeWindow(start: now.addingTimeInterval(-Double(days) * 86_400), end: now, label: ""))
        topic.apply(to: &probe)
        return probe
    }
}
