import MusterCore
import MusterSQL

extension SQLitePostStore {
    /// The chat outbox in this store's file, through its protocol: callers never name the SQLite type.
    public var outbox: any Outbox { SQLiteOutbox(store: self) }

    /// The chat deliveries already answered, in this store's file.
    public var deliveryLedger: any DeliveryLedger { SQLiteDeliveryLedger(store: self) }

    /// The web console's accounts and sessions, in this store's file.
    public var accounts: any AccountStore { SQLiteAccountStore(store: self) }

    /// The polled sources' cursors and health, in this store's file.
    public var sourceLedger: any SourceLedger { SQLiteSourceLedger(store: self) }

    /// Posts staff logged from chat, with who logged them, in this store's file.
    public var loggedPosts: any LoggedPostStore { SQLiteLoggedPosts(store: self) }

    /// What each conversation is remembered by between messages, in this store's file.
    public var conversationStates: any ConversationStateStore { SQLConversationStates(store: self) }

    /// Where chat conversations were last seen, in this store's file.
    public var conversations: any ConversationDirectory { SQLiteConversationDirectory(store: self) }

    /// Watches and their alerts, in this store's file.
    public var watches: any WatchStore { SQLiteWatchStore(store: self) }

    /// Incident rooms, in this store's file.
    public var incidents: any IncidentStore { SQLiteIncidentStore(store: self) }

    /// Scheduled runs already made (the morning digest), in this store's file.
    public var schedule: any ScheduleLedger { SQLiteScheduleLedger(store: self) }
}
