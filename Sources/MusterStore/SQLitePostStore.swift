import Foundation
import MusterCore

/// The monitored-post store on SQLite: WAL, versioned migrations, FTS5, parameterised SQL only.
public final class SQLitePostStore: PostStore {
    /// The connection, for writes and for callers that need a raw look (tests compare answers with direct SQL).
    public let database: Database
    /// Connections for the query layer's reads.
    private let readers: ReaderPool

    /// Opens the store at `path`, creating and migrating it as needed.
    public init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try Database(path: path)
        try PostSchema.migrator.migrate(database)
        readers = ReaderPool(path: path)
    }

    /// Runs `body` as one transaction: every write inside lands together or not at all.
    public func write<T>(_ body: (SQLitePostStore) throws -> T) throws -> T {
        try database.transaction { try body(self) }
    }

    /// Writes a consistent copy of the whole store to `path` (SQLite's `VACUUM INTO`), for throwaway stores that
    /// start from a fixture.
    public func copy(to path: String) throws {
        try database.run("VACUUM INTO \(path)")
    }

    /// Rewrites the file without its free pages, giving space freed by a prune back to the disk, and returns the
    /// store's bytes on disk before and after. Other writers wait until it is done.
    public func vacuum() throws -> (before: Int, after: Int) {
        let before = bytesOnDisk
        try database.execute("VACUUM")
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (before, bytesOnDisk)
    }

    /// The store's bytes on disk, its write-ahead log included.
    public var bytesOnDisk: Int {
        [database.path, database.path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    /// Pauses a long run of writes between two transactions so that a writer waiting on another connection gets in.
    public func yieldToWaitingWriters() {
        database.yieldToWaitingWriters()
    }

    /// How many posts the store holds.
    public func totalPosts() throws -> Int {
        try database.scalar("SELECT count(*) FROM post") ?? 0
    }

    /// A query on one of the reader connections.
    func read<T>(_ sql: SQL, _ transform: (Row) throws -> T) throws -> [T] {
        try readers.read { try $0.rows(sql, transform) }
    }

    private func readScalar(_ sql: SQL) throws -> Int? {
        try readers.read { try $0.scalar(sql) }
    }

    // MARK: PostStore

    public func aggregate(_ query: PostQuery) throws -> PostAggregate {
        try read(Self.aggregateSQL(query), Self.aggregate(row:))[0]
    }

    public func aggregateWithVolume(_ query: PostQuery, buckets: Int) throws -> (aggregate: PostAggregate, volume: [Int]) {
        guard buckets > 0 else { return (try aggregate(query), []) }
        // The aggregate's sums per time bucket: reading a large topic's posts once rather than twice.
        let start = Int(query.window.start.timeIntervalSince1970)
        let length = max(1, Int(query.window.duration))
        let rows = try read("""
            \(sql: Self.aggregateColumns), (p.created_at - \(start)) * \(buckets) / \(length) AS bucket
            FROM \(sql: Self.counted(query)) GROUP BY bucket
            """) { (Self.aggregate(row: $0), $0.int(6)) }
        var volume = [Int](repeating: 0, count: buckets)
        for (part, bucket) in rows where volume.indices.contains(bucket) {
            volume[bucket] = part.count
        }
        return (rows.map(\.0).reduce(.none, +), volume)
    }

    private static func aggregate(row: Row) -> PostAggregate {
        let count = row.int(0)
        let negative = row.int(2)
        let positive = row.int(3)
        return PostAggregate(
            count: count, placed: row.int(1),
            sentiment: [.negative: negative, .positive: positive, .neutral: count - negative - positive],
            questions: row.int(4), media: row.int(5)
        )
    }

    /// The aggregate's SQL with its values written in, for timing the same query in the `sqlite3` shell.
    public func aggregateStatement(_ query: PostQuery) throws -> String {
        try database.expanded(Self.aggregateSQL(query))
    }

    private static func aggregateSQL(_ query: PostQuery) -> SQL {
        "\(sql: aggregateColumns) FROM \(sql: counted(query))"
    }

    /// The rows to count for `query`, as `post p` or, when a topic's rows carry every column asked about,
    /// `post_topic p` alone, with their WHERE clause.
    private static func counted(_ query: PostQuery) -> SQL {
        if let alone = query.onTopicAlone { return "post_topic p WHERE \(sql: alone)" }
        return "post p WHERE \(sql: query.whereClause)"
    }

    /// The columns `aggregate(row:)` reads.
    private static var aggregateColumns: SQL {
        let band = SentimentLabel.neutralBand
        return """
            SELECT count(*), count(p.area),
                   coalesce(sum(p.sentiment <= \(-band)), 0), coalesce(sum(p.sentiment >= \(band)), 0),
                   coalesce(sum(p.is_question), 0),
                   coalesce(sum(p.author_kind = 'media'), 0)
            """
    }

    public func kindCounts(_ query: PostQuery) throws -> (total: Int, byKind: [PostKinds: Int]) {
        let kinds = PostKinds.named.map(\.kind)
        let sums = (["count(*)"] + kinds.map { "coalesce(sum((p.kinds & \($0.rawValue)) != 0), 0)" }).joined(separator: ", ")
        let counts = try read("SELECT \(sql: SQL(stringLiteral: sums)) FROM post p WHERE \(sql: query.whereClause)") { row in
            (0...kinds.count).map { row.int(Int32($0)) }
        }.first ?? []
        return (counts.first ?? 0, Dictionary(uniqueKeysWithValues: zip(kinds, counts.dropFirst())))
    }

    public func topPosts(_ query: PostQuery, limit: Int) throws -> [Post] {
        try read("""
            SELECT \(sql: Post.selection) FROM post p WHERE \(sql: query.whereClause)
            ORDER BY \(sql: Engagement.scoreSQL) DESC, p.reach DESC, p.created_at DESC LIMIT \(limit)
            """, Post.init(row:))
    }

    public func recentPosts(_ query: PostQuery, limit: Int, offset: Int) throws -> [Post] {
        if let onTopic = query.newestFirstOnTopic {
            return try read("""
                SELECT \(sql: Post.selection) FROM \(sql: onTopic.from) WHERE \(sql: onTopic.where)
                ORDER BY t.created_at DESC, t.post_id DESC LIMIT \(limit) OFFSET \(offset)
                """, Post.init(row:))
        }
        return try read("""
            SELECT \(sql: Post.selection) FROM post p WHERE \(sql: query.whereClause)
            ORDER BY p.created_at DESC, p.id DESC LIMIT \(limit) OFFSET \(offset)
            """, Post.init(row:))
    }

    public func posts(ids: [Int64]) throws -> [Post] {
        guard !ids.isEmpty else { return [] }
        let found = try read("SELECT \(sql: Post.selection) FROM post p WHERE p.id IN (\(list: ids))", Post.init(row:))
        return ids.compactMap { id in found.first { $0.id == id } }
    }

    public func volume(_ query: PostQuery, buckets: Int) throws -> [Int] {
        guard buckets > 0 else { return [] }
        // Counts alone: a query on time (and area or kind) is then answered from an index, without reading the posts'
        // rows. Reading them (as the aggregate must) pulled 140 MB of a million-post store into memory for the
        // scheduler's look at 70 days.
        let start = Int(query.window.start.timeIntervalSince1970)
        let length = max(1, Int(query.window.duration))
        var volume = [Int](repeating: 0, count: buckets)
        let rows = try read("""
            SELECT count(*), (p.created_at - \(start)) * \(buckets) / \(length) AS bucket
            FROM \(sql: Self.counted(query)) GROUP BY bucket
            """) { ($0.int(0), $0.int(1)) }
        for (count, bucket) in rows where volume.indices.contains(bucket) { volume[bucket] = count }
        return volume
    }

    public func topicCounts(_ query: PostQuery, limit: Int) throws -> [TopicCount] {
        let start = Int(query.window.start.timeIntervalSince1970)
        let end = Int(query.window.end.timeIntervalSince1970)
        return try read("""
            SELECT t.topic, count(*) AS n, coalesce(sum(p.sentiment <= \(-SentimentLabel.neutralBand)), 0)
            FROM post_topic t JOIN post p ON p.id = t.post_id
            WHERE t.created_at >= \(start) AND t.created_at < \(end) AND \(sql: query.whereClause)
            GROUP BY t.topic ORDER BY n DESC, t.topic LIMIT \(limit)
            """) { TopicCount(topic: $0.string(0), count: $0.int(1), negative: $0.int(2)) }
    }

    public func outletCounts(_ query: PostQuery, limit: Int) throws -> [(outlet: String, count: Int)] {
        try read("""
            SELECT p.outlet, count(*) AS n FROM post p WHERE \(sql: query.whereClause) AND p.outlet IS NOT NULL
            GROUP BY p.outlet ORDER BY n DESC, p.outlet LIMIT \(limit)
            """) { ($0.string(0), $0.int(1)) }
    }

    public func areaCounts(_ query: PostQuery, limit: Int) throws -> [(area: String, count: Int)] {
        try read("""
            SELECT p.area, count(*) AS n FROM \(sql: Self.counted(query)) AND p.area IS NOT NULL
            GROUP BY p.area ORDER BY n DESC, p.area LIMIT \(limit)
            """) { ($0.string(0), $0.int(1)) }
    }

    public func rumourRecords() throws -> [RumourRecord] {
        try read("SELECT key, status, official_line, set_by, set_at FROM rumour ORDER BY set_at") { row in
            RumourRecord(
                key: row.string(0), status: RumourStatus(rawValue: row.string(1)) ?? .unverified,
                officialLine: row.optionalString(2), setBy: row.string(3), setAt: Date(timeIntervalSince1970: TimeInterval(row.int(4)))
            )
        }
    }

    public func setRumour(_ record: RumourRecord) throws {
        try database.transaction {
            try database.run("""
                INSERT INTO rumour (key, status, official_line, set_by, set_at)
                VALUES (\(record.key), \(record.status.rawValue), \(record.officialLine), \(record.setBy), \(Int(record.setAt.timeIntervalSince1970)))
                ON CONFLICT (key) DO UPDATE SET status = excluded.status,
                    official_line = coalesce(excluded.official_line, rumour.official_line),
                    set_by = excluded.set_by, set_at = excluded.set_at
                """)
        }
    }

    public func markHandled(postID: Int64, by user: String, at time: Date) throws -> Bool {
        try database.transaction {
            try database.run("UPDATE post SET handled_by = \(user), handled_at = \(Int(time.timeIntervalSince1970)) WHERE id = \(postID)") > 0
        }
    }

    public func audit(_ entry: AuditEntry) throws {
        try database.transaction {
            try database.run("""
                INSERT INTO audit (at, user, channel, action, detail)
                VALUES (\(Int(entry.at.timeIntervalSince1970)), \(entry.user), \(entry.channel), \(entry.action), \(entry.detail))
                """)
        }
    }

    public func latestPostTime(atOrBefore time: Date?) throws -> Date? {
        let sql: SQL = time.map { "SELECT max(created_at) FROM post WHERE created_at <= \(Int($0.timeIntervalSince1970))" } ?? "SELECT max(created_at) FROM post"
        return try readScalar(sql).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
