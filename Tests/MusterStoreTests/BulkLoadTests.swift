import Foundation
import MusterCore
import MusterStore
import Testing

extension StoreTests {
    /// How many stored topic rows belong to a post that does not list that topic (or differ from it in time or in what
    /// it is), and how many there are.
    private func topicRowCheck() throws -> TopicRowCheck {
        let misfiled = try store.database.scalar("""
            SELECT count(*) FROM post_topic t JOIN post p ON p.id = t.post_id
            WHERE instr(',' || p.topics || ',', ',' || t.topic || ',') = 0 OR t.created_at != p.created_at OR t.kinds != p.kinds
            """) ?? -1
        return TopicRowCheck(misfiled: misfiled, rows: try store.database.scalar("SELECT count(*) FROM post_topic") ?? -1)
    }

    private func journalMode() throws -> [String] {
        try store.database.rows("PRAGMA journal_mode") { $0.string(0) }
    }

    @Test("an upsert mixing new, changed, unchanged and repeated posts counts each and files topics under the right post")
    func mixedUpsert() throws {
        // More posts than one INSERT writes, so new and seen posts share statements and straddle them.
        let seen = (0..<40).map { post("old\($0)", "bins \($0)", topics: ["bins"], likes: 1) }
        _ = try store.write { try $0.upsert(seen, ingestedAt: now) }
        var mixed: [Post] = []
        for index in 0..<40 {
            var old = seen[index]
            if index % 4 == 0 { old.engagement.likes = 9 }
            mixed.append(old)
            var fresh = post("new\(index)", "potholes \(index)", topics: index % 2 == 0 ? ["potholes", "roads"] : ["parking"])
            fresh.kinds = index % 3 == 0 ? [.claim, .question] : []
            mixed.append(fresh)
        }
        mixed.insert(post("new3", "potholes 3", topics: ["parking"]), at: 20)
        let counts = try store.write { try $0.upsert(mixed, ingestedAt: now) }
        #expect(counts == UpsertCounts(inserted: 40, updated: 10, unchanged: 31))
        #expect(try store.totalPosts() == 80)
        #expect(try topicRowCheck() == TopicRowCheck(misfiled: 0, rows: 40 + 20 * 2 + 20))
        #expect(try store.aggregate(PostQuery(text: "potholes", window: lastHour)).count == 40)
    }

    @Test("a bulk load into an empty store lands whole and searchable, and leaves the store in WAL with its checks and memory map on")
    func bulkLoadIntoEmptyStore() throws {
        let posts = (0..<100).map { index in
            var bins = post("\(index)", "bins on Mill Lane \(index)", area: "Riverside", topics: ["bins"])
            bins.kinds = index % 4 == 0 ? [.official] : []
            return bins
        }
        let counts = try store.writeInBulk { load in
            // Nothing else has the file open, so its new pages are written once, without the WAL.
            #expect(try journalMode() == ["delete"])
            return try load.upsert(posts, ingestedAt: now)
        }
        #expect(counts == UpsertCounts(inserted: 100))
        #expect(try store.aggregate(PostQuery(text: "mill lane", window: lastHour)).count == 100)
        #expect(try store.aggregate(PostQuery(topics: ["bins"], areas: ["Riverside"], window: lastHour)).count == 100)
        #expect(try topicRowCheck() == TopicRowCheck(misfiled: 0, rows: 100))
        #expect(try journalMode() == ["wal"])
        #expect(try store.database.scalar("PRAGMA foreign_keys") == 1)
        #expect(try store.database.scalar("PRAGMA mmap_size") ?? 0 > 0)
        #expect(throws: (any Error).self) {
            try store.database.run("""
                INSERT INTO post (source, external_id, author_handle, author_kind, text, created_at, ingested_at)
                VALUES ('x', 'bad', 'someone', 'robot', 'hello', 0, 0)
                """)
        }
    }

    @Test("a bulk load into an empty store that fails leaves it empty, unsearchable and in WAL")
    func failedBulkLoad() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.writeInBulk { load in
                _ = try load.upsert((0..<50).map { post("\($0)", "bins \($0)", topics: ["bins"]) }, ingestedAt: now)
                throw Boom()
            }
        }
        #expect(try store.totalPosts() == 0)
        #expect(try topicRowCheck() == TopicRowCheck(misfiled: 0, rows: 0))
        #expect(try store.database.scalar("SELECT count(*) FROM post_fts_docsize") == 0)
        #expect(try journalMode() == ["wal"])
        _ = try store.writeInBulk { try $0.upsert([post("1", "bins again")], ingestedAt: now) }
        #expect(try store.aggregate(PostQuery(text: "bins", window: lastHour)).count == 1)
    }

    @Test("a bulk load while another connection has the store open lands, and that connection sees it")
    func bulkLoadBesideReader() throws {
        let other = try SQLitePostStore(path: store.database.path)
        #expect(try other.aggregate(PostQuery(window: lastHour)).count == 0)
        let counts = try store.writeInBulk { load in
            #expect(try journalMode() == ["wal"])
            return try load.upsert([post("1", "bins"), post("2", "parks")], ingestedAt: now)
        }
        #expect(counts == UpsertCounts(inserted: 2))
        #expect(try other.aggregate(PostQuery(window: lastHour)).count == 2)
        #expect(try journalMode() == ["wal"])
    }
}

struct TopicRowCheck: Equatable {
    var misfiled: Int
    var rows: Int
}
