import Foundation

/// What a spike watch found, in the figures its alert reports: what rose against what, and since when.
public struct SpikeReport: Sendable, Hashable {
    /// Posts in the window.
    public var count: Int
    /// What is usual then (the mean of the same hour in previous weeks); 0 for something new.
    public var expected: Double
    /// When the rise began.
    public var since: Date
    /// The counting window's length.
    public var window: TimeInterval
    /// Whether there were no such posts at all before (a new topic).
    public var isNewTopic: Bool

    /// Creates a report.
    public init(count: Int, expected: Double, since: Date, window: TimeInterval, isNewTopic: Bool) {
        self.count = count
        self.expected = expected
        self.since = since
        self.window = window
        self.isNewTopic = isNewTopic
    }
}
