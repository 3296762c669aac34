import Foundation

/// A burst of posts worth an alert: what the window held, what was expected of it, and since when it has risen.
public struct Spike: Sendable, Hashable {
    /// What the window was read against.
    public enum Baseline: Sendable, Hashable {
        /// The same hour of the week in this many previous weeks: the settled reading.
        case sameHourOfWeek(weeks: Int)
        /// The same hour on this many previous days: a store's first week, before a week of history exists.
        case sameHourOfDay(days: Int)
        /// Nothing: no history for the hour at all, or none of it held a post (the new-topic rule).
        case none
    }

    /// Posts in the window.
    public var count: Int
    /// The mean of the baseline windows; 0 for a new topic.
    public var expected: Double
    /// When the rise began: the start of the first part of the window where the posts crowd above the usual.
    public var since: Date
    /// The chance of at least `count` posts were the hour as usual (1 for a new-topic alert, which has no usual).
    public var probability: Double
    /// What the window was read against.
    public var baseline: Baseline

    /// Whether it was found by the new-topic rule: no history at all for that hour, or nothing in it.
    public var isNewTopic: Bool { baseline == .none }

    /// Creates a spike.
    ///
    /// - Parameters:
    ///   - count: posts in the window.
    ///   - expected: the baseline's mean.
    ///   - since: when the rise began.
    ///   - probability: the tail probability of `count` against the baseline.
    ///   - baseline: what the window was read against.
    public init(count: Int, expected: Double, since: Date, probability: Double, baseline: Baseline) {
        self.count = count
        self.expected = expected
        self.since = since
        self.probability = probability
        self.baseline = baseline
    }
}
