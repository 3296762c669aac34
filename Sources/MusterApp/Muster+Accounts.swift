import MusterCore
import MusterStore

extension Muster {
    /// The web console's accounts and sessions, in the same store as the posts and the audit log.
    public var accounts: any AccountStore {
        SQLiteAccountStore(store: store)
    }
}
