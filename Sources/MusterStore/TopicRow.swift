import MusterCore

/// One row of `post_topic`: a post under one of its topics, with the columns a topic's counts read.
struct TopicRow {
    static let columns = ["topic", "created_at", "post_id", "area", "sentiment", "is_question", "author_kind"]

    let topic: String
    let createdAt: Int
    let id: Int
    let area: String?
    let sentiment: Double
    let isQuestion: Bool
    let kind: AuthorKind

    /// A row per distinct topic of the post stored with `id`.
    static func rows(of post: Post, id: Int) -> [TopicRow] {
        var seen: Set<String> = []
        let created = Int(post.createdAt.timeIntervalSince1970)
        return post.topics.filter { seen.insert($0).inserted }.map { topic in
            TopicRow(topic: topic, createdAt: created, id: id, area: post.area, sentiment: post.sentiment,
                     isQuestion: post.isQuestion, kind: post.author.kind)
        }
    }

    /// Binds the row's columns, in `columns` order, after parameter `offset`.
    func bind(to statement: PreparedStatement, from offset: Int32, in arena: BindingArena) {
        statement.bind(topic, at: offset + 1, in: arena)
        statement.bind(createdAt, at: offset + 2)
        statement.bind(id, at: offset + 3)
        statement.bind(area, at: offset + 4, in: arena)
        statement.bind(sentiment, at: offset + 5)
        statement.bind(isQuestion ? 1 : 0, at: offset + 6)
        statement.bind(kind.rawValue, at: offset + 7, in: arena)
    }
}
