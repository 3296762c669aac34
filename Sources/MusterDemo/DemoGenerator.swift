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
        var writer = DemoWriter(config: config, phrasebook: phrasebook, end: end, seed: seed)
        let background = Int(Self.backgroundPerDay * Double(days) * scale)
        for _ in 0..<background {
            writer.backgroundPost(daysBack: Double(writer.random.below(days)) + writer.diurnalFraction())
        }
        for story in phrasebook.stories where story.fromDay < days {
            writer.story(story, scale: scale)
        }
        return writer.records.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map(\.json)
    }
}
