import Foundation
import MusterCore

/// Every answer says how fresh the data is: "Posts up to 09:42 today."
enum Freshness {
    static func line(store: any PostStore, local: LocalTime, now: Date) throws -> String {
        guard let latest = try store.latestPostTime() else { return "The store holds no posts yet." }
        return "Posts up to \(local.freshness(latest, now: now))."
    }
}
