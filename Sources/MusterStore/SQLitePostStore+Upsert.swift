import CSQLite
import Foundation
import MusterCore
import MusterSQL

extension SQLitePostStore {
    /// Inserts posts not seen before and refreshes the engagement of those that were, keyed on (source, external id),
    /// and indexes the new posts' text for search.
    ///
    /// Call inside `write` so that a batch lands whole.
    public func upsert(_ posts: [Post], ingestedAt: Date) throws -> UpsertCounts {
        try database.locked {
            let lastBefore = try lastPostID()
            let counts = try store(posts, ingestedAt: ingestedAt, indexedThrough: lastBefore)
            if counts.inserted > 0 { try indexText(after: lastBefore) }
            return counts
        }
    }

    /// The highest post id so far (0 for an empty store): posts inserted from now on have higher ones.
    func lastPostID() throws -> Int {
        try database.scalar("SELECT coalesce(max(id), 0) FROM post") ?? 0
    }

    /// `upsert` without the full-text index for new posts, which the caller brings up to date; edited posts up to
    /// `indexedThrough` are re-indexed here.
    func store(_ posts: [Post], ingestedAt: Date, indexedThrough: Int) throws -> UpsertCounts {
        try database.locked {
            var counts = UpsertCounts()
            let arena = BindingArena()
            let ingested = Int(ingestedAt.timeIntervalSince1970)
            var topicRows: [TopicRow] = []
            // Posts by people who asked to be forgotten are never stored again.
            let forgotten = try withheldAuthors()
            let kept = forgotten.kept(posts)
            counts.withheld = posts.count - kept.count
            let posts = kept
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
                    } else {
                        switch try refresh(post, ingestedAt: ingested, indexed: indexedThrough, arena: arena) {
                        case .edited: counts.edited += 1
                        case .updated: counts.updated += 1
                        case .unchanged: counts.unchanged += 1
                        }
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
            bind(post, ingestedAt: ingestedAt, to: statement, from: Int32(row * Post.insertedColumns.count), in: arena)
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

    /// The INSERTs of posts, by how many rows they write.
    ///
    /// `OR IGNORE` rather than `ON CONFLICT DO NOTHING`: every constraint is then resolved by ignoring, so SQLite
    /// needs no statement journal to undo a half-done row. Values come from a `Post`, whose kind is always valid and
    /// whose required columns are never NULL, so the unique key is the only constraint a row can meet.
    private static let insertPostSQL = (0...rowsPerStatement).map {
        SQL.insertText("INSERT OR IGNORE", into: "post", columns: Post.insertedColumns, rows: $0)
    }
    /// The INSERTs of topic rows, by how many rows they write.
    private static let insertTopicSQL = (0...rowsPerStatement).map {
        SQL.insertText(into: "post_topic", columns: TopicRow.columns, rows: $0)
    }

    /// Binds a post's columns, in `Post.insertedColumns` order, after parameter `offset`.
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
    func insert(_ rows: [TopicRow], arena: BindingArena) throws {
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

    /// What became of a post stored before.
    private enum Refresh {
        case edited, updated, unchanged
    }

    /// Stores what changed about a post seen before: its text when it was edited at its source (with everything
    /// enrichment read from the text, and its topic rows), else its engagement.
    private func refresh(_ post: Post, ingestedAt: Int, indexed: Int, arena: BindingArena) throws -> Refresh {
        let existing = try database.rows("""
            SELECT id, likes, shares, replies, reach, text FROM post
            WHERE source = \(post.source) AND external_id = \(post.externalID)
            """) { row in
            (row.int(0), Engagement(likes: row.int(1), shares: row.int(2), replies: row.int(3), reach: row.int(4)), row.string(5))
        }.first
        guard let (id, engagement, text) = existing else { return .unchanged }
        let e = post.engagement
        if text != post.text {
            // Topic rows are rewritten because the topics came from the old text, and so is the search row, when the
            // post has one yet.
            if id <= indexed {
                try database.run("""
                    INSERT INTO post_fts (post_fts, rowid, text, author, outlet)
                    SELECT 'delete', id, text, author_handle || ' ' || coalesce(author_name, ''), coalesce(outlet, '') FROM post WHERE id = \(id)
                    """)
            }
            try database.run(post.editStatement(id: id, editedAt: ingestedAt))
            if id <= indexed { try indexText(ids: id...id) }
            try database.run("DELETE FROM post_topic WHERE post_id = \(id)")
            try insert(TopicRow.rows(of: post, id: id), arena: arena)
            return .edited
        }
        guard engagement != post.engagement else { return .unchanged }
        try database.run("""
            UPDATE post SET likes = \(e.likes), shares = \(e.shares), replies = \(e.replies), reach = \(e.reach)
            WHERE id = \(id)
            """)
        return .updated
    }

    /// Deletes posts their source says were deleted, by (source, external id); returns how many were stored.
    ///
    /// Call inside `write`.
    public func removeAtSource(_ keys: [(source: String, externalID: String)]) throws -> Int {
        try remove(keys, indexedThrough: .max)
    }

    /// `removeAtSource` during a load: a post above `indexedThrough` has no search row yet, and is given one first so
    /// that the delete trigger removes what is there. Topic rows are deleted here because a load turns foreign keys off.
    func remove(_ keys: [(source: String, externalID: String)], indexedThrough: Int) throws -> Int {
        try database.locked {
            var removed = 0
            for key in keys {
                guard let id = try database.scalar("SELECT id FROM post WHERE source = \(key.source) AND external_id = \(key.externalID)") else { continue }
                if id > indexedThrough { try indexText(ids: id...id) }
                try database.run("DELETE FROM post_topic WHERE post_id = \(id)")
                removed += try database.run("DELETE FROM post WHERE id = \(id)")
            }
            return removed
        }
    }

    /// Adds posts with ids above `id` to the full-text index in one statement.
    func indexText(after id: Int) throws {
        try database.run("\(sql: Self.indexTextSQL) WHERE id > \(id)")
    }

    /// Adds the posts with ids in `ids` to the full-text index.
    private func indexText(ids: ClosedRange<Int>) throws {
        try database.run("\(sql: Self.indexTextSQL) WHERE id BETWEEN \(ids.lowerBound) AND \(ids.upperBound)")
    }

    /// Adds every post of the `post` table (or those the caller's WHERE picks) to the full-text index.
    static let indexTextSQL: SQL = """
        INSERT INTO post_fts (rowid, text, author, outlet)
        SELECT id, text, author_handle || ' ' || coalesce(author_name, ''), coalesce(outlet, '') FROM post
        """
}
