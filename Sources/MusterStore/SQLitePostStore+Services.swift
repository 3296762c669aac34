import MusterCore
import MusterSQL

/// What only the store file keeps (the outbox and the rest every instance shares are in `SQLRunning+Stores`), through
/// their protocols: callers never name the SQLite types.
extension SQLitePostStore {
    /// The web console's accounts and sessions, in this store's file.
    public var accounts: any AccountStore { SQLiteAccountStore(store: self) }

    /// The polled sources' cursors and health, in this store's file.
    public var sourceLedger: any SourceLedger { SQLiteSourceLedger(store: self) }

    /// Posts staff logged from chat, with who logged them, in this store's file.
    public var loggedPosts: any LoggedPostStore { SQLiteLoggedPosts(store: self) }
}
