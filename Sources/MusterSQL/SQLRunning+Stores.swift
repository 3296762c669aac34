import MusterCore

/// What every instance on one store shares, kept in that store and written once for both (`SQLRunning`): callers
/// name the protocols, never a store's own types.
extension SQLRunning {
    /// The chat outbox.
    public var outbox: any Outbox { SQLOutbox(self) }

    /// The chat deliveries already answered.
    public var deliveryLedger: any DeliveryLedger { SQLDeliveryLedger(self) }

    /// What each conversation is remembered by between messages.
    public var conversationStates: any ConversationStateStore { SQLConversationStates(store: self) }

    /// Where chat conversations were last seen.
    public var conversations: any ConversationDirectory { SQLConversationDirectory(self) }

    /// Watches and their alerts.
    public var watches: any WatchStore { SQLWatchStore(self) }

    /// Incident rooms.
    public var incidents: any IncidentStore { SQLIncidentStore(self) }

    /// Scheduled runs already made (the morning digest).
    public var schedule: any ScheduleLedger { SQLScheduleLedger(self) }

    /// Leases on work only one instance runs at a time (the scheduler, each source's poller).
    public var leases: any LeaseStore { SQLLeaseStore(self) }
}
