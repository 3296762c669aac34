import Foundation

/// When a source is next polled: its interval after a success, longer after each failure in a row, and never sooner
/// than a server's `Retry-After`.
public enum PollSchedule {
    /// The longest wait after failures, unless the interval itself is longer: a source that broke overnight is tried
    /// again within the hour once it is mended.
    public static let longestBackoff: TimeInterval = 3_600

    /// The wait before the next poll.
    ///
    /// - Parameters:
    ///   - failures: failed polls in a row, counting the one just made (0 after a success).
    ///   - interval: the source's `every:`.
    ///   - retryAfter: seconds a 429 or 503 asked for, when it did.
    ///   - jitter: a number in 0…1 (random in service, fixed in tests), so sources that failed together do not all
    ///     come back at the same moment.
    public static func delay(failures: Int, interval: TimeInterval, retryAfter: Int? = nil, jitter: Double) -> TimeInterval {
        if let retryAfter { return max(TimeInterval(retryAfter), interval) }
        guard failures > 0 else { return interval }
        // Doubling from twice the interval, capped; "equal jitter" keeps at least half of the wait, so a failing
        // source is never polled faster than its interval.
        let ceiling = max(interval, longestBackoff)
        let full = min(interval * pow(2, Double(min(failures, 30))), ceiling)
        return max(interval, full / 2 + full / 2 * min(max(jitter, 0), 1))
    }
}
