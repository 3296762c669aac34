/// A structured question to the post store: what, where, when, from whom.
///
/// Skills build these; the store turns them into parameterised SQL. Empty collections mean "no filter".
public struct PostQuery: Sendable, Hashable, Codable {
    /// Taxonomy topics; a post matches when it has any of them.
    public var topics: [String]
    /// Free text searched in the full-text index; every word must appear.
    public var text: String?
    /// Ward names; a post matches when it is placed in any of them.
    public var areas: [String]
    /// The time span the posts were made in.
    public var window: TimeWindow
    /// Author kinds to include.
    public var authorKinds: Set<AuthorKind>
    /// Only posts from this outlet.
    public var outlet: String?
    /// Only posts with this sentiment.
    public var sentiment: SentimentLabel?
    /// Only posts stored under this source (`forwarded` for those staff logged).
    public var source: String?
    /// Only posts that mention any of these handles (without `@`).
    public var mentioning: [String] = []
    /// Only posts nobody from the organisation has answered or marked handled.
    public var awaitingReply = false
    /// Only posts of any of these kinds (empty: no filter): `.claim` for claims, `.question` for questions.
    public var kinds: PostKinds = []
    /// Only posts of none of these kinds.
    public var withoutKinds: PostKinds = []

    /// Creates a query.
    public init(
        topics: [String] = [], text: String? = nil, areas: [String] = [], window: TimeWindow,
        authorKinds: Set<AuthorKind> = [], outlet: String? = nil, sentiment: SentimentLabel? = nil
    ) {
        self.topics = topics
        self.text = text
        self.areas = areas
        self.window = window
        self.authorKinds = authorKinds
        self.outlet = outlet
        self.sentiment = sentiment
    }

    /// The same query over another window.
    public func over(_ window: TimeWindow) -> PostQuery {
        var copy = self
        copy.window = window
        return copy
    }
}
