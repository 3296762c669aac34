import Foundation
import MusterAlerts
import MusterCore
import MusterDemo

/// The demo month's watches, counted once from the store, replayed for each candidate: one watch per taxonomy topic
/// over the whole patch and one per topic per ward, checked every five minutes across the month as the scheduler
/// would, each alert held against the phrasebook's stories.
public struct DemoAlertMeasure: Sendable {
    struct CountedWatch: Sendable {
        var watch: Watch
        var ward: String?
        var counts: BucketedCounts
    }

    struct Story: Sendable {
        var story: DemoStory
        var topic: String?
        var firstPost: Date?
        var onset: Date?
        var span: ClosedRange<Date>
    }

    /// A story has begun in earnest once this many of its posts fall within an hour: an onset that does not depend
    /// on the settings measured, for reading delays against a story that trickles for hours before it crowds.
    public static let onsetPosts = 10

    /// Seconds between checks, and the width of the buckets counts are kept in.
    static let step: TimeInterval = 300
    /// A week: the baseline's period, and the replay's warm-up, before which only the new-topic rule can speak.
    static let week: TimeInterval = 7 * 86_400

    let store: any PostStore
    let start: Date
    let end: Date
    let watches: [CountedWatch]
    let stories: [Story]
    /// Posts in the store over the month.
    public let posts: Int

    /// Counts every watch's posts in five-minute buckets, and finds each story's topic and first post.
    ///
    /// - Parameters:
    ///   - store: the demo store.
    ///   - start: when its data begins (the first day's start).
    ///   - end: when it ends (the demo's "now").
    ///   - stories: the phrasebook's stories.
    ///   - timelines: when each story's posts were made, from the generator (`DemoGenerator.storyTimelines()`);
    ///     a story without one is taken to begin at its first post carrying its hashtag.
    ///   - topics: the taxonomy's topic names.
    ///   - wards: the council's ward names.
    public init(
        store: any PostStore, start: Date, end: Date, stories: [DemoStory], timelines: [DemoStoryTimeline], topics: [String], wards: [String]
    ) throws {
        self.store = store
        let step = Self.step
        let origin = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / step).rounded(.down) * step)
        let buckets = Int((end.timeIntervalSince(origin) / step).rounded(.up)) + 1
        let month = TimeWindow(start: origin, end: origin.addingTimeInterval(Double(buckets) * step), label: "the demo month")
        self.start = start
        self.end = end
        posts = try store.aggregate(PostQuery(window: month)).count

        let specs = topics.flatMap { topic in [(topic, String?.none)] + wards.map { (topic, Optional($0)) } }
        watches = try specs.map { topic, ward in
            let watch = Watch(
                kind: .spike, topics: [topic], areas: ward.map { [$0] } ?? [], label: ward.map { "\(topic) in \($0)" } ?? topic,
                conversation: "eval", setBy: "eval", createdAt: start
            )
            let query = watch.query(over: month)
            let volume = try store.volume(query, buckets: buckets)
            // The buckets must hold what the store counts, or the replay measures something else.
            let whole = try store.aggregate(query).count
            guard volume.reduce(0, +) == whole else {
                throw MusterError("\(watch.label): five-minute buckets hold \(volume.reduce(0, +)) posts, the store counts \(whole)")
            }
            return CountedWatch(watch: watch, ward: ward, counts: BucketedCounts(origin: origin, width: step, counts: volume))
        }

        self.stories = try stories.map { story in
            let tag = story.tag.trimmingCharacters(in: CharacterSet(charactersIn: "#"))
            let tagged = PostQuery(text: tag, window: month)
            let topic = try store.topicCounts(tagged, limit: 1).first?.topic
            let volume = try store.volume(tagged, buckets: buckets)
            var firstPost = timelines.first { $0.name == story.name }?.times.first
            if firstPost == nil, let bucket = volume.firstIndex(where: { $0 > 0 }) {
                let from = origin.addingTimeInterval(Double(bucket) * step)
                let inBucket = tagged.over(TimeWindow(start: from, end: from.addingTimeInterval(step), label: "first"))
                firstPost = try store.recentPosts(inBucket, limit: 1_000, offset: 0).map(\.createdAt).min()
            }
            let times = timelines.first { $0.name == story.name }?.times ?? []
            let onset = times.indices.first { index in
                index >= Self.onsetPosts - 1 && times[index].timeIntervalSince(times[index - Self.onsetPosts + 1]) <= 3_600
            }.map { times[$0] }
            return Story(story: story, topic: topic, firstPost: firstPost, onset: onset, span: story.span(end: end))
        }
    }

    /// The stories' names, in phrasebook order.
    public var storyNames: [String] { stories.map(\.story.name) }

    /// Replays every watch with `candidate` and classifies its alerts.
    public func measure(_ candidate: AlertCandidate) throws -> DemoAlertFigures {
        let replay = AlertReplay(detector: candidate.detector, step: Self.step)
        let grace = candidate.settings.window
        let warmUpEnd = start.addingTimeInterval(Self.week + candidate.settings.window)
        let results = try watches.concurrentMap(minimumPerThread: 16) { counted -> Result<WatchResult, any Error> in
            Result {
                let topic = counted.watch.topics[0]
                let own = stories.filter { story in
                    story.topic == topic && (counted.ward.map { story.story.wards.contains($0) } ?? true)
                }
                let spans = own.map { $0.span.lowerBound...$0.span.upperBound.addingTimeInterval(grace) }
                let alerts = try replay.alerts(from: start, to: end, history: start, count: counted.counts.counter)
                var result = WatchResult()
                var tick = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / Self.step).rounded(.up) * Self.step)
                while tick <= end {
                    if !spans.contains(where: { $0.contains(tick) }) {
                        if tick < warmUpEnd { result.warmUpTicks += 1 } else { result.settledTicks += 1 }
                    }
                    tick += Self.step
                }
                for alert in alerts {
                    if spans.contains(where: { $0.contains(alert.time) }) {
                        result.storyAlerts.append(alert.time)
                    } else {
                        result.falseAlarms.append(.init(
                            watch: counted.watch.label, time: alert.time, spike: alert.spike, warmUp: alert.time < warmUpEnd,
                            spillover: try spillover(into: counted.watch, at: alert.time, window: grace)
                        ))
                    }
                }
                return result
            }
        }.map { try $0.get() }

        func quiet(_ isWard: Bool) -> DemoAlertFigures.Quiet {
            let chosen = zip(watches, results).filter { ($0.0.ward != nil) == isWard }.map(\.1)
            let week = Self.week / Self.step
            return DemoAlertFigures.Quiet(
                watches: chosen.count,
                settledWeeks: Double(chosen.map(\.settledTicks).reduce(0, +)) / week,
                warmUpWeeks: Double(chosen.map(\.warmUpTicks).reduce(0, +)) / week,
                falseAlarms: chosen.flatMap(\.falseAlarms).sorted { $0.time < $1.time }
            )
        }

        let delays = stories.map { story -> DemoAlertFigures.StoryDelay in
            func delay(_ chosen: (CountedWatch) -> Bool) -> TimeInterval? {
                guard let first = story.firstPost else { return nil }
                let times = zip(watches, results).filter { chosen($0.0) && $0.0.watch.topics[0] == story.topic }.flatMap(\.1.storyAlerts)
                return times.filter { $0 >= first && $0 <= story.span.upperBound.addingTimeInterval(grace) }.min().map { $0.timeIntervalSince(first) }
            }
            return DemoAlertFigures.StoryDelay(
                story: story.story.name, topic: story.topic, firstPost: story.firstPost, onset: story.onset,
                patch: delay { $0.ward == nil }, ward: delay { $0.ward.map(story.story.wards.contains) ?? false }
            )
        }
        return DemoAlertFigures(
            candidate: candidate, topics: quiet(false), wards: quiet(true), stories: delays,
            storyAlerts: results.map(\.storyAlerts.count).reduce(0, +)
        )
    }

    /// The story running at `time` whose hashtag is on a post the watch counted in the window, if any.
    private func spillover(into watch: Watch, at time: Date, window: TimeInterval) throws -> String? {
        let counted = TimeWindow(start: time.addingTimeInterval(-window), end: time, label: "the alert's window")
        for story in stories where story.span.lowerBound <= time && time <= story.span.upperBound.addingTimeInterval(window) {
            var query = watch.query(over: counted)
            query.text = story.story.tag.trimmingCharacters(in: CharacterSet(charactersIn: "#"))
            if try store.aggregate(query).count > 0 { return story.story.name }
        }
        return nil
    }

    private struct WatchResult: Sendable {
        var settledTicks = 0
        var warmUpTicks = 0
        var falseAlarms: [DemoAlertFigures.FalseAlarm] = []
        var storyAlerts: [Date] = []
    }
}
