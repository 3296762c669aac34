import MusterSQL

extension TopicRow {
    /// Binds the row's columns, in `columns` order, after parameter `offset`.
    func bind(to statement: PreparedStatement, from offset: Int32, in arena: BindingArena) {
        statement.bind(topic, at: offset + 1, in: arena)
        statement.bind(createdAt, at: offset + 2)
        statement.bind(id, at: offset + 3)
        statement.bind(area, at: offset + 4, in: arena)
        statement.bind(sentiment, at: offset + 5)
        statement.bind(isQuestion ? 1 : 0, at: offset + 6)
        statement.bind(kind.rawValue, at: offset + 7, in: arena)
        statement.bind(kinds.rawValue, at: offset + 8)
    }
}
