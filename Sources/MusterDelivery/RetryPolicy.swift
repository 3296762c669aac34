import Foundation
import MusterCore

/// When to try a chat message again, and when to give up.
public struct RetryPolicy: Sendable {
    /// What one attempt's result means.
    public enum Verdict: Sendable, Equatable {
        /// Accepted.
        case delivered
        /// Worth trying again after this many seconds.
        case retry(after: TimeInterval)
        /// Refused for good (a bad URL, a payload the service rejects, too many attempts).
        case failed
    }

    /// The wait after the first failure, doubled after each one after.
    public var firstDelay: TimeInterval = 1
    /// The longest wait between attempts.
    public var longestDelay: TimeInterval = 300
    /// Attempts before giving up: with the defaults, about eight and a half minutes of trying.
    public var maximumAttempts = 10

    /// The default policy.
    public init() {}

    /// The verdict on attempt number `attempt` (from 1), given the HTTP status (`nil` when the request never got an
    /// answer) and the `Retry-After` the service sent.
    public func verdict(attempt: Int, status: Int?, retryAfter: Int?) -> Verdict {
        if let status, (200..<300).contains(status) { return .delivered }
        // 408, 425 and 429 say "later"; 5xx and no answer at all may be passing. Other refusals will not change.
        let transient = status.map { [408, 425, 429].contains($0) || $0 >= 500 } ?? true
        guard transient, attempt < maximumAttempts else { return .failed }
        let backoff = min(longestDelay, firstDelay * pow(2, Double(attempt - 1)))
        return .retry(after: retryAfter.map { min(longestDelay, TimeInterval($0)) } ?? backoff)
    }

    /// The least time between two messages to one destination, so Muster stays within each platform's posting
    /// rate: Slack asks for about one message a second per webhook, Teams throttles beyond four a second.
    public static func pacing(for platform: ChatPlatform) -> TimeInterval {
        switch platform {
        case .slack: 1.0
        case .teams: 0.25
        case .mattermost, .webhook: 0.05
        }
    }
}
