import Foundation

/// What is known of a rumour: unverified until someone with the authority says otherwise.
public enum RumourStatus: String, Sendable, CaseIterable, Hashable {
    case unverified
    case `false`
    case `true`
}

/// A rumour's status as set by staff, with the official line replies should use.
public struct RumourRecord: Sendable, Hashable {
    /// The rumour's signature (see `RumourFinder`).
    public var key: String
    /// Its status.
    public var status: RumourStatus
    /// The line to take, when one is set.
    public var officialLine: String?
    /// Who set it.
    public var setBy: String
    /// When.
    public var setAt: Date

    /// Creates a record.
    public init(key: String, status: RumourStatus, officialLine: String?, setBy: String, setAt: Date) {
        self.key = key
        self.status = status
        self.officialLine = officialLine
        self.setBy = setBy
        self.setAt = setAt
    }
}

/// One line of the audit log: who did or asked what, where and when.
public struct AuditEntry: Sendable, Hashable {
    /// When.
    public var at: Date
    /// Who.
    public var user: String
    /// Where (a channel, a thread, the CLI).
    public var channel: String
    /// What kind of action ("mark handled", "mark rumour").
    public var action: String
    /// The details a reviewer needs.
    public var detail: String

    /// Creates an entry.
    public init(at: Date, user: String, channel: String, action: String, detail: String) {
        self.at = at
        self.user = user
        self.channel = channel
        self.action = action
        self.detail = detail
    }
}
