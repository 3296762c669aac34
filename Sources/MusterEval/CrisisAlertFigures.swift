import Foundation
import MusterAlerts

/// How soon one candidate alerted on each CrisisLexT26 event.
public struct CrisisAlertFigures: Sendable {
    /// One event's first alert.
    public struct EventDelay: Sendable {
        /// The event's name.
        public var event: String
        /// Its year.
        public var year: Int
        /// Its related tweets.
        public var posts: Int
        /// Seconds from its first related tweet to the first alert; `nil` when none came.
        public var delay: TimeInterval?
        /// What the first alert said.
        public var spike: Spike?
    }

    /// What was measured.
    public var candidate: AlertCandidate
    /// Each event, in name order.
    public var events: [EventDelay]

    /// The events of `years` (all when `nil`).
    public func events(in years: Set<Int>?) -> [EventDelay] {
        events.filter { years?.contains($0.year) ?? true }
    }

    /// How many of the events of `years` were alerted on within `limit` seconds of their first tweet (ever when
    /// `nil`), and how many there are.
    public func detected(within limit: TimeInterval?, in years: Set<Int>?) -> (detected: Int, of: Int) {
        let chosen = events(in: years)
        return (chosen.filter { event in event.delay.map { limit == nil || $0 <= limit! } ?? false }.count, chosen.count)
    }

    /// The median delay over the events of `years`, counting an event never alerted on as longer than any; `nil`
    /// when more than half were missed.
    public func medianDelay(in years: Set<Int>?) -> TimeInterval? {
        let delays = events(in: years).map { $0.delay ?? .infinity }.sorted()
        guard !delays.isEmpty else { return nil }
        let middle = delays.count % 2 == 1 ? delays[delays.count / 2] : (delays[delays.count / 2 - 1] + delays[delays.count / 2]) / 2
        return middle.isFinite ? middle : nil
    }
}
