import Foundation

/// What the store does for data protection: retention, erasure, and subject access.
///
/// Kept apart from `PostStore`, which answers questions: these are the operations a data protection officer asks
/// about, each audited by its caller.
public protocol PersonalDataStore: Sendable {
    /// Deletes what is older than the cutoffs (posts with everything derived from them, audit rows and staff
    /// messages, sent chat messages, remembered deliveries), in short transactions that never hold up answers.
    func prune(_ cutoffs: RetentionCutoffs) throws -> PruneCounts
    /// Deletes every post by `handle` (on `source`, or on every source when `nil`) and remembers a salted digest of
    /// the handle so that their posts are not stored again; returns how many posts went.
    func forgetAuthor(_ handle: String, source: String?, at time: Date) throws -> Int
    /// Everything held about `handle` (on `source`, or every source when `nil`): their posts as stored, with the
    /// records as they arrived, and posts by others that name them.
    func exportAuthor(_ handle: String, source: String?) throws -> AuthorExport
}

/// The times before which each kind of record is deleted.
public struct RetentionCutoffs: Sendable, Hashable {
    /// Posts made before this go.
    public var posts: Date
    /// Audit rows and the staff messages kept for improving the intents, written before this, go.
    public var audit: Date
    /// Delivered or failed chat messages written before this go, and remembered deliveries seen before it.
    public var deliveries: Date

    /// Creates cutoffs.
    public init(posts: Date, audit: Date, deliveries: Date) {
        self.posts = posts
        self.audit = audit
        self.deliveries = deliveries
    }
}

/// What a prune deleted.
public struct PruneCounts: Sendable, Hashable, CustomStringConvertible {
    /// Posts, with their search, topic and kind rows.
    public var posts = 0
    /// Audit rows.
    public var audit = 0
    /// Staff messages kept for improving the intents.
    public var misses = 0
    /// Delivered or failed chat messages.
    public var outbox = 0
    /// Remembered chat deliveries.
    public var deliveries = 0
    /// Chat conversations not heard from within the audit period (they name the staff who asked).
    public var places = 0

    /// Creates counts.
    public init(posts: Int = 0, audit: Int = 0, misses: Int = 0, outbox: Int = 0, deliveries: Int = 0, places: Int = 0) {
        self.posts = posts
        self.audit = audit
        self.misses = misses
        self.outbox = outbox
        self.deliveries = deliveries
        self.places = places
    }

    public var description: String {
        "\(posts.grouped) posts, \(audit.grouped) audit rows, \(misses.grouped) staff messages, \(outbox.grouped) sent chat messages, \(deliveries.grouped) remembered deliveries, \(places.grouped) conversation places"
    }
}

/// A subject access request's answer: what Muster holds about one person.
public struct AuthorExport: Sendable, Codable, Hashable {
    /// One stored post, as held.
    public struct HeldPost: Sendable, Codable, Hashable {
        public var source: String
        public var id: String
        public var url: String?
        public var author: String
        public var authorName: String?
        public var text: String
        public var createdAt: Date
        public var storedAt: Date
        public var editedAt: Date?
        public var area: String?
        public var topics: [String]
        public var kinds: [String]
        public var sentiment: Double
        public var handledBy: String?
        /// The record exactly as it arrived, when it was kept.
        public var record: String?

        /// Creates a held post.
        public init(
            source: String, id: String, url: String?, author: String, authorName: String?, text: String, createdAt: Date,
            storedAt: Date, editedAt: Date?, area: String?, topics: [String], kinds: [String], sentiment: Double,
            handledBy: String?, record: String?
        ) {
            self.source = source
            self.id = id
            self.url = url
            self.author = author
            self.authorName = authorName
            self.text = text
            self.createdAt = createdAt
            self.storedAt = storedAt
            self.editedAt = editedAt
            self.area = area
            self.topics = topics
            self.kinds = kinds
            self.sentiment = sentiment
            self.handledBy = handledBy
            self.record = record
        }
    }

    /// The handle asked about.
    public var handle: String
    /// The source asked about, or `nil` for every source.
    public var source: String?
    /// Their posts.
    public var posts: [HeldPost]
    /// Posts by others that name them (`@handle`).
    public var mentions: [HeldPost]

    /// Creates an export.
    public init(handle: String, source: String?, posts: [HeldPost], mentions: [HeldPost]) {
        self.handle = handle
        self.source = source
        self.posts = posts
        self.mentions = mentions
    }
}
