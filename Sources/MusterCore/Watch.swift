import Foundation

/// A standing question a conversation asked Muster to keep an eye on ("tell me if anything about gas leaks spikes
/// in Ward 3", "alert me to new rumours about the fire"), checked as posts arrive and on a tick.
public struct Watch: Sendable, Hashable {
    /// What the watch looks for.
    public enum Kind: String, Sendable, CaseIterable {
        /// A burst of posts against what is usual for that hour of the week.
        case spike
        /// A new claim spreading, or one an official post has just denied.
        case rumours
    }

    /// How readily a watch alerts: the tail probability below which a count counts as a spike, among other settings.
    public enum Sensitivity: String, Sendable, CaseIterable {
        /// Fewer alerts; only clear bursts.
        case low
        /// The default.
        case normal
        /// More alerts; smaller bursts.
        case high
    }

    /// The store's id (0 before it is stored).
    public var id: Int64
    /// What it looks for.
    public var kind: Kind
    /// The posts it counts: taxonomy topics, free text, areas, source kinds (the window is the detector's).
    public var topics: [String]
    /// Free text every matching post contains.
    public var text: String?
    /// Ward names.
    public var areas: [String]
    /// Author kinds counted (empty: all).
    public var authorKinds: Set<AuthorKind>
    /// How it reads in lists and alerts ("gas leaks in Ward 3").
    public var label: String
    /// The conversation alerts are posted to (its `ConversationReference.key`).
    public var conversation: String
    /// Who set it, for the audit and "what am I watching?".
    public var setBy: String
    /// How readily it alerts.
    public var sensitivity: Sensitivity
    /// When it was set.
    public var createdAt: Date
    /// When it last alerted, for the cool-down.
    public var lastAlertAt: Date?
    /// The incident room it belongs to, if it was set by one (it goes when the incident is closed).
    public var incidentID: Int64?

    /// Creates a watch.
    public init(
        id: Int64 = 0, kind: Kind, topics: [String] = [], text: String? = nil, areas: [String] = [], authorKinds: Set<AuthorKind> = [],
        label: String, conversation: String, setBy: String, sensitivity: Sensitivity = .normal, createdAt: Date, lastAlertAt: Date? = nil,
        incidentID: Int64? = nil
    ) {
        self.id = id
        self.kind = kind
        self.topics = topics
        self.text = text
        self.areas = areas
        self.authorKinds = authorKinds
        self.label = label
        self.conversation = conversation
        self.setBy = setBy
        self.sensitivity = sensitivity
        self.createdAt = createdAt
        self.lastAlertAt = lastAlertAt
        self.incidentID = incidentID
    }

    /// The posts it counts, over `window`.
    public func query(over window: TimeWindow) -> PostQuery {
        PostQuery(topics: topics, text: text, areas: areas, window: window, authorKinds: authorKinds)
    }
}

/// An incident room: a channel Muster posts a sitrep to every so often, with what changed, until it is closed.
public struct Incident: Sendable, Hashable {
    /// The store's id (0 before it is stored).
    public var id: Int64
    /// Its name ("Hill Street fire").
    public var name: String
    /// The terms its posts are found by ("fire", "smoke", "Hill St").
    public var terms: [String]
    /// The conversation it posts to.
    public var conversation: String
    /// Who started it.
    public var startedBy: String
    /// When it started.
    public var startedAt: Date
    /// How often a sitrep is posted.
    public var interval: TimeInterval
    /// When the next sitrep is due.
    public var nextSitrepAt: Date
    /// How many sitreps have been posted.
    public var sitreps: Int
    /// When it was closed, if it has been.
    public var closedAt: Date?

    /// Creates an incident.
    public init(
        id: Int64 = 0, name: String, terms: [String], conversation: String, startedBy: String, startedAt: Date, interval: TimeInterval,
        nextSitrepAt: Date? = nil, sitreps: Int = 0, closedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.terms = terms
        self.conversation = conversation
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.interval = interval
        self.nextSitrepAt = nextSitrepAt ?? startedAt.addingTimeInterval(interval)
        self.sitreps = sitreps
        self.closedAt = closedAt
    }
}

/// Watches and what they have alerted on, shared by every instance on the store.
public protocol WatchStore: Sendable {
    /// Stores a new watch and returns its id.
    func add(_ watch: Watch) throws -> Int64
    /// The watches posting to `conversation` (all when `nil`), oldest first.
    func watches(in conversation: String?) throws -> [Watch]
    /// Removes a watch; `false` when there was none with that id.
    func remove(_ id: Int64) throws -> Bool
    /// Removes an incident room's watches; returns how many went.
    func removeWatches(ofIncident incidentID: Int64) throws -> Int
    /// Records an alert and queues its message in one transaction, unless the watch alerted since `since` (another
    /// instance got there first): `true` when this call recorded it.
    func recordAlert(for watchID: Int64, at time: Date, unlessSince since: Date?, message: OutboxMessage?) throws -> Bool
    /// Whether a rumour (by its signature) has already been alerted to a watch.
    func alerted(rumour signature: String, watch watchID: Int64) throws -> Bool
    /// Remembers that a rumour was alerted to a watch, and queues the message, in one transaction; `false` when it
    /// already was.
    func recordRumourAlert(_ signature: String, watch watchID: Int64, at time: Date, message: OutboxMessage?) throws -> Bool
}

/// Incident rooms, shared by every instance on the store.
public protocol IncidentStore: Sendable {
    /// Opens an incident and returns its id.
    func open(_ incident: Incident) throws -> Int64
    /// Open incidents (posting to `conversation`, or all when `nil`).
    func openIncidents(in conversation: String?) throws -> [Incident]
    /// Closes the open incident in `conversation` (by name, or the only one), returning it; `nil` when none matches.
    func close(in conversation: String, named name: String?, at time: Date) throws -> Incident?
    /// Claims the sitrep that was due at `incident.nextSitrepAt` and queues its message, in one transaction: the
    /// incident's next sitrep moves on by its interval. `false` when it was no longer due at that time (another
    /// instance, or a run before a restart, already sent it), so a sitrep is never sent twice nor lost.
    func recordSitrep(of incident: Incident, at time: Date, message: OutboxMessage?) throws -> Bool
}

/// Scheduled posts that are not incidents' (the morning digest), each claimed once by name ("digest 2026-12-02"),
/// shared by every instance on the store.
public protocol ScheduleLedger: Sendable {
    /// Claims the run called `name` and queues its message in one transaction: `true` the first time, `false` when it
    /// was already claimed (before a restart, or by another instance).
    func claim(_ name: String, at time: Date, message: OutboxMessage?) throws -> Bool
    /// Whether the run called `name` has been claimed, so its message need not be composed again.
    func claimed(_ name: String) throws -> Bool
}
