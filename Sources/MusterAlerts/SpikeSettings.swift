import Foundation
import MusterCore

/// What counts as a spike for one watch: the window counted, the baseline it is read against, and the guards that
/// keep a duty officer's phone quiet at 3 a.m. unless something is happening.
public struct SpikeSettings: Sendable, Hashable {
    /// The counting window, in seconds (3,600: the last hour).
    public var window: TimeInterval
    /// How many previous weeks' same hour make the baseline.
    public var baselineWeeks: Int
    /// Alert when the chance of at least the count, were the hour as usual, is below this.
    public var tail: Double
    /// Never alert on fewer posts than this in the window, however quiet the hour usually is.
    public var minimumCount: Int
    /// No second alert for the same watch within this many seconds.
    public var coolDown: TimeInterval
    /// With no history at all for the hour (every baseline week before the data starts, or all of them empty),
    /// alert when the window holds at least this many posts.
    public var newTopicMinimum: Int

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - window: the counting window, in seconds.
    ///   - baselineWeeks: previous weeks read for the baseline.
    ///   - tail: the tail probability below which a count is a spike.
    ///   - minimumCount: the fewest posts that may alert.
    ///   - coolDown: seconds after an alert before the next.
    ///   - newTopicMinimum: the posts that alert when there is no history.
    public init(window: TimeInterval, baselineWeeks: Int, tail: Double, minimumCount: Int, coolDown: TimeInterval, newTopicMinimum: Int) {
        self.window = window
        self.baselineWeeks = baselineWeeks
        self.tail = tail
        self.minimumCount = minimumCount
        self.coolDown = coolDown
        self.newTopicMinimum = newTopicMinimum
    }
}
