import MusterCore
import MusterPostgres

/// Where Muster keeps its posts when not in the store file: the posts answers read and ingest writes, the posts
/// staff logged from chat (posts too, so beside them), erasure and retention of what is kept there, and what
/// conversations are remembered by.
public struct PostBackend: Sendable {
    /// The posts.
    public let posts: any PostWriting
    /// Who logged which of them from chat.
    public let logged: any LoggedPostStore
    /// Retention and erasure of the posts and audit kept there.
    public let personalData: any PersonalDataStore
    /// What each conversation is remembered by between messages, so instances on the same server answer a thread
    /// as one.
    public let conversationStates: any ConversationStateStore

    /// Posts on PostgreSQL, while everything else stays in the store file.
    public init(_ store: PostgresPostStore) {
        posts = store
        logged = store.loggedPosts
        personalData = store
        conversationStates = store.conversationStates
    }
}
