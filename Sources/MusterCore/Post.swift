import Foundation

/// One monitored post: a tweet, a Facebook comment, a news article, a forwarded WhatsApp message.
///
/// Ingest fills the source fields; enrichment fills `area`, `topics`, `sentiment` and `kinds`.
public struct Post: Sendable, Hashable {
    /// Row id in the store; `nil` until stored.
    public var id: Int64?
    /// Where the post came from (`x`, `facebook`, `news`, …).
    public var source: String
    /// The post's id at its source; unique per source, which makes ingest idempotent.
    public var externalID: String
    /// A link to the post itself.
    public var url: String?
    /// Who wrote it.
    public var author: Author
    /// The media outlet, for posts by media authors.
    public var outlet: String?
    /// The post's text as written.
    public var text: String
    /// ISO 639-1 language code (`en`, `cy`, …) or `other`, when known; ingest detects English and Welsh.
    public var language: String?
    /// When the post was made (UTC).
    public var createdAt: Date
    /// Where it was posted from, when the source says.
    public var geo: GeoPoint?
    /// The ward the post is about, as resolved by enrichment; `nil` when it could not be placed.
    public var area: String?
    /// Taxonomy topics, multi-label.
    public var topics: [String]
    /// Sentiment score in -1…1.
    public var sentiment: Double
    /// Likes, shares, replies and reach.
    public var engagement: Engagement
    /// External id of the post this one answers.
    public var replyTo: String?
    /// External id of the thread's first post.
    public var threadID: String?
    /// What the post is: a report, a claim, an official line, a question, an appeal, sympathy, distress…
    public var kinds: PostKinds
    /// Who marked the post handled, and when; `nil` while it is not.
    public var handled: Handling?
    /// The record as it arrived, for audit and re-enrichment. Stored on ingest; posts read back from the store
    /// leave it out (`nil`).
    public var raw: String?

    /// Creates a post; enrichment fields default to "not yet known".
    public init(
        id: Int64? = nil, source: String, externalID: String, url: String? = nil, author: Author,
        outlet: String? = nil, text: String, language: String? = nil, createdAt: Date, geo: GeoPoint? = nil,
        area: String? = nil, topics: [String] = [], sentiment: Double = 0, engagement: Engagement = .init(),
        replyTo: String? = nil, threadID: String? = nil, kinds: PostKinds = [], handled: Handling? = nil, raw: String? = nil
    ) {
        self.id = id
        self.source = source
        self.externalID = externalID
        self.url = url
        self.author = author
        self.outlet = outlet
        self.text = text
        self.language = language
        self.createdAt = createdAt
        self.geo = geo
        self.area = area
        self.topics = topics
        self.sentiment = sentiment
        self.engagement = engagement
        self.replyTo = replyTo
        self.threadID = threadID
        self.kinds = kinds
        self.handled = handled
        self.raw = raw
    }

    /// Whether the post really asks something.
    public var isQuestion: Bool {
        get { kinds.contains(.question) }
        set { if newValue { kinds.insert(.question) } else { kinds.remove(.question) } }
    }

    /// Whether the post asserts something unconfirmed ("I heard", "apparently").
    public var isClaim: Bool {
        get { kinds.contains(.claim) }
        set { if newValue { kinds.insert(.claim) } else { kinds.remove(.claim) } }
    }

    /// The sentiment score as a label.
    public var sentimentLabel: SentimentLabel { SentimentLabel(score: sentiment) }
}

/// Who wrote a post.
public struct Author: Sendable, Hashable {
    /// The handle of a post whose record named no author; enrichment replaces it with a retweet's or quote's
    /// original author when the text names one.
    public static let unknownHandle = "unknown"

    /// The handle, without a leading `@`.
    public var handle: String
    /// The display name, when known.
    public var name: String?
    /// Public, media, official, partner or staff.
    public var kind: AuthorKind

    /// Creates an author.
    public init(handle: String, name: String? = nil, kind: AuthorKind = .public) {
        self.handle = handle
        self.name = name
        self.kind = kind
    }
}

/// Who marked a post handled and when.
public struct Handling: Sendable, Hashable {
    /// The user who marked it.
    public var by: String
    /// When it was marked.
    public var at: Date

    /// Creates a handling record.
    public init(by: String, at: Date) {
        self.by = by
        self.at = at
    }
}
