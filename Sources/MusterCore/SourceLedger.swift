import Foundation

/// Where one polled source has got to, and how it is faring: what `muster sources`, `/readyz` and the answers'
/// freshness line report, and what a restarted server resumes from.
public struct SourceStatus: Sendable, Hashable {
    /// The source's config name.
    public var name: String
    /// The kind's cursor: the newest item seen, for sources that can ask for newer items only.
    public var cursor: String?
    /// The validators of the last full answer, sent back so an unchanged feed answers 304.
    public var etag: String?
    /// The `Last-Modified` of the last full answer.
    public var lastModified: String?
    /// When it was last polled, whatever came of it.
    public var lastAttemptAt: Date?
    /// When a poll last succeeded (a 304 is a success).
    public var lastSuccessAt: Date?
    /// What went wrong on the last failed poll, in words.
    public var lastError: String?
    /// When it went wrong.
    public var lastErrorAt: Date?
    /// Failed polls since the last success; the back-off grows with it.
    public var failures: Int
    /// When it is next due.
    public var nextPollAt: Date?
    /// The day (`yyyy-MM-dd`, UTC) that `addedToday` counts.
    public var day: String?
    /// Posts it added that day.
    public var addedToday: Int
    /// Posts it has added in all.
    public var addedTotal: Int
    /// Polls made in all.
    public var polls: Int
    /// Polls answered 304 Not Modified.
    public var notModified: Int

    /// A source never polled.
    public init(name: String) {
        self.name = name
        failures = 0
        addedToday = 0
        addedTotal = 0
        polls = 0
        notModified = 0
    }

    /// Whether the last poll failed.
    public var isFailing: Bool { failures > 0 }
}

/// The polled sources' cursors and health, kept in the store so that a restart resumes with no gap and no
/// duplicate, and so that every instance serving the store sees the same state.
public protocol SourceLedger: Sendable {
    /// The status saved for `name`; `nil` when it has never been polled.
    func status(of name: String) throws -> SourceStatus?
    /// Every saved status, by name.
    func statuses() throws -> [SourceStatus]
    /// Saves `status`, replacing what was saved under its name.
    func save(_ status: SourceStatus) throws
}
