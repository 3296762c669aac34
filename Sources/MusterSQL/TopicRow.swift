import MusterCore

/// One row of `post_topic`: a post under one of its topics, with the columns a topic's counts read.
public struct TopicRow: Sendable {
    /// The columns of `post_topic`, in the order of `values`.
    public static let columns = ["topic", "created_at", "post_id", "area", "sentiment", "is_question", "author_kind", "kinds"]

    public let topic: String
    public let createdAt: Int
    public let id: Int
    public let area: String?
    public let sentiment: Double
    public let isQuestion: Bool
    public let kind: AuthorKind
    /// What the post is (`PostKinds`), so that "claims about the fire" passes over other posts before reading any.
    public let kinds: PostKinds

    /// A row per distinct topic of the post stored with `id`.
    public static func rows(of post: Post, id: Int) -> [TopicRow] {
        var seen: Set<String> = []
        let created = Int(post.createdAt.timeIntervalSince1970)
        return post.topics.filter { seen.insert($0).inserted }.map { topic in
            TopicRow(topic: topic, createdAt: created, id: id, area: post.area, sentiment: post.sentiment,
                     isQuestion: post.isQuestion, kind: post.author.kind, kinds: post.kinds)
        }
    }

    /// The row's values, in `columns` order.
    public var values: [SQLValue] {
        [topic.sqlValue, createdAt.sqlValue, id.sqlValue, area.sqlValue, sentiment.sqlValue, isQuestion.sqlValue, kind.rawValue.sqlValue, kinds.rawValue.sqlValue]
    }
}
