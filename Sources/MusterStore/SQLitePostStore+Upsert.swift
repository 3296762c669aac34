import CSQLite
import Foundation
import MusterCore

extension SQLitePostStore {
    /// Inserts posts not seen before and refreshes the engagement of those that were, keyed on (source, external id).
    ///
    /// Call inside `write` so that a batch lands whole.
    public func upsert(_ posts: [Post], ingestedAt: Date) throws -> UpsertCounts {
        try database.locked {
            var counts = UpsertCounts()
            let lastBefore = try database.scalar("SELECT coalesce(max(id), 0) FROM post") ?? 0
            let insert = try database.statement(Self.insertPost)
            let insertTopic = try database.statement(Self.insertTopic)
            let arena = BindingArena()
            let ingested = Int(ingestedAt.timeIntervalSince1970)
            for post in posts {
                // New posts are the common case: try the insert first and only look the post up when it was seen before.
                if try insertIfNew(post, ingestedAt: ingested, insert: insert, insertTopic: insertTopic, arena: arena) {
                    counts.inserted += 1
                } else if try refreshEngagement(post) {
                    counts.updated += 1
                } else {
                    counts.unchanged += 1
                }
            }
            if counts.inserted > 0 { try indexText(after: lastBefore) }
            return counts
        }
    }

    // `OR IGNORE` rather than `ON CONFLICT DO NOTHING`: every constraint is then resolved by ignoring, so SQLite
    // needs no statement journal to undo a half-done row. Values come from a `Post`, whose kind is always valid and
    // whose required columns are never NULL, so the unique key is the only constraint a row can meet.
    private static let insertPost = """
        INSERT OR IGNORE INTO post (source, external_id, url, author_handle, author_name, author_kind, outlet, text, language,
            created_at, latitude, longitude, area, topics, sentiment, likes, shares, replies, reach, reply_to,
            thread_id, is_question, is_claim, raw, ingested_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    private static let insertTopic = """
        INSERT INTO post_topic (topic, created_at, post_id, area, sentiment, is_question, author_kind) VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    /// Inserts the post with its topics; `false` when a post with its source and id is already stored.
    private func insertIfNew(
        _ post: Post, ingestedAt: Int, insert: PreparedStatement, insertTopic: PreparedStatement, arena: BindingArena
    ) throws -> Bool {
        let created = Int(post.createdAt.timeIntervalSince1970)
        let e = post.engagement
        // Room for the two long texts and then some; a short value that does not fit is bound as a copy.
        arena.reset(reserving: post.text.utf8.count + (post.raw?.utf8.count ?? 0) + 4_096)
        insert.bind(post.source, at: 1, in: arena)
        insert.bind(post.externalID, at: 2, in: arena)
        insert.bind(post.url, at: 3, in: arena)
        insert.bind(post.author.handle, at: 4, in: arena)
        insert.bind(post.author.name, at: 5, in: arena)
        insert.bind(post.author.kind.rawValue, at: 6, in: arena)
        insert.bind(post.outlet, at: 7, in: arena)
        insert.bind(post.text, at: 8, in: arena)
        insert.bind(post.language, at: 9, in: arena)
        insert.bind(created, at: 10)
        insert.bind(post.geo?.latitude, at: 11)
        insert.bind(post.geo?.longitude, at: 12)
        insert.bind(post.area, at: 13, in: arena)
        insert.bind(post.topics.joined(separator: ","), at: 14, in: arena)
        insert.bind(post.sentiment, at: 15)
        insert.bind(e.likes, at: 16)
        insert.bind(e.shares, at: 17)
        insert.bind(e.replies, at: 18)
        insert.bind(e.reach, at: 19)
        insert.bind(post.replyTo, at: 20, in: arena)
        insert.bind(post.threadID, at: 21, in: arena)
        insert.bind(post.isQuestion ? 1 : 0, at: 22)
        insert.bind(post.isClaim ? 1 : 0, at: 23)
        insert.bind(post.raw, at: 24, in: arena)
        insert.bind(ingestedAt, at: 25)
        guard try insert.run() == 1 else { return false }
        let id = Int(database.lastInsertRowID)
        var seen: Set<String> = []
        for topic in post.topics where seen.insert(topic).inserted {
            insertTopic.bind(topic, at: 1, in: arena)
            insertTopic.bind(created, at: 2)
            insertTopic.bind(id, at: 3)
            insertTopic.bind(post.area, at: 4, in: arena)
            insertTopic.bind(post.sentiment, at: 5)
            insertTopic.bind(post.isQuestion ? 1 : 0, at: 6)
            insertTopic.bind(post.author.kind.rawValue, at: 7, in: arena)
            try insertTopic.run()
        }
        return true
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
    private func indexText(after id: Int) throws {
        try database.run("\(sql: Self.indexTextSQL) WHERE id > \(id)")
    }

    /// Adds every post of the `post` table (or those the caller's WHERE picks) to the full-text index.
    private static let indexTextSQL: SQL = """
        INSERT INTO post_fts (rowid, text, author, outlet)
        SELECT id, text, author_handle || ' ' || coalesce(author_name, ''), coalesce(outlet, '') FROM post
        """

    /// The SQL, for the `sqlite3` shell run on an empty store, that copies in every post and topic row of the store
    /// at `path` and indexes their text: SQLite's own cost of writing what ingest writes, the floor `make bench`
    /// sets beside ingest.
    public static func copySQL(from path: String) -> String {
        """
        ATTACH '\(path.replacingOccurrences(of: "'", with: "''"))' AS stored;
        BEGIN;
        INSERT INTO main.post SELECT * FROM stored.post;
        INSERT INTO main.post_topic SELECT * FROM stored.post_topic;
        \(indexTextSQL.text);
        COMMIT;
        """
    }
}

extension SQLitePostStore {
    /// Runs `body` as one transaction, as `write` does, set up for a big load.
    ///
    /// - SQLite's default 2 MB page cache cannot hold the index pages a load keeps touching, so each batch would
    ///   evict them and read them back; the load gets 64 MB, and the cache shrinks back when it ends.
    /// - Into an empty store, the secondary indexes are dropped and built again at the end, inside the same
    ///   transaction: one sort per index costs less than keeping seven indexes in order row by row. The unique key
    ///   stays, so duplicates within the input are still found. Their sorts spill to temporary files rather than
    ///   memory (`temp_store = FILE` for the load): sorting ten million keys in memory would take a gigabyte.
    public func writeInBulk<T>(_ body: (SQLitePostStore) throws -> T) throws -> T {
        try database.locked {
            let cacheSize = try database.scalar("PRAGMA cache_size") ?? -2_000
            let tempStore = try database.scalar("PRAGMA temp_store") ?? 0
            try database.execute("PRAGMA cache_size = -65536; PRAGMA temp_store = FILE;")
            defer { try? database.execute("PRAGMA cache_size = \(cacheSize); PRAGMA temp_store = \(tempStore);") }
            return try write { store in
                let rebuild = try totalPosts() == 0 ? try dropSecondaryIndexes() : []
                let result = try body(store)
                for sql in rebuild { try database.execute(sql) }
                return result
            }
        }
    }

    /// Drops the indexes of the post tables that the schema declared (not those behind keys) and returns the SQL
    /// that creates them again.
    private func dropSecondaryIndexes() throws -> [String] {
        let indexes = try database.rows("""
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name IN ('post', 'post_topic') AND sql IS NOT NULL ORDER BY name
            """) { ($0.string(0), $0.string(1)) }
        for (name, _) in indexes {
            try database.execute("DROP INDEX \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return indexes.map(\.1)
    }
}
