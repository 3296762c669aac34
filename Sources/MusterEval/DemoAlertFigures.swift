import Foundation
import MusterAlerts

/// What one candidate did over the demo month: its false alarms on quiet time and how soon it caught each story.
public struct DemoAlertFigures: Sendable {
    /// An alert outside every story of its watch's topic (and, for a ward's watch, that ward).
    public struct FalseAlarm: Sendable {
        /// The watch's label ("bins in Riverside").
        public var watch: String
        /// When it was raised.
        public var time: Date
        /// What it said.
        public var spike: Spike
        /// Whether it came in the first week, before any baseline week exists.
        public var warmUp: Bool
        /// The story of another topic (or ward) running then whose hashtag is in the window: the alert is that
        /// story spilling into this watch ("school evacuated" during the fire) rather than noise.
        public var spillover: String?
    }

    /// How soon a story was caught, in seconds from its first post.
    public struct StoryDelay: Sendable {
        /// The story's name.
        public var story: String
        /// The taxonomy topic its posts carry most, whose watches it is caught by.
        public var topic: String?
        /// Its first post.
        public var firstPost: Date?
        /// When `DemoAlertMeasure.onsetPosts` of its posts first fell within an hour.
        public var onset: Date?
        /// From the first post to the patch-wide topic watch's first alert.
        public var patch: TimeInterval?
        /// From the first post to the first alert of the topic's watch on any of the story's wards.
        public var ward: TimeInterval?
    }

    /// Quiet watch-time and the false alarms in it, for one kind of watch.
    public struct Quiet: Sendable {
        /// How many watches of this kind.
        public var watches: Int
        /// Their quiet time after the first week, in watch-weeks.
        public var settledWeeks: Double
        /// Their quiet time in the first week, in watch-weeks.
        public var warmUpWeeks: Double
        /// Every false alarm.
        public var falseAlarms: [FalseAlarm]

        /// False alarms a week across all the watches together, once a baseline week exists.
        public var perWeek: Double { rate(warmUp: false) }
        /// The same, leaving out alerts that are another story spilling over.
        public var backgroundPerWeek: Double { rate(warmUp: false, background: true) }
        /// The same in the first week, before a baseline week exists (read against previous days).
        public var warmUpPerWeek: Double { rate(warmUp: true) }

        private func rate(warmUp: Bool, background: Bool = false) -> Double {
            let weeks = warmUp ? warmUpWeeks : settledWeeks
            guard weeks > 0 else { return 0 }
            let counted = falseAlarms.filter { $0.warmUp == warmUp && !(background && $0.spillover != nil) }
            return Double(counted.count) / weeks * Double(watches)
        }
    }

    /// What was measured.
    public var candidate: AlertCandidate
    /// The watches on each topic over the whole patch.
    public var topics: Quiet
    /// The watches on each topic in each ward.
    public var wards: Quiet
    /// Each story's delays, in phrasebook order.
    public var stories: [StoryDelay]
    /// Alerts during a story of their topic.
    public var storyAlerts: Int
}
