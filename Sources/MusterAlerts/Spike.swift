import Foundation

/// A burst of posts worth an alert: what the window held, what was expected of it, and since when it has risen.
public struct Spike: Sendable, Hashable {
    /// Posts in the window.
    public var count: Int
    /// The mean of the baseline windows (the same hour in previous weeks); 0 for a new topic.
    public var expected: Double
    /// When the rise began: the start of the first part of the window where the posts crowd above the usual.
    public var since: Date
    /// The chance of at least `count` posts were the hour as usual (1 for a new-topic alert, which has no usual).
    public var probability: Double
    /// Whether it was found by the new-topic rule: no history at all for that hour, or nothing in it.
    public var isNewTopic: Bool

    /// Creates a spike.
    ///
    /// - Parameters:
    ///   - count: posts in the window.
    ///   - expected: the baseline's mean.
    ///   - since: when the rise began.
    ///   - probability: the tail probability of `count` against the baseline.
    ///   - isNewTopic: whether the new-topic rule found it.
    public init(count: Int, expected: Double, since: Date, probability: Double, isNewTopic: Bool) {
        self.count = count
        self.expected = expected
        self.since = since
        self.probability = probability
        self.isNewTopic = isNewTopic
    }
}
