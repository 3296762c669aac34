import Foundation
import MusterCore

/// A store whose answers are SQL: it runs statements, and the questions skills ask (`PostStore`) are written here
/// once, in its dialect. SQLite and PostgreSQL then answer the same question with the same statement, give or take
/// what `SQLDialect` says differs.
public protocol SQLPostReading: PostStore, SQLRunning {
    /// Runs an answer's query: the counts and lists a skill shows. A store with a replica for answers reads them
    /// there (PostgreSQL's `MUSTER_STORE_READ`), a moment behind the primary; everything else, and whatever must
    /// see a write just made, goes through `read`.
    func readAnswer<T>(_ sql: SQL, _ transform: (any ColumnReading) throws -> T) throws -> [T]
}

extension SQLPostReading {
    public func readAnswer<T>(_ sql: SQL, _ transform: (any ColumnReading) throws -> T) throws -> [T] {
        try read(sql, transform)
    }

    public func aggregate(_ query: PostQuery) throws -> PostAggregate {
        try readAnswer(aggregateSQL(query), Self.aggregate(row:))[0]
    }

    public func aggregateWithVolume(_ query: PostQuery, buckets: Int) throws -> (aggregate: PostAggregate, volume: [Int]) {
        guard buckets > 0 else { return (try aggregate(query), []) }
        // The aggregate's sums per time bucket: reading a large topic's posts once rather than twice.
        let rows = try readAnswer("""
            \(sql: aggregateColumns), \(sql: bucket(query, buckets: buckets)) AS bucket
            FROM \(sql: counted(query)) GROUP BY bucket
            """) { (Self.aggregate(row: $0), $0.int(6)) }
        var volume = [Int](repeating: 0, count: buckets)
        for (part, bucket) in rows where volume.indices.contains(bucket) {
            volume[bucket] = part.count
        }
        return (rows.map(\.0).reduce(.none, +), volume)
    }

    public func volume(_ query: PostQuery, buckets: Int) throws -> [Int] {
        guard buckets > 0 else { return [] }
        // Counts alone: a query on time (and area or kind) is then answered from an index, without reading the posts'
        // rows. Reading them (as the aggregate must) pulled 140 MB of a million-post store into memory for the
        // scheduler's look at 70 days.
        var volume = [Int](repeating: 0, count: buckets)
        let rows = try readAnswer("""
            SELECT count(*), \(sql: bucket(query, buckets: buckets)) AS bucket
            FROM \(sql: counted(query)) GROUP BY bucket
            """) { ($0.int(0), $0.int(1)) }
        for (count, bucket) in rows where volume.indices.contains(bucket) { volume[bucket] = count }
        return volume
    }

    /// Which of `buckets` equal parts of the query's window a post (`p.created_at`) falls in.
    private func bucket(_ query: PostQuery, buckets: Int) -> SQL {
        let start = Int(query.window.start.timeIntervalSince1970)
        let length = max(1, Int(query.window.duration))
        return "(p.created_at - \(start)) * \(buckets) / \(length)"
    }

    private static func aggregate(row: any ColumnReading) -> PostAggregate {
        let count = row.int(0)
        let negative = row.int(2)
        let positive = row.int(3)
        return PostAggregate(
            count: count, placed: row.int(1),
            sentiment: [.negative: negative, .positive: positive, .neutral: count - negative - positive],
            questions: row.int(4), media: row.int(5)
        )
    }

    /// The aggregate's statement, for timing it in the store's own shell.
    public func aggregateSQL(_ query: PostQuery) -> SQL {
        "\(sql: aggregateColumns) FROM \(sql: counted(query))"
    }

    /// The rows to count for `query`, as `post p` or, when a topic's rows carry every column asked about,
    /// `post_topic p` alone, with their WHERE clause.
    private func counted(_ query: PostQuery) -> SQL {
        if let alone = query.onTopicAlone(in: dialect) { return "post_topic p WHERE \(sql: alone)" }
        return "post p WHERE \(sql: query.whereClause(in: dialect))"
    }

    /// The columns `aggregate(row:)` reads.
    private var aggregateColumns: SQL {
        let band = SentimentLabel.neutralBand
        return """
            SELECT count(*), count(p.area),
                   \(sql: dialect.count(where: "p.sentiment <= \(-band)")), \(sql: dialect.count(where: "p.sentiment >= \(band)")),
                   \(sql: dialect.count(where: "p.is_question = 1")),
                   \(sql: dialect.count(where: "p.author_kind = 'media'"))
            """
    }

    public func kindCounts(_ query: PostQuery) throws -> (total: Int, byKind: [PostKinds: Int]) {
        let kinds = PostKinds.named.map(\.kind)
        let sums = SQL.joined(["count(*)"] + kinds.map { dialect.count(where: "(p.kinds & \($0.rawValue)) != 0") }, separator: ", ")
        let counts = try readAnswer("SELECT \(sql: sums) FROM \(sql: counted(query))") { row in
            (0...kinds.count).map { row.int($0) }
        }.first ?? []
        return (counts.first ?? 0, Dictionary(uniqueKeysWithValues: zip(kinds, counts.dropFirst())))
    }

    public func topPosts(_ query: PostQuery, limit: Int) throws -> [Post] {
        try readAnswer("""
            SELECT \(sql: Post.selection) FROM post p WHERE \(sql: query.whereClause(in: dialect))
            ORDER BY \(sql: Engagement.scoreSQL) DESC, p.reach DESC, p.created_at DESC, p.id DESC LIMIT \(limit)
            """) { Post(columns: $0) }
    }

    public func recentPosts(_ query: PostQuery, limit: Int, offset: Int) throws -> [Post] {
        if let onTopic = query.newestFirstOnTopic(in: dialect) {
            return try readAnswer("""
                SELECT \(sql: Post.selection) FROM \(sql: onTopic.from) WHERE \(sql: onTopic.where)
                ORDER BY t.created_at DESC, t.post_id DESC LIMIT \(limit) OFFSET \(offset)
                """) { Post(columns: $0) }
        }
        return try readAnswer("""
            SELECT \(sql: Post.selection) FROM post p WHERE \(sql: query.whereClause(in: dialect))
            ORDER BY p.created_at DESC, p.id DESC LIMIT \(limit) OFFSET \(offset)
            """) { Post(columns: $0) }
    }

    public func posts(ids: [Int64]) throws -> [Post] {
        guard !ids.isEmpty else { return [] }
        let found = try read("SELECT \(sql: Post.selection) FROM post p WHERE p.id IN (\(list: ids))") { Post(columns: $0) }
        return ids.compactMap { id in found.first { $0.id == id } }
    }

    public func topicCounts(_ query: PostQuery, limit: Int) throws -> [TopicCount] {
        let start = Int(query.window.start.timeIntervalSince1970)
        let end = Int(query.window.end.timeIntervalSince1970)
        return try readAnswer("""
            SELECT t.topic, count(*) AS n, \(sql: dialect.count(where: "p.sentiment <= \(-SentimentLabel.neutralBand)"))
            FROM post_topic t JOIN post p ON p.id = t.post_id
            WHERE t.created_at >= \(start) AND t.created_at < \(end) AND \(sql: query.whereClause(in: dialect))
            GROUP BY t.topic ORDER BY n DESC, t.topic LIMIT \(limit)
            """) { TopicCount(topic: $0.string(0), count: $0.int(1), negative: $0.int(2)) }
    }

    public func outletCounts(_ query: PostQuery, limit: Int) throws -> [(outlet: String, count: Int)] {
        try readAnswer("""
            SELECT p.outlet, count(*) AS n FROM post p WHERE \(sql: query.whereClause(in: dialect)) AND p.outlet IS NOT NULL
            GROUP BY p.outlet ORDER BY n DESC, p.outlet LIMIT \(limit)
            """) { ($0.string(0), $0.int(1)) }
    }

    public func areaCounts(_ query: PostQuery, limit: Int) throws -> [(area: String, count: Int)] {
        try readAnswer("""
            SELECT p.area, count(*) AS n FROM \(sql: counted(query)) AND p.area IS NOT NULL
            GROUP BY p.area ORDER BY n DESC, p.area LIMIT \(limit)
            """) { ($0.string(0), $0.int(1)) }
    }

    public func rumourRecords() throws -> [RumourRecord] {
        try read("SELECT key, status, official_line, set_by, set_at FROM rumour ORDER BY set_at, key") { row in
            RumourRecord(
                key: row.string(0), status: RumourStatus(rawValue: row.string(1)) ?? .unverified,
                officialLine: row.optionalString(2), setBy: row.string(3), setAt: Date(timeIntervalSince1970: TimeInterval(row.int(4)))
            )
        }
    }

    public func setRumour(_ record: RumourRecord) throws {
        try change("""
            INSERT INTO rumour (key, status, official_line, set_by, set_at)
            VALUES (\(record.key), \(record.status.rawValue), \(record.officialLine), \(record.setBy), \(Int(record.setAt.timeIntervalSince1970)))
            ON CONFLICT (key) DO UPDATE SET status = excluded.status,
                official_line = coalesce(excluded.official_line, rumour.official_line),
                set_by = excluded.set_by, set_at = excluded.set_at
            """)
    }

    public func markHandled(postID: Int64, by user: String, at time: Date) throws -> Bool {
        try change("UPDATE post SET handled_by = \(user), handled_at = \(Int(time.timeIntervalSince1970)) WHERE id = \(postID)") > 0
    }

    public func audit(_ entry: AuditEntry) throws {
        try change("""
            INSERT INTO audit (at, \(sql: SQL(stringLiteral: dialect.column("user"))), channel, action, detail)
            VALUES (\(Int(entry.at.timeIntervalSince1970)), \(entry.user), \(entry.channel), \(entry.action), \(entry.detail))
            """)
    }

    /// Every stored post in id order, `limit` at a time after the id `after`: what a copy of the store reads.
    public func postsInOrder(after id: Int64, limit: Int) throws -> [Post] {
        try read("SELECT \(sql: Post.selection) FROM post p WHERE p.id > \(id) ORDER BY p.id LIMIT \(limit)") { Post(columns: $0) }
    }

    public func latestPostTime(atOrBefore time: Date?) throws -> Date? {
        let sql: SQL = time.map { "SELECT max(created_at) FROM post WHERE created_at <= \(Int($0.timeIntervalSince1970))" } ?? "SELECT max(created_at) FROM post"
        return try read(sql) { $0.optionalInt(0) }.first?.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
