import Foundation
import MusterConfig
import MusterCore

/// Every answer says how fresh the data is: "Posts up to 09:42 today."
///
/// Freshness is read as of the time asked, never from posts after it, and an answer whose data stops well short
/// of that time says so: a feed that stopped is not the same as a quiet hour.
enum Freshness {
    /// How far the newest post may lag the time asked before the answer says the data stops short.
    static let lagWorthSaying: TimeInterval = 3_600

    /// The freshness line for an answer asked at `now`, naming any polled source that has gone stale.
    static func line(context: SkillContext, now: Date) throws -> String {
        let line = try postsLine(store: context.store, local: context.local, now: now)
        guard let ledger = context.sourceLedger, !context.config.sources.isEmpty else { return line }
        // Health is judged against the real time: a frozen clock (a replay) would call every live source stale.
        let real = Date()
        let stale = try SourceHealth.all(context.config.sources, ledger: ledger).filter { $0.isStale(at: real) }
        guard !stale.isEmpty else { return line }
        let named = stale.prefix(3).map { health -> String in
            guard let read = health.lastRead else { return "\(health.source.label) has not been read yet" }
            return "\(health.source.label) last read \(Wording.duration(real.timeIntervalSince(read))) ago"
        }
        let more = stale.count > 3 ? " and \(stale.count - 3) more" : ""
        let said = named.joined(separator: "; ")
        return "\(line) \(said.prefix(1).uppercased() + said.dropFirst())\(more)."
    }

    private static func postsLine(store: any PostStore, local: LocalTime, now: Date) throws -> String {
        guard let latest = try store.latestPostTime(atOrBefore: now) else {
            return try store.latestPostTime(atOrBefore: nil) == nil
                ? "The store holds no posts yet." : "The store holds no posts up to \(local.freshness(now, now: now))."
        }
        let lag = now.timeIntervalSince(latest)
        guard lag >= lagWorthSaying else { return "Posts up to \(local.freshness(latest, now: now))." }
        return "Posts up to \(local.freshness(latest, now: now)): the data stops \(Wording.duration(lag)) short of \(local.freshness(now, now: now))."
    }
}
