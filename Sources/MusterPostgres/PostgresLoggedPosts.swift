import Foundation
import MusterCore
import MusterSQL

/// Logged posts on PostgreSQL: an ordinary `post` row, so every answer counts it, and its provenance in
/// `logged_post`, written in the same transaction and deleted with the post.
public struct PostgresLoggedPosts: LoggedPostStore {
    private let store: PostgresPostStore

    /// The logged posts in `store`'s database.
    public init(store: PostgresPostStore) {
        self.store = store
    }

    public func log(_ post: Post, by person: String, place: String, at time: Date) throws -> Int64 {
        let (platform, channel) = LoggedPost.split(place)
        return try store.connections.with { connection in
            try store.transaction(on: connection) {
                _ = try PostgresPostSink(store: store, connection: connection).upsert([post], ingestedAt: time)
                // The upsert inserts or refreshes; either way the row is there to attach the provenance to.
                let stored = try store.connections.rows("""
                    INSERT INTO logged_post (post_id, logged_by, logged_by_name, platform, channel, logged_at)
                    SELECT id, \(person), \(person), \(platform), \(channel), \(Int(time.timeIntervalSince1970))
                    FROM post WHERE source = \(post.source) AND external_id = \(post.externalID)
                    RETURNING post_id
                    """, on: connection)
                guard let row = stored.rows.first else { throw MusterError("the logged post was not stored") }
                return Int64(PostgresColumns(row).int(0))
            }
        }
    }

    public func provenance(of postID: Int64) throws -> LoggedPost? {
        try store.read("SELECT logged_by, platform, channel, logged_at FROM logged_post WHERE post_id = \(Int(postID))") { row in
            LoggedPost(
                postID: postID, loggedBy: row.string(0), platform: row.string(1), channel: row.string(2),
                loggedAt: Date(timeIntervalSince1970: TimeInterval(row.int(3)))
            )
        }.first
    }

    public func removeLogged(_ postID: Int64) throws -> Bool {
        // The provenance row and the topic rows go with the post (ON DELETE CASCADE).
        try store.change("DELETE FROM post WHERE id = \(Int(postID)) AND id IN (SELECT post_id FROM logged_post)") == 1
    }
}

extension PostgresPostStore {
    /// Posts staff logged from chat, with who logged them, in this store's database.
    public var loggedPosts: any LoggedPostStore { PostgresLoggedPosts(store: self) }
}
