import Foundation

/// A chat message waiting in, or kept by, the outbox.
public struct OutboxMessage: Sendable, Hashable {
    /// Where a message is in its life.
    public enum Status: String, Sendable, CaseIterable {
        /// Not yet delivered; the worker will try at `nextAttemptAt`.
        case pending
        /// The chat service accepted it.
        case delivered
        /// Given up on: a permanent refusal or too many attempts. Kept so a person can see and retry it.
        case failed
    }

    /// The outbox's id for it (0 before it is stored).
    public var id: Int64
    /// The chat platform it goes to ("slack", "teams", "mattermost", "webhook").
    public var platform: String
    /// The URL to POST to, or `env:NAME` to read a secret URL from the environment when sending.
    public var destination: String
    /// What it is, for people reading `muster outbox` ("answer to @priya in C0NBCOMMS"); never holds secrets.
    public var label: String
    /// The body's media type.
    public var contentType: String
    /// The payload, exactly as it will be sent.
    public var body: String
    /// Where it is in its life.
    public var status: Status
    /// Delivery attempts so far.
    public var attempts: Int
    /// When the worker may next try it.
    public var nextAttemptAt: Date
    /// When it was written.
    public var createdAt: Date
    /// When the chat service accepted it.
    public var deliveredAt: Date?
    /// Why the last attempt failed.
    public var lastError: String?

    /// Creates a pending message, due now.
    public init(platform: String, destination: String, label: String, contentType: String = "application/json", body: String, at now: Date) {
        self.id = 0
        self.platform = platform
        self.destination = destination
        self.label = label
        self.contentType = contentType
        self.body = body
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = now
        self.createdAt = now
        self.deliveredAt = nil
        self.lastError = nil
    }
}
