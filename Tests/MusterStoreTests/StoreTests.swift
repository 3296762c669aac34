import Foundation
import MusterCore
import MusterStore
import Testing

@Suite("Post store")
struct StoreTests {
    let store: SQLitePostStore
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        store = try SQLitePostStore(path: folder.appendingPathComponent("posts.sqlite").path)
    }

    func post(_ id: String, _ text: String, area: String? = nil, topics: [String] = [], sentiment: Double = 0,
              minutesAgo: Double = 10, likes: Int = 0, kind: AuthorKind = .public) -> Post {
        Post(source: "x", externalID: id, author: Author(handle: "user\(id)", kind: kind), text: text,
             createdAt: now.addingTimeInterval(-minutesAgo * 60), area: area, topics: topics, sentiment: sentiment,
             engagement: Engagement(likes: likes))
    }

    var lastHour: TimeWindow { TimeWindow(start: now.addingTimeInterval(-3_600), end: now, label: "the last hour") }

    @Test("upserting the same posts twice adds nothing; changed engagement is refreshed")
    func idempotentUpsert() throws {
        let posts = [post("1", "bins not collected"), post("2", "lovely park")]
        let first = try store.write { try $0.upsert(posts, ingestedAt: now) }
        #expect(first == UpsertCounts(inserted: 2))
        let again = try store.write { try $0.upsert(posts, ingestedAt: now) }
        #expect(again == UpsertCounts(unchanged: 2))
        var liked = posts[0]
        liked.engagement.likes = 40
        let refreshed = try store.write { try $0.upsert([liked], ingestedAt: now) }
        #expect(refreshed == UpsertCounts(updated: 1))
        #expect(try store.totalPosts() == 2)
        #expect(try store.topPosts(PostQuery(window: lastHour), limit: 1).first?.engagement.likes == 40)
    }

    @Test("a failed write leaves nothing behind")
    func atomicWrite() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.write { store in
                _ = try store.upsert([post("1", "first")], ingestedAt: now)
                throw Boom()
            }
        }
        #expect(try store.totalPosts() == 0)
    }

    @Test("aggregates agree with direct SQL for area, topic and sentiment filters")
    func aggregatesMatchSQL() throws {
        let posts = [
            post("1", "bins bins", area: "Riverside", topics: ["bins"], sentiment: -0.6),
            post("2", "bins again", area: "Riverside", topics: ["bins"], sentiment: 0.5),
            post("3", "bins?", topics: ["bins"], sentiment: 0),
            post("4", "potholes", area: "Riverside", topics: ["potholes"], sentiment: -0.3),
            post("5", "old bins", area: "Riverside", topics: ["bins"], minutesAgo: 120),
        ]
        _ = try store.write { try $0.upsert(posts, ingestedAt: now) }
        let query = PostQuery(topics: ["bins"], areas: ["Riverside"], window: lastHour)
        let aggregate = try store.aggregate(query)
        #expect(aggregate.count == 2)
        #expect(aggregate.sentiment == [.negative: 1, .positive: 1, .neutral: 0])
        let start = Int(lastHour.start.timeIntervalSince1970)
        let direct = try store.database.scalar("""
            SELECT count(*) FROM post p JOIN post_topic t ON t.post_id = p.id
            WHERE t.topic = 'bins' AND p.area = 'Riverside' AND p.created_at >= \(start)
            """)
        #expect(aggregate.count == direct)
        #expect(try store.aggregate(PostQuery(topics: ["bins"], window: lastHour)).placed == 2)
        #expect(try store.aggregate(query.over(lastHour.previous)).count == 1)
    }

    @Test("user words reach FTS5 only as quoted words", arguments: [
        "cycle lane\" OR \"x", "cycle NEAR(lane)", "lane*", "text:cycle", "^cycle", "cycle AND lane", "'; DROP TABLE post; --",
    ])
    func hostileFullText(words: String) throws {
        _ = try store.write { try $0.upsert([post("1", "the new cycle lane is great"), post("2", "near the school")], ingestedAt: now) }
        let aggregate = try store.aggregate(PostQuery(text: words, window: lastHour))
        #expect(aggregate.count <= 1)
        #expect(try store.totalPosts() == 2)
    }

    @Test("free text finds posts by their words, any case, in any order")
    func freeText() throws {
        _ = try store.write { try $0.upsert([post("1", "The new Cycle Lane on Mill Lane"), post("2", "cycling is fun")], ingestedAt: now) }
        #expect(try store.aggregate(PostQuery(text: "cycle lane", window: lastHour)).count == 1)
        #expect(try store.aggregate(PostQuery(text: "lane cycle", window: lastHour)).count == 1)
    }

    @Test("area names with SQL in them match nothing and change nothing")
    func hostileArea() throws {
        _ = try store.write { try $0.upsert([post("1", "hello", area: "Riverside")], ingestedAt: now) }
        #expect(try store.aggregate(PostQuery(areas: ["Riverside' OR '1'='1"], window: lastHour)).count == 0)
        #expect(try store.totalPosts() == 1)
    }

    /// What v7 and later added, taken out again, for stores made to look as an older Muster left them (v8 and v9
    /// create their tables only if missing, so they need no undoing).
    static let undoV7 = """
        DROP TABLE schedule_run; DROP TABLE rumour_alert; DROP TABLE watch; DROP TABLE incident;
        DROP TABLE conversation_place; ALTER TABLE outbox DROP COLUMN route; ALTER TABLE outbox DROP COLUMN place;
        ALTER TABLE post DROP COLUMN edited_at; ALTER TABLE outbox DROP COLUMN claimed_by; ALTER TABLE outbox DROP COLUMN claimed_until;
        DROP TABLE delivery_seen; DROP TABLE forgotten_author; DROP TABLE store_secret;
        ALTER TABLE post_topic DROP COLUMN kinds;
        """

    @Test("reopening a store keeps its posts and its schema version")
    func reopen() throws {
        _ = try store.write { try $0.upsert([post("1", "kept")], ingestedAt: now) }
        let again = try SQLitePostStore(path: store.database.path)
        #expect(try again.totalPosts() == 1)
        #expect(try again.database.scalar("PRAGMA user_version") == 14)
        #expect(try again.database.rows("PRAGMA journal_mode") { $0.string(0) } == ["wal"])
    }

    @Test("a topic's counts from its own rows equal counting the posts, for every filter they carry")
    func topicRowsMatchPosts() throws {
        var posts = (0..<60).map { index in
            post("\(index)", index % 4 == 0 ? "bins?" : "bins", area: ["Riverside", "Quayside", nil][index % 3],
                 topics: index % 5 == 0 ? ["bins", "potholes"] : ["bins"], sentiment: [-0.6, 0, 0.4, -0.2][index % 4],
                 minutesAgo: Double(index), kind: [.public, .public, .media, .official][index % 4])
        }
        for index in posts.indices where index % 4 == 0 { posts[index].isQuestion = true }
        for index in posts.indices where index % 3 == 0 { posts[index].kinds.insert(.claim) }
        _ = try store.write { try $0.upsert(posts, ingestedAt: now) }
        var claims = PostQuery(topics: ["bins"], window: lastHour)
        claims.kinds = [.claim, .official]
        var notClaims = PostQuery(topics: ["bins"], areas: ["Riverside"], window: lastHour)
        notClaims.withoutKinds = [.claim, .question]
        let queries = [
            PostQuery(topics: ["bins"], window: lastHour),
            PostQuery(topics: ["bins"], areas: ["Riverside"], window: lastHour),
            PostQuery(topics: ["bins"], areas: ["Riverside", "Quayside"], window: lastHour, authorKinds: [.public]),
            PostQuery(topics: ["bins"], window: lastHour, authorKinds: [.media, .official], sentiment: .negative),
            PostQuery(topics: ["potholes"], window: lastHour, sentiment: .neutral),
            claims, notClaims,
        ]
        for query in queries {
            // What the posts are is filtered on the topic's rows, so it is checked against the posts counted here.
            let matching = posts.filter { post in
                post.createdAt >= query.window.start && post.createdAt < query.window.end
                    && post.topics.contains(query.topics[0]) && (query.areas.isEmpty || query.areas.contains(post.area ?? ""))
                    && (query.kinds.isEmpty || !post.kinds.isDisjoint(with: query.kinds)) && post.kinds.isDisjoint(with: query.withoutKinds)
            }
            if !query.kinds.isEmpty || !query.withoutKinds.isEmpty {
                #expect(try store.aggregate(query).count == matching.count, "\(query)")
                #expect(try store.kindCounts(query).total == matching.count, "\(query)")
                #expect(try Set(store.recentPosts(query, limit: 100, offset: 0).map(\.externalID)) == Set(matching.map(\.externalID)), "\(query)")
            }
            // Free text forces the count through the posts themselves; every post says "bins".
            var throughPosts = query
            throughPosts.text = "bins"
            #expect(try store.aggregate(query) == store.aggregate(throughPosts), "\(query)")
            let both = try store.aggregateWithVolume(query, buckets: 6)
            #expect(both.aggregate == (try store.aggregate(query)))
            #expect(both.volume == (try store.volume(throughPosts, buckets: 6)))
            // Volume alone counts without the aggregate's columns, from the topic rows or through the posts.
            #expect(both.volume == (try store.volume(query, buckets: 6)))
            let areas = try store.areaCounts(query, limit: 5).map { "\($0.area) \($0.count)" }
            #expect(areas == (try store.areaCounts(throughPosts, limit: 5).map { "\($0.area) \($0.count)" }))
        }
    }

    @Test("a store from before topic rows carried counts gains them when opened")
    func migrationBackfillsTopicRows() throws {
        _ = try store.write { try $0.upsert([post("1", "bins", area: "Riverside", topics: ["bins"], sentiment: -0.6, kind: .media)], ingestedAt: now) }
        // Undo v4 (and the later v6 and v7) as a store written by an older Muster would be.
        try store.database.execute("""
            \(Self.undoV7)
            ALTER TABLE post DROP COLUMN kinds;
            UPDATE post_topic SET area = NULL, sentiment = 0, is_question = 0, author_kind = 'public';
            ALTER TABLE post_topic DROP COLUMN area; ALTER TABLE post_topic DROP COLUMN sentiment;
            ALTER TABLE post_topic DROP COLUMN is_question; ALTER TABLE post_topic DROP COLUMN author_kind;
            PRAGMA user_version = 3;
            """)
        let reopened = try SQLitePostStore(path: store.database.path)
        let aggregate = try reopened.aggregate(PostQuery(topics: ["bins"], areas: ["Riverside"], window: lastHour, authorKinds: [.media]))
        #expect(aggregate.count == 1)
        #expect(aggregate.media == 1)
        #expect(aggregate.sentiment[.negative] == 1)
    }

    @Test("a store from before topic rows carried what each post is gains it when opened")
    func migrationBackfillsTopicKinds() throws {
        var claim = post("1", "apparently the fire was started on purpose", topics: ["fire"])
        claim.kinds = .claim
        _ = try store.write { try $0.upsert([claim, post("2", "fire engines on the bridge", topics: ["fire"])], ingestedAt: now) }
        try store.database.execute("ALTER TABLE post_topic DROP COLUMN kinds; PRAGMA user_version = 13;")
        let reopened = try SQLitePostStore(path: store.database.path)
        var claims = PostQuery(topics: ["fire"], window: lastHour)
        claims.kinds = .claim
        #expect(try reopened.aggregate(claims).count == 1)
        #expect(try reopened.recentPosts(claims, limit: 5, offset: 0).map(\.text) == [claim.text])
        #expect(try reopened.kindCounts(PostQuery(topics: ["fire"], window: lastHour)).byKind[.claim] == 1)
    }

    @Test("a store from before posts had kinds reads its media posts as reports and the public's claims as claims")
    func migrationBackfillsKinds() throws {
        var claim = post("2", "apparently the school is shut")
        claim.isClaim = true
        _ = try store.write { try $0.upsert([post("1", "Fire at warehouse", kind: .media), claim, post("3", "Update", kind: .official)], ingestedAt: now) }
        try store.database.execute("\(Self.undoV7) ALTER TABLE post DROP COLUMN kinds; PRAGMA user_version = 5;")
        let reopened = try SQLitePostStore(path: store.database.path)
        let (total, kinds) = try reopened.kindCounts(PostQuery(window: lastHour))
        #expect(total == 3)
        #expect(kinds[.report] == 1)
        #expect(kinds[.claim] == 1)
        #expect(kinds[.official] == 1)
        var reports = PostQuery(window: lastHour)
        reports.kinds = .report
        #expect(try reopened.recentPosts(reports, limit: 5, offset: 0).map(\.text) == ["Fire at warehouse"])
    }

    @Test("the benchmark's SQLite floor copies every post, topic row and word into an empty store")
    func copySQL() throws {
        let posts = [
            post("1", "bins on Mill Lane", area: "Riverside", topics: ["bins"], sentiment: -0.6),
            post("2", "pothole on Ferry Road", topics: ["potholes"]),
        ]
        _ = try store.write { try $0.upsert(posts, ingestedAt: now) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        let copy = try SQLitePostStore(path: folder.appendingPathComponent("copy.sqlite").path)
        try copy.database.execute(SQLitePostStore.copySQL(from: store.database.path))
        for query in [PostQuery(topics: ["bins"], areas: ["Riverside"], window: lastHour), PostQuery(text: "ferry", window: lastHour)] {
            #expect(try copy.aggregate(query) == store.aggregate(query))
            #expect(try copy.aggregate(query).count == 1)
        }
    }

    @Test("volume buckets cover the window and sum to the count")
    func volume() throws {
        let posts = (0..<12).map { post("\($0)", "post \($0)", minutesAgo: Double($0 * 5) + 1) }
        _ = try store.write { try $0.upsert(posts, ingestedAt: now) }
        let buckets = try store.volume(PostQuery(window: lastHour), buckets: 4)
        #expect(buckets.count == 4)
        #expect(buckets.reduce(0, +) == 12)
        #expect(buckets == [3, 3, 3, 3])
    }
}
