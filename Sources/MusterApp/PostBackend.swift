import MusterCore
import MusterPostgres
import MusterStore

/// Where Muster keeps its posts: the posts answers read and ingest writes, and the posts staff logged from chat,
/// which are posts too and so live beside them.
public struct PostBackend: Sendable {
    /// The posts.
    public let posts: any PostWriting
    /// Who logged which of them from chat.
    public let logged: any LoggedPostStore

    /// Posts in the store file.
    public init(_ store: SQLitePostStore) {
        posts = store
        logged = store.loggedPosts
    }

    /// Posts on PostgreSQL, while everything else stays in the store file.
    public init(_ store: PostgresPostStore) {
        posts = store
        logged = store.loggedPosts
    }
}
