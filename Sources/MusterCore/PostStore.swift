import Foundation

/// The query layer: what skills may ask of the monitored-post store.
///
/// This is the one seam between answers and storage. SQLite implements it today; a PostgreSQL backend for larger
/// deployments implements the same protocol without skills changing.
public protocol PostStore: Sendable {
    /// Counts, placement and sentiment split for the posts matching `query`.
    func aggregate(_ query: PostQuery) throws -> PostAggregate
    /// The most-engaged matching posts, highest first.
    func topPosts(_ query: PostQuery, limit: Int) throws -> [Post]
    /// The newest matching posts, newest first, skipping the first `offset` (for paging).
    func recentPosts(_ query: PostQuery, limit: Int, offset: Int) throws -> [Post]
    /// The posts with these store ids, in the order asked; ids no longer stored are left out.
    func posts(ids: [Int64]) throws -> [Post]
    /// Matching posts per equal time bucket across the window, oldest first.
    func volume(_ query: PostQuery, buckets: Int) throws -> [Int]
    /// `aggregate` and `volume` together, read in one pass over the matching posts.
    func aggregateWithVolume(_ query: PostQuery, buckets: Int) throws -> (aggregate: PostAggregate, volume: [Int])
    /// Matching posts per taxonomy topic, most first, up to `limit` topics, with how many of each read as negative.
    func topicCounts(_ query: PostQuery, limit: Int) throws -> [TopicCount]
    /// Matching posts per media outlet, most first, up to `limit` outlets.
    func outletCounts(_ query: PostQuery, limit: Int) throws -> [(outlet: String, count: Int)]
    /// Matching posts per ward, most first, up to `limit` wards.
    func areaCounts(_ query: PostQuery, limit: Int) throws -> [(area: String, count: Int)]
    /// How many posts match, and how many of them are of each single kind (`PostKinds.named`), in one pass.
    func kindCounts(_ query: PostQuery) throws -> (total: Int, byKind: [PostKinds: Int])
    /// Every rumour status staff have set.
    func rumourRecords() throws -> [RumourRecord]
    /// Sets a rumour's status and official line, replacing any before.
    func setRumour(_ record: RumourRecord) throws
    /// Marks a post handled; `false` when there is no such post.
    func markHandled(postID: Int64, by user: String, at time: Date) throws -> Bool
    /// Adds a line to the audit log.
    func audit(_ entry: AuditEntry) throws
    /// The creation time of the newest post made at or before `time` (the newest of all when `nil`), for "posts up
    /// to 09:42": an answer asked as of an earlier time must not count posts from after it.
    func latestPostTime(atOrBefore time: Date?) throws -> Date?
}
