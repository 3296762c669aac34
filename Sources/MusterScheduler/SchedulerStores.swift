import MusterCore

/// What the scheduler reads and claims in the store.
public struct SchedulerStores: Sendable {
    /// The posts, for counting.
    public var posts: any PostStore
    /// Watches and their alerts.
    public var watches: any WatchStore
    /// Incident rooms.
    public var incidents: any IncidentStore
    /// Scheduled runs (the digest).
    public var schedule: any ScheduleLedger
    /// Where conversations were heard from.
    public var conversations: any ConversationDirectory

    /// Creates the set.
    public init(posts: any PostStore, watches: any WatchStore, incidents: any IncidentStore, schedule: any ScheduleLedger, conversations: any ConversationDirectory) {
        self.posts = posts
        self.watches = watches
        self.incidents = incidents
        self.schedule = schedule
        self.conversations = conversations
    }
}
