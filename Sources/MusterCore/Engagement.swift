/// How much attention a post drew.
public struct Engagement: Sendable, Hashable {
    /// Likes or reactions.
    public var likes: Int
    /// Shares, retweets or reposts.
    public var shares: Int
    /// Replies or comments.
    public var replies: Int
    /// Estimated audience (followers, views), when the source gives it.
    public var reach: Int

    /// Creates an engagement record.
    public init(likes: Int = 0, shares: Int = 0, replies: Int = 0, reach: Int = 0) {
        self.likes = likes
        self.shares = shares
        self.replies = replies
        self.reach = reach
    }

    /// How much a like, a share and a reply each count towards `score`.
    public static let weights = (likes: 1, shares: 3, replies: 2)

    /// One number to rank posts by: shares and replies spread a post further than likes.
    public var score: Int { likes * Self.weights.likes + shares * Self.weights.shares + replies * Self.weights.replies }
}
