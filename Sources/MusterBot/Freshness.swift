import Foundation
import MusterCore

/// Every answer says how fresh the data is: "Posts up to 09:42 today."
///
/// Freshness is read as of the time asked, never from posts after it, and an answer whose data stops well short
/// of that time says so: a feed that stopped is not the same as a quiet hour.
enum Freshness {
    /// How far the newest post may lag the time asked before the answer says the data stops short.
    static let lagWorthSaying: TimeInterval = 3_600

    static func line(store: any PostStore, local: LocalTime, now: Date) throws -> String {
        guard let latest = try store.latestPostTime(atOrBefore: now) else {
            return try store.latestPostTime(atOrBefore: nil) == nil
                ? "The store holds no posts yet." : "The store holds no posts up to \(local.freshness(now, now: now))."
        }
        let lag = now.timeIntervalSince(latest)
        guard lag >= lagWorthSaying else { return "Posts up to \(local.freshness(latest, now: now))." }
        return "Posts up to \(local.freshness(latest, now: now)): the data stops \(Wording.duration(lag)) short of \(local.freshness(now, now: now))."
    }
}
