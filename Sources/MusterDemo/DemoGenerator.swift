import Foundation
import MusterConfig
import MusterCore
import MusterText

/// Writes a month of Northbridge's posts: everyday chatter in every ward plus the stories in the phrasebook (missed
/// bins, a fire with false rumours, floods, an A&E rumour, a pothole campaign, a festival), as NDJSON records in
/// the format `muster ingest` reads. The same seed and end time always give the same posts.
public struct DemoGenerator: Sendable {
    /// Background posts per day at scale 1; with the stories this gives over 50,000 posts in 35 days.
    public static let backgroundPerDay = 1_200.0

    private let config: CouncilConfig
    private let phrasebook: Phrasebook
    private let end: Date
    private let days: Int
    private let seed: UInt64
    private let scale: Double

    /// Creates a generator.
    ///
    /// - Parameters:
    ///   - config: the demo council (its wards, places, outlets and accounts appear in the posts).
    ///   - phrasebook: what people say.
    ///   - end: the newest post's time; stories are placed relative to it.
    ///   - days: how many days of posts to write.
    ///   - seed: the random seed.
    ///   - scale: a multiplier on every volume, for smaller test fixtures.
    public init(config: CouncilConfig, phrasebook: Phrasebook, end: Date, days: Int = 35, seed: UInt64 = 2026, scale: Double = 1) {
        self.config = config
        self.phrasebook = phrasebook
        self.end = end
        self.days = days
        self.seed = seed
        self.scale = scale
    }

    /// Every post as one NDJSON line, oldest first.
    public func lines() -> [String] {
        written().records.sorted(by: Self.oldestFirst).map(\.json)
    }

    /// Each story's posts' times exactly as `lines()` writes them (its media, official and partner posts and the
    /// council's replies included): what an evaluation holds alerts against, since a story's first posts need not
    /// carry its hashtag.
    public func storyTimelines() -> [DemoStoryTimeline] {
        written().stories
    }

    /// Every record `lines()` writes, and which of them each story wrote.
    private func written() -> (records: [DemoWriter.Record], stories: [DemoStoryTimeline]) {
        var writer = DemoWriter(config: config, phrasebook: phrasebook, end: end, seed: seed)
        let background = Int(Self.backgroundPerDay * Double(days) * scale)
        for _ in 0..<background {
            writer.backgroundPost(daysBack: Double(writer.random.below(days)) + writer.diurnalFraction())
        }
        var stories: [DemoStoryTimeline] = []
        for story in phrasebook.stories where story.fromDay < days {
            let before = writer.records.count
            writer.story(story, scale: scale)
            stories.append(DemoStoryTimeline(name: story.name, times: writer.records[before...].map(\.time).sorted()))
        }
        return (writer.records, stories)
    }

    /// Writes every post to `path` as NDJSON, oldest first, a few days at a time, so millions of posts never sit in
    /// memory together. The volumes and mix are those of `lines()`, but not the same posts: each day draws its
    /// own random sequence, so days are generated side by side on every core.
    ///
    /// - Parameter progress: called with (days written, days in all).
    /// - Returns: how many posts were written.
    public func write(toFile path: String, progress: (Int, Int) -> Void = { _, _ in }) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw MusterError("cannot write \(path)")
        }
        defer { try? file.close() }
        var stories = DemoWriter(config: config, phrasebook: phrasebook, end: end, seed: seed)
        for story in phrasebook.stories where story.fromDay < days {
            stories.story(story, scale: scale)
        }
        // Posts not yet due: stories, and replies that land after the day that prompted them.
        var pending = stories.takeRecords()
        let base = stories
        let perDay = Self.backgroundPerDay * scale
        // Each day numbers its posts in a block of its own: its background posts and the council's replies to them.
        let idsPerDay = Int(perDay * 2) + 1_000
        var written = 0
        let oldestFirst = Array((0..<days).reversed())
        for batch in stride(from: 0, to: days, by: 8).map({ Array(oldestFirst[$0..<min(days, $0 + 8)]) }) {
            let generated = batch.concurrentMap(minimumPerThread: 1) { day -> [DemoWriter.Record] in
                var writer = base
                writer.restart(seed: seed &+ UInt64(day + 1) &* 0x9E37_79B9_7F4A_7C15, firstID: base.upcomingID + day * idsPerDay)
                let due = Int(perDay * Double(days - day)) - Int(perDay * Double(days - day - 1))
                for _ in 0..<due {
                    writer.backgroundPost(daysBack: Double(day) + writer.diurnalFraction())
                }
                return writer.takeRecords()
            }
            for (day, records) in zip(batch, generated) {
                pending += records
                let dayEnd = end.addingTimeInterval(-Double(day) * 86_400)
                let due = pending.filter { $0.time <= dayEnd }
                pending.removeAll { $0.time <= dayEnd }
                try file.write(contentsOf: Self.ndjson(due))
                written += due.count
                progress(days - day, days)
            }
        }
        try file.write(contentsOf: Self.ndjson(pending))
        return written + pending.count
    }

    private static func ndjson(_ records: [DemoWriter.Record]) -> Data {
        var data = Data()
        for record in records.sorted(by: oldestFirst) {
            data.append(contentsOf: record.json.utf8)
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    private static func oldestFirst(_ a: DemoWriter.Record, _ b: DemoWriter.Record) -> Bool {
        (a.time, a.id) < (b.time, b.id)
    }
}
