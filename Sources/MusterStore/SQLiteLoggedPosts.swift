import Foundation
import MusterSQL
import MusterCore

/// Logged posts in the store: an ordinary `post` row, so every answer counts it, and its provenance in
/// `logged_post` (migration v9), deleted with it.
public struct SQLiteLoggedPosts: LoggedPostStore {
    private let store: SQLitePostStore

    /// The logged posts in `store`'s database.
    public init(store: SQLitePostStore) {
        self.store = store
    }

    public func log(_ post: Post, by person: String, place: String, at time: Date) throws -> Int64 {
        let (platform, channel) = LoggedPost.split(place)
        return try store.write { store in
            _ = try store.upsert([post], ingestedAt: time)
            guard let id = try store.database.scalar("SELECT id FROM post WHERE source = \(post.source) AND external_id = \(post.externalID)") else {
                throw MusterError("the logged post was not stored")
            }
            try store.database.run("""
                INSERT INTO logged_post (post_id, logged_by, logged_by_name, platform, channel, logged_at)
                VALUES (\(id), \(person), \(person), \(platform), \(channel), \(Int(time.timeIntervalSince1970)))
                """)
            return Int64(id)
        }
    }

    public func provenance(of postID: Int64) throws -> LoggedPost? {
        try store.database.rows("SELECT logged_by, platform, channel, logged_at FROM logged_post WHERE post_id = \(Int(postID))") { row in
            LoggedPost(
                postID: postID, loggedBy: row.string(0), platform: row.string(1), channel: row.string(2),
                loggedAt: Date(timeIntervalSince1970: TimeInterval(row.int(3)))
            )
        }.first
    }

    public func removeLogged(_ postID: Int64) throws -> Bool {
        // The provenance row goes with the post (ON DELETE CASCADE), and the search and topic rows by their triggers.
        try store.database.run("DELETE FROM post WHERE id = \(Int(postID)) AND id IN (SELECT post_id FROM logged_post)") == 1
    }
}
