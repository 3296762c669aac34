import CSQLite
import Foundation
import MusterCore

extension SQLitePostStore {
    /// Inserts posts not seen before and refreshes the engagement of those that were, keyed on (source, external id),
    /// and indexes the new posts' text for search.
    ///
    /// Call inside `write` so that a batch lands whole.
    public func upsert(_ posts: [Post], ingestedAt: Date) throws -> UpsertCounts {
        try database.locked {
            let lastBefore = try lastPostID()
            let counts = try store(posts, ingestedAt: ingestedAt)
            if counts.inserted > 0 { try indexText(after: lastBefore) }
            return counts
        }
    }

    /// The highest post id so far (0 for an empty store): posts inserted from now on have higher ones.
    func lastPostID() throws -> Int {
        try database.scalar("SELECT coalesce(max(id), 0) FROM post") ?? 0
    }

    /// `upsert` without the full-text index, which the caller brings up to date.
    func store(_ posts: [Post], ingestedAt: Date) throws -> UpsertCounts {
        try database.locked {
            var counts = UpsertCounts()
            let arena = BindingArena()
            let ingested = Int(ingestedAt.timeIntervalSince1970)
            var topicRows: [TopicRow] = []
            var start = posts.startIndex
            while start < posts.endIndex {
                let chunk = posts[start..<min(start + Self.rowsPerStatement, posts.endIndex)]
                start = chunk.endIndex
                // New posts are the common case: insert them all and look up only those that were seen before.
                let ids = try insert(chunk, ingestedAt: ingested, arena: arena)
                for (post, id) in zip(chunk, ids) {
                    if let id {
                        counts.inserted += 1
                        topicRows.append(contentsOf: TopicRow.rows(of: post, id: id))
                    } else if try refreshEngagement(post) {
                        counts.updated += 1
                    } else {
                        counts.unchanged += 1
                    }
                }
            }
            try insert(topicRows, arena: arena)
            return counts
        }
    }

    /// Rows one INSERT writes: a statement's fixed cost (its cursors on every index, and a savepoint in the
    /// full-text index once the transaction has written to it) is then paid once per this many rows.
    static let rowsPerStatement = 32

    /// Inserts the posts not stored yet, in one statement; returns, for each post in order, its new id, or `nil`
    /// when a post with its source and id was already stored (or came earlier in `posts`).
    private func insert(_ posts: ArraySlice<Post>, ingestedAt: Int, arena: BindingArena) throws -> [Int?] {
        let before = try lastPostID()
        let statement = try database.statement(Self.insertPostSQL[posts.count])
        arena.reset(reserving: posts.reduce(0) { $0 + $1.text.utf8.count + ($1.raw?.utf8.count ?? 0) + 1_024 })
        for (row, post) in posts.enumerated() {
            bind(post, ingestedAt: ingestedAt, to: statement, from: Int32(row * Self.postColumns.count), in: arena)
        }
        let inserted = try statement.run()
        // Ids count up from the highest one, so when every post went in they are the next ones in order.
        guard inserted < posts.count else { return Array((before + 1)...(before + inserted)) }
        var newIDs: [String: [Int]] = [:]
        _ = try database.rows("SELECT id, source, external_id FROM post WHERE id > \(before) ORDER BY id") { row in
            newIDs[Self.key(row.string(1), row.string(2)), default: []].append(row.int(0))
        }
        return posts.map { post in
            let key = Self.key(post.source, post.externalID)
            guard let id = newIDs[key]?.first else { return nil }
            newIDs[key]?.removeFirst()
            return id
        }
    }

    private static func key(_ source: String, _ externalID: String) -> String {
        "\(source)\u{1F}\(externalID)"
    }

    private static let postColumns = [
        "source", "external_id", "url", "author_handle", "author_name", "author_kind", "outlet", "text", "language",
        "created_at", "latitude", "longitude", "area", "topics", "sentiment", "likes", "shares", "replies", "reach",
        "reply_to", "thread_id", "is_question", "is_claim", "raw", "ingested_at", "kinds",
    ]

    /// The INSERTs of posts, by how many rows they write.
    ///
    /// `OR IGNORE` rather than `ON CONFLICT DO NOTHING`: every constraint is then resolved by ignoring, so SQLite
    /// needs no statement journal to undo a half-done row. Values come from a `Post`, whose kind is always valid and
    /// whose required columns are never NULL, so the unique key is the only constraint a row can meet.
    private static let insertPostSQL = (0...rowsPerStatement).map {
        insertSQL(postColumns, rows: $0, verb: "INSERT OR IGNORE", table: "post")
    }
    /// The INSERTs of topic rows, by how many rows they write.
    private static let insertTopicSQL = (0...rowsPerStatement).map {
        insertSQL(TopicRow.columns, rows: $0, verb: "INSERT", table: "post_topic")
    }

    /// `verb INTO table (columns) VALUES (?, …), …` for `rows` rows.
    private static func insertSQL(_ columns: [String], rows: Int, verb: String, table: String) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "\(verb) INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Binds a post's columns, in `postColumns` order, after parameter `offset`.
    private func bind(
        _ post: Post, ingestedAt: Int, to statement: PreparedStatement, from offset: Int32, in arena: BindingArena
    ) {
        let e = post.engagement
        statement.bind(post.source, at: offset + 1, in: arena)
        statement.bind(post.externalID, at: offset + 2, in: arena)
        statement.bind(post.url, at: offset + 3, in: arena)
        statement.bind(post.author.handle, at: offset + 4, in: arena)
        statement.bind(post.author.name, at: offset + 5, in: arena)
        statement.bind(post.author.kind.rawValue, at: offset + 6, in: arena)
        statement.bind(post.outlet, at: offset + 7, in: arena)
        statement.bind(post.text, at: offset + 8, in: arena)
        statement.bind(post.language, at: offset + 9, in: arena)
        statement.bind(Int(post.createdAt.timeIntervalSince1970), at: offset + 10)
        statement.bind(post.geo?.latitude, at: offset + 11)
        statement.bind(post.geo?.longitude, at: offset + 12)
        statement.bind(post.area, at: offset + 13, in: arena)
        statement.bind(post.topics.joined(separator: ","), at: offset + 14, in: arena)
        statement.bind(post.sentiment, at: offset + 15)
        statement.bind(e.likes, at: offset + 16)
        statement.bind(e.shares, at: offset + 17)
        statement.bind(e.replies, at: offset + 18)
        statement.bind(e.reach, at: offset + 19)
        statement.bind(post.replyTo, at: offset + 20, in: arena)
        statement.bind(post.threadID, at: offset + 21, in: arena)
        statement.bind(post.isQuestion ? 1 : 0, at: offset + 22)
        statement.bind(post.isClaim ? 1 : 0, at: offset + 23)
        statement.bind(post.raw, at: offset + 24, in: arena)
        statement.bind(ingestedAt, at: offset + 25)
        statement.bind(post.kinds.rawValue, at: offset + 26)
    }

    /// Inserts topic rows, as many to a statement as posts go to one.
    private func insert(_ rows: [TopicRow], arena: BindingArena) throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let chunk = rows[start..<min(start + Self.rowsPerStatement, rows.endIndex)]
            start = chunk.endIndex
            let statement = try database.statement(Self.insertTopicSQL[chunk.count])
            arena.reset(reserving: 1_024 * chunk.count)
            for (index, row) in chunk.enumerated() {
                row.bind(to: statement, from: Int32(index * TopicRow.columns.count), in: arena)
            }
            try statement.run()
        }
    }

    /// Stores a seen post's new engagement; `false` when it has not changed.
    private func refreshEngagement(_ post: Post) throws -> Bool {
        let existing = try database.rows("""
            SELECT id, likes, shares, replies, reach FROM post
            WHERE source = \(post.source) AND external_id = \(post.externalID)
            """) { row in
            (row.int(0), Engagement(likes: row.int(1), shares: row.int(2), replies: row.int(3), reach: row.int(4)))
        }.first
        guard let (id, engagement) = existing, engagement != post.engagement else { return false }
        let e = post.engagement
        try database.run("""
            UPDATE post SET likes = \(e.likes), shares = \(e.shares), replies = \(e.replies), reach = \(e.reach)
            WHERE id = \(id)
            """)
        return true
    }

    /// Adds posts with ids above `id` to the full-text index in one statement.
    func indexText(after id: Int) throws {
        try database.run("\(sql: Self.indexTextSQL) WHERE id > \(id)")
    }

    /// Adds every post of the `post` table (or those the caller's WHERE picks) to the full-text index.
    static let indexTextSQL: SQL = """
        INSERT INTO post_fts (rowid, text, author, outlet)
        SELECT id, text, author_handle || ' ' || coalesce(author_name, ''), coalesce(outlet, '') FROM post
        """
}
