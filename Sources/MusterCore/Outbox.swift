import Foundation

/// Where asynchronous chat messages wait to be delivered: written first, then sent by a worker, so a restart or a
/// chat service's outage loses nothing.
///
/// Several processes may deliver from one outbox (`muster serve` and a `muster post` beside it, or two instances of
/// the service): a message is claimed with a lease before it is sent, so only one of them sends it. A sender that
/// dies mid-send leaves its lease to run out, and the message is sent again then: delivery is at least once, and
/// exactly once unless a sender dies between the chat service accepting a message and the outbox recording it.
public protocol Outbox: Sendable {
    /// Stores `message` as pending and returns its id.
    @discardableResult
    func enqueue(_ message: OutboxMessage) throws -> Int64
    /// Claims up to `limit` pending messages whose time has come and that no one else holds, for `lease` seconds,
    /// oldest first. A claimed message is not due to anyone else until the lease runs out or its owner records it.
    func claimDue(at now: Date, owner: String, lease: TimeInterval, limit: Int) throws -> [OutboxMessage]
    /// Pending messages whose time has come, oldest first, whoever holds them (for listings and tests).
    func due(at now: Date, limit: Int) throws -> [OutboxMessage]
    /// When the next pending message falls due, if any is waiting.
    func nextDue() throws -> Date?
    /// Messages in `status` (all when `nil`), newest first.
    func messages(status: OutboxMessage.Status?, limit: Int) throws -> [OutboxMessage]
    /// How many messages are in each status.
    func counts() throws -> [OutboxMessage.Status: Int]
    /// Records a delivery and lets go of the message.
    func markDelivered(_ id: Int64, attempts: Int, at now: Date) throws
    /// Records a failed attempt and when to try again, and lets go of the message.
    func reschedule(_ id: Int64, attempts: Int, next: Date, error: String) throws
    /// Lets go of a claimed message without recording an attempt, so any sender may take it when it is due.
    func release(_ id: Int64) throws
    /// Gives up on a message, keeping it and why.
    func markFailed(_ id: Int64, attempts: Int, error: String) throws
    /// Puts a failed message back in the queue, due now; `false` when there is no failed message with that id.
    func retry(_ id: Int64, at now: Date) throws -> Bool
}

extension Outbox {
    /// Pending messages due at `now`, the first 50.
    public func due(at now: Date) throws -> [OutboxMessage] {
        try due(at: now, limit: 50)
    }

    /// The newest 100 messages in `status` (all when `nil`).
    public func messages(status: OutboxMessage.Status? = nil, limit: Int = 100) throws -> [OutboxMessage] {
        try messages(status: status, limit: limit)
    }
}

/// Remembers which chat-platform deliveries have been seen, so that a retried or duplicated delivery is answered
/// once, across restarts and across instances that share a store.
public protocol DeliveryLedger: Sendable {
    /// `true` the first time `key` is seen, `false` for a repeat (until the ledger forgets it, a day later).
    func firstSighting(of key: String, at now: Date) throws -> Bool
}

/// The headers that let an outbox message through (a signature, a bearer token), worked out at send time so no secret
/// is ever stored with the message.
public protocol OutboxCredentials: Sendable {
    /// The headers for `message`; throws when its credential cannot be had just now (a token service is down), which
    /// counts as a failed attempt to try again.
    func headers(for message: OutboxMessage) throws -> [String: String]
    /// The service refused the credentials sent with `message` (HTTP 401): a cached token is dropped.
    func refused(_ message: OutboxMessage)
}

/// Credentials for outboxes whose every destination is its own credential: no headers.
public struct NoOutboxCredentials: OutboxCredentials {
    /// Creates them.
    public init() {}
    public func headers(for message: OutboxMessage) throws -> [String: String] { [:] }
    public func refused(_ message: OutboxMessage) {}
}
