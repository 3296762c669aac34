import MusterCore

/// One row of `post_topic`: a post under one of its topics, with the columns a topic's counts read.
struct TopicRow {
    static let columns = ["topic", "created_at", "post_id", "area", "sentiment", "is_question", "author_kind"]

    let topic: String
    let post: Post
    let id: Int

    /// A row per distinct topic of the post stored with `id`.
    static func rows(of post: Post, id: Int) -> [TopicRow] {
        var seen: Set<String> = []
        return post.topics.filter { seen.insert($0).inserted }.map { TopicRow(topic: $0, post: post, id: id) }
    }

    /// Binds the row's columns, in `columns` order, after parameter `offset`.
    func bind(to statement: PreparedStatement, from offset: Int32, in arena: BindingArena) {
        statement.bind(topic, at: offset + 1, in: arena)
        statement.bind(Int(post.createdAt.timeIntervalSince1970), at: offset + 2)
        statement.bind(id, at: offset + 3)
        statement.bind(post.area, at: offset + 4, in: arena)
        statement.bind(post.sentiment, at: offset + 5)
        statement.bind(post.isQuestion ? 1 : 0, at: offset + 6)
        statement.bind(post.author.kind.rawValue, at: offset + 7, in: arena)
    }
}
