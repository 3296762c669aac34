import MusterCore

/// What the skills that make Muster speak first keep in the store: watches ("tell me if bins spike in Riverside"),
/// incident rooms ("start incident Hill Street fire"), and where each conversation is, so a watch set in one is
/// known to post there.
public struct SpeakingFirstStores: Sendable {
    /// The watches and their alerts.
    public var watches: any WatchStore
    /// The incident rooms.
    public var incidents: any IncidentStore
    /// Where conversations were heard from.
    public var conversations: any ConversationDirectory

    /// Creates the set.
    public init(watches: any WatchStore, incidents: any IncidentStore, conversations: any ConversationDirectory) {
        self.watches = watches
        self.incidents = incidents
        self.conversations = conversations
    }
}
