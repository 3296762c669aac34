import Foundation
import MusterCore

/// When a claim cluster is worth an alert: enough posts, or enough different accounts, within a time.
struct RumourThresholds: Sendable, Hashable {
    /// How far back claims are counted.
    var window: TimeInterval
    /// Posts that make a cluster worth telling.
    var posts: Int
    /// Or distinct accounts.
    var accounts: Int

    /// The thresholds for a watch's sensitivity: one account repeating itself is not a rumour spreading.
    static func `for`(_ sensitivity: Watch.Sensitivity) -> RumourThresholds {
        switch sensitivity {
        case .low: RumourThresholds(window: 6 * 3_600, posts: 8, accounts: 5)
        case .normal: RumourThresholds(window: 6 * 3_600, posts: 5, accounts: 3)
        case .high: RumourThresholds(window: 6 * 3_600, posts: 3, accounts: 2)
        }
    }
}
