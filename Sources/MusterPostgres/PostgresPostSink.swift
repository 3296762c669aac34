import Foundation
import MusterCore
import MusterSQL
import PostgresNIO

/// Posts written inside one PostgreSQL transaction: new ones copied in (`COPY` into a staging table, then
/// `INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING`), known ones refreshed, as the SQLite store's upsert does.
struct PostgresPostSink: PostSink {
    let connections: PostgresConnections
    let connection: PostgresConnection
    /// Authors whose posts are never stored again, as read when the write began.
    let forgotten: ForgottenAuthors

    /// A sink writing to `store` in the transaction open on `connection`.
    init(store: PostgresPostStore, connection: PostgresConnection) throws {
        connections = store.connections
        self.connection = connection
        forgotten = try store.withheldAuthors(on: connection)
        try connections.execute("""
            CREATE TEMP TABLE IF NOT EXISTS \(Self.staging) ON COMMIT DELETE ROWS
                AS SELECT 0 AS ordinal, \(Self.insertedColumns) FROM post WITH NO DATA
            """, on: connection)
    }

    /// Where new posts are copied before they are inserted: `COPY` cannot pass over a post stored already, the
    /// `INSERT … SELECT … ON CONFLICT DO NOTHING` from here does. A temporary table, the connection's own, emptied
    /// after each use and at every commit.
    static let staging = "post_incoming"

    private static let insertedColumns = Post.insertedColumns.joined(separator: ", ")

    /// Posts copied at once: a batch of the ingest (2,000) goes in one `COPY`.
    static let rowsPerCopy = 5_000

    func upsert(_ posts: [Post], ingestedAt: Date) throws -> UpsertCounts {
        var counts = UpsertCounts()
        let ingested = Int(ingestedAt.timeIntervalSince1970)
        var topicRows: [TopicRow] = []
        // Posts by people who asked to be forgotten are never stored again.
        let kept = forgotten.kept(posts)
        counts.withheld = posts.count - kept.count
        for chunk in kept.chunked(Self.rowsPerCopy) {
            var newIDs = try insert(chunk, ingestedAt: ingested)
            for post in chunk {
                let key = Self.key(post.source, post.externalID)
                if let id = newIDs.removeValue(forKey: key) {
                    counts.inserted += 1
                    topicRows += TopicRow.rows(of: post, id: id)
                    continue
                }
                // Seen before, or earlier in this batch: the row now stored is what this copy is compared with.
                if !topicRows.isEmpty { try insert(topicRows) }
                topicRows = []
                switch try refresh(post, ingestedAt: ingested) {
                case .edited: counts.edited += 1
                case .updated: counts.updated += 1
                case .unchanged: counts.unchanged += 1
                }
            }
        }
        try insert(topicRows)
        return counts
    }

    func removeAtSource(_ keys: [(source: String, externalID: String)]) throws -> Int {
        // Topic rows go with their post (ON DELETE CASCADE); the search vector is a column of the post's row.
        try keys.reduce(0) { removed, key in
            removed + (try connections.rows(
                "DELETE FROM post WHERE source = \(key.source) AND external_id = \(key.externalID)", on: connection
            ).metadata.rows ?? 0)
        }
    }

    /// Inserts the posts not stored yet, in their order; returns the new ids by (source, external id).
    private func insert(_ posts: ArraySlice<Post>, ingestedAt: Int) throws -> [String: Int] {
        guard !posts.isEmpty else { return [:] }
        var staged = PostgresCopyRows()
        for (ordinal, post) in posts.enumerated() {
            staged.append([.integer(Int64(ordinal))] + post.insertedValues(ingestedAt: ingestedAt))
        }
        try connections.copy(staged, into: Self.staging, columns: ["ordinal"] + Post.insertedColumns, on: connection)
        let inserted = try connections.rows(SQL(stringLiteral: """
            INSERT INTO post (\(Self.insertedColumns)) SELECT \(Self.insertedColumns) FROM \(Self.staging) ORDER BY ordinal
            ON CONFLICT (source, external_id) DO NOTHING RETURNING id, source, external_id
            """), on: connection)
        // TRUNCATE, not DELETE: a load is one transaction, and deleted rows would stay to be read past until it ends.
        try connections.execute("TRUNCATE \(Self.staging)", on: connection)
        var ids: [String: Int] = [:]
        for row in inserted.rows {
            let columns = PostgresColumns(row)
            ids[Self.key(columns.string(1), columns.string(2))] = columns.int(0)
        }
        return ids
    }

    /// Copies topic rows in.
    func insert(_ rows: [TopicRow]) throws {
        var copied = PostgresCopyRows()
        for row in rows { copied.append(row.values) }
        try connections.copy(copied, into: "post_topic", columns: TopicRow.columns, on: connection)
    }

    private static func key(_ source: String, _ externalID: String) -> String {
        "\(source)\u{1F}\(externalID)"
    }

    /// What became of a post stored before.
    private enum Refresh {
        case edited, updated, unchanged
    }

    /// Stores what changed about a post seen before: its text when it was edited at its source (with everything
    /// enrichment read from the text, and its topic rows), else its engagement.
    private func refresh(_ post: Post, ingestedAt: Int) throws -> Refresh {
        let found = try connections.rows("""
            SELECT id, likes, shares, replies, reach, text FROM post
            WHERE source = \(post.source) AND external_id = \(post.externalID) FOR UPDATE
            """, on: connection).rows.first.map(PostgresColumns.init)
        guard let found else { return .unchanged }
        let id = found.int(0)
        let stored = Engagement(likes: found.int(1), shares: found.int(2), replies: found.int(3), reach: found.int(4))
        let e = post.engagement
        if found.string(5) != post.text {
            _ = try connections.rows(post.editStatement(id: id, editedAt: ingestedAt), on: connection)
            _ = try connections.rows("DELETE FROM post_topic WHERE post_id = \(id)", on: connection)
            try insert(TopicRow.rows(of: post, id: id))
            return .edited
        }
        guard stored != e else { return .unchanged }
        _ = try connections.rows("""
            UPDATE post SET likes = \(e.likes), shares = \(e.shares), replies = \(e.replies), reach = \(e.reach) WHERE id = \(id)
            """, on: connection)
        return .updated
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
