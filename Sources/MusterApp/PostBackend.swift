import MusterCore
import MusterPostgres
import MusterSQL

/// Where Muster keeps its posts when not in the store file: the posts answers read and ingest writes, the posts
/// staff logged from chat (posts too, so beside them), erasure and retention of what is kept there, and everything
/// instances on one server share so that they act as one: conversation memory, the outbox, deliveries already
/// answered, conversation places, watches, incidents, the schedule and who leads.
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
    /// Chat messages waiting to be sent, claimed by one sender at a time.
    public let outbox: any Outbox
    /// Chat deliveries already answered, whichever instance answered them.
    public let deliveryLedger: any DeliveryLedger
    /// Where conversations were heard from, by any instance.
    public let conversations: any ConversationDirectory
    /// Watches and their alerts.
    public let watches: any WatchStore
    /// Incident rooms.
    public let incidents: any IncidentStore
    /// Scheduled runs already made.
    public let schedule: any ScheduleLedger
    /// Who runs the work one instance does at a time (the scheduler, each source's poller).
    public let leases: any LeaseStore

    /// Posts, and what instances share, on PostgreSQL; accounts, source cursors and misses stay in the store file.
    public init(_ store: PostgresPostStore) {
        posts = store
        logged = store.loggedPosts
        personalData = store
        conversationStates = store.conversationStates
        outbox = store.outbox
        deliveryLedger = store.deliveryLedger
        conversations = store.conversations
        watches = store.watches
        incidents = store.incidents
        schedule = store.schedule
        leases = store.leases
    }
}
