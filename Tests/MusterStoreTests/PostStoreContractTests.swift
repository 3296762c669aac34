import Foundation
import MusterCore
import MusterSQL
import Testing

/// What every backend must answer alike: each test runs on SQLite and, when a server is given, PostgreSQL, and
/// checks the answers against what the posts themselves say, so both stores answer as a person counting would.
@Suite("Post store contract")
struct PostStoreContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let areas = ["Riverside", "Northfields", "Westgate"]
    static let topics = ["bins", "potholes", "fire", "parking"]
    static let outlets = ["BBC Look North", "Northbridge Echo"]
    static let words = [
        "bins", "not", "collected", "again", "Hill", "Street", "fire", "Café", "closed", "council's", "#bins", "pothole",
        "@NorthbridgeCC", "parking", "school", "smoke", "A&E", "queue", "lovely", "awful",
    ]

    /// Posts over the last two days, drawn from a fixed seed: every combination the queries below filter on occurs.
    static let fixture: [Post] = {
        var random = SeededRandom(seed: 20_261_203)
        var posts: [Post] = []
        for index in 0..<240 {
            let kind: AuthorKind = [.public, .public, .public, .media, .official][random.next(5)]
            let topicCount = random.next(3)
            let topics = (0..<topicCount).map { _ in Self.topics[random.next(Self.topics.count)] }
            let text = (0..<(3 + random.next(6))).map { _ in words[random.next(words.count)] }.joined(separator: " ")
            let kinds = PostKinds(rawValue: random.next(1 << 10))
            // Some officials' posts answer an earlier post, which then awaits no reply.
            let replyTo = kind == .official && index > 10 ? "p\(random.next(index))" : nil
            posts.append(Post(
                source: index % 7 == 0 ? "feed" : "x", externalID: "p\(index)",
                author: Author(handle: "user\(random.next(40))", name: random.next(2) == 0 ? nil : "Name \(index)", kind: kind),
                outlet: kind == .media ? outlets[random.next(2)] : nil, text: text,
                createdAt: now.addingTimeInterval(-Double(random.next(48 * 3_600))),
                area: random.next(4) == 3 ? nil : areas[random.next(3)], topics: topics,
                sentiment: Double(random.next(201) - 100) / 100,
                engagement: Engagement(likes: random.next(30), shares: random.next(10), replies: random.next(5), reach: random.next(1_000)),
                replyTo: replyTo, kinds: kinds
            ))
        }
        return posts
    }()

    static func window(hours: Double) -> TimeWindow {
        TimeWindow(start: now.addingTimeInterval(-hours * 3_600), end: now, label: "the last \(Int(hours)) hours")
    }

    /// Queries that reach every filter a skill sets.
    static let queries: [PostQuery] = {
        let day = window(hours: 24)
        var queries = [
            PostQuery(window: window(hours: 36)),
            PostQuery(topics: ["bins"], window: day),
            PostQuery(topics: ["bins", "fire"], window: day),
            PostQuery(topics: ["fire"], areas: ["Riverside"], window: window(hours: 48), authorKinds: [.public], sentiment: .negative),
            PostQuery(areas: ["Riverside", "Westgate"], window: window(hours: 6)),
            PostQuery(text: "hill street", window: day),
            PostQuery(text: "cafe", window: day),
            PostQuery(window: day, authorKinds: [.media], outlet: "bbc look north"),
            PostQuery(window: day, sentiment: .neutral),
            PostQuery(topics: ["potholes"], window: day, sentiment: .positive),
        ]
        var kinds = PostQuery(window: day)
        kinds.kinds = [.question, .claim]
        kinds.withoutKinds = [.official]
        var mentioning = PostQuery(window: day)
        mentioning.mentioning = ["NorthbridgeCC", "smoke"]
        var awaiting = PostQuery(topics: ["bins"], window: window(hours: 48))
        awaiting.awaitingReply = true
        var source = PostQuery(window: day)
        source.source = "feed"
        queries += [kinds, mentioning, awaiting, source]
        return queries
    }()

    /// The posts a query should match, found by reading each post as a person would.
    static func expected(_ query: PostQuery, in posts: [Post]) -> [Post] {
        posts.filter { post in
            guard post.createdAt >= query.window.start, post.createdAt < query.window.end else { return false }
            if !query.topics.isEmpty, Set(query.topics).isDisjoint(with: post.topics) { return false }
            if !query.areas.isEmpty, !query.areas.contains(post.area ?? "") { return false }
            if !query.authorKinds.isEmpty, !query.authorKinds.contains(post.author.kind) { return false }
            if let outlet = query.outlet, post.outlet?.lowercased() != outlet.lowercased() { return false }
            if let sentiment = query.sentiment, SentimentLabel(score: post.sentiment) != sentiment { return false }
            if let source = query.source, post.source != source { return false }
            if !query.kinds.isEmpty, post.kinds.isDisjoint(with: query.kinds) { return false }
            if !query.withoutKinds.isEmpty, !post.kinds.isDisjoint(with: query.withoutKinds) { return false }
            let searched = searchWords(post.text + " " + post.author.handle + " " + (post.author.name ?? "") + " " + (post.outlet ?? ""))
            if let text = query.text, !searchWords(text).isSubset(of: searched) { return false }
            if !query.mentioning.isEmpty, Set(query.mentioning.map { $0.lowercased() }).isDisjoint(with: searchWords(post.text)) { return false }
            if query.awaitingReply {
                let answered = posts.contains { $0.replyTo == post.externalID && $0.source == post.source && [.official, .staff].contains($0.author.kind) }
                if answered || post.handled != nil { return false }
            }
            return true
        }
    }

    /// Words as both full-text indexes read them: runs of letters and digits, lower-cased, accents folded.
    static func searchWords(_ text: String) -> Set<String> {
        Set(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    static func loaded(_ backend: Backend) throws -> (store: any SQLPostReading & PostWriting, remove: @Sendable () -> Void) {
        let opened = try backend.emptyStore()
        let counts = try opened.store.writePosts { try $0.upsert(fixture, ingestedAt: now) }
        #expect(counts == UpsertCounts(inserted: fixture.count))
        return opened
    }

    @Test("counts, splits and volumes are what the posts say", arguments: Backend.available)
    func aggregates(backend: Backend) throws {
        let (store, remove) = try Self.loaded(backend)
        defer { remove() }
        for query in Self.queries {
            let matching = Self.expected(query, in: Self.fixture)
            // Every query finds some posts and misses others, so a filter that did nothing would show.
            #expect(!matching.isEmpty && matching.count < Self.fixture.count, "\(query)")
            let aggregate = try store.aggregate(query)
            #expect(aggregate.count == matching.count, "\(query)")
            #expect(aggregate.placed == matching.filter { $0.area != nil }.count, "\(query)")
            #expect(aggregate.sentiment[.negative] == matching.filter { SentimentLabel(score: $0.sentiment) == .negative }.count)
            #expect(aggregate.questions == matching.filter(\.isQuestion).count)
            #expect(aggregate.media == matching.filter { $0.author.kind == .media }.count)
            let both = try store.aggregateWithVolume(query, buckets: 6)
            #expect(both.aggregate == aggregate)
            #expect(try store.volume(query, buckets: 6) == both.volume)
            #expect(both.volume.reduce(0, +) == matching.count)
            let kinds = try store.kindCounts(query)
            #expect(kinds.total == matching.count)
            for (_, kind) in PostKinds.named {
                #expect(kinds.byKind[kind] == matching.filter { !$0.kinds.isDisjoint(with: kind) }.count)
            }
        }
    }

    @Test("lists of posts come in the same order, newest or most engaged first", arguments: Backend.available)
    func postLists(backend: Backend) throws {
        let (store, remove) = try Self.loaded(backend)
        defer { remove() }
        for query in Self.queries {
            let matching = Self.expected(query, in: Self.fixture)
            let newest = matching.sorted { ($0.createdAt, $0.externalID.count, $0.externalID) > ($1.createdAt, $1.externalID.count, $1.externalID) }
            #expect(try store.recentPosts(query, limit: 5, offset: 0).map(\.externalID) == newest.prefix(5).map(\.externalID), "\(query)")
            #expect(try store.recentPosts(query, limit: 5, offset: 5).map(\.externalID) == newest.dropFirst(5).prefix(5).map(\.externalID))
            let top = try store.topPosts(query, limit: 5)
            let scores = top.map(\.engagement.score)
            #expect(scores == scores.sorted(by: >))
            #expect(Set(top.map(\.externalID)).isSubset(of: Set(matching.map(\.externalID))))
            #expect(top.count == min(5, matching.count))
        }
        // A post read back is the post stored (less the raw record, which no answer reads).
        let stored = try store.recentPosts(PostQuery(window: Self.window(hours: 48)), limit: 1_000, offset: 0)
        #expect(stored.count == Self.fixture.count)
        for post in stored {
            var original = try #require(Self.fixture.first { $0.externalID == post.externalID })
            original.id = post.id
            #expect(post == original)
        }
        let ids = stored.prefix(3).compactMap(\.id)
        #expect(try store.posts(ids: ids.reversed() + [999_999]).map(\.id) == ids.reversed())
    }

    @Test("topics, outlets and wards are counted and ranked alike", arguments: Backend.available)
    func breakdowns(backend: Backend) throws {
        let (store, remove) = try Self.loaded(backend)
        defer { remove() }
        let query = PostQuery(window: Self.window(hours: 48))
        let topics = try store.topicCounts(query, limit: 10)
        for count in topics {
            #expect(count.count == Self.fixture.filter { $0.topics.contains(count.topic) }.count)
        }
        #expect(Set(topics.map(\.topic)) == Set(Self.fixture.flatMap(\.topics)))
        #expect(topics.map(\.count) == topics.map(\.count).sorted(by: >))
        let outlets = try store.outletCounts(query, limit: 10)
        #expect(outlets.map(\.count).reduce(0, +) == Self.fixture.filter { $0.outlet != nil }.count)
        let areas = try store.areaCounts(PostQuery(topics: ["bins"], window: Self.window(hours: 48)), limit: 2)
        #expect(areas.count == 2)
        for area in areas {
            #expect(area.count == Self.fixture.filter { $0.area == area.area && $0.topics.contains("bins") }.count)
        }
    }

    @Test("upserts count new, refreshed, edited and unchanged posts, and edits are searched by their new text", arguments: Backend.available)
    func upserts(backend: Backend) throws {
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        let day = Self.window(hours: 24)
        var first = Post(source: "x", externalID: "1", author: Author(handle: "a"), text: "bins not collected",
                         createdAt: Self.now.addingTimeInterval(-60), area: "Riverside", topics: ["bins"])
        let second = Post(source: "x", externalID: "2", author: Author(handle: "b"), text: "lovely park", createdAt: Self.now.addingTimeInterval(-120))
        // The same post twice in one batch is stored once.
        #expect(try store.writePosts { try $0.upsert([first, second, first], ingestedAt: Self.now) } == UpsertCounts(inserted: 2, unchanged: 1))
        first.engagement.likes = 12
        var edited = second
        edited.text = "park gates smashed"
        edited.topics = ["vandalism"]
        #expect(try store.writePosts { try $0.upsert([first, edited, first], ingestedAt: Self.now) } == UpsertCounts(edited: 1, updated: 1, unchanged: 1))
        #expect(try store.totalPosts() == 2)
        #expect(try store.aggregate(PostQuery(text: "smashed", window: day)).count == 1)
        #expect(try store.aggregate(PostQuery(text: "lovely", window: day)).count == 0)
        #expect(try store.aggregate(PostQuery(topics: ["vandalism"], window: day)).count == 1)
        #expect(try store.topPosts(PostQuery(window: day), limit: 1).first?.engagement.likes == 12)
        // A failed write leaves nothing behind.
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.writePosts { sink in
                _ = try sink.upsert([Post(source: "x", externalID: "3", author: Author(handle: "c"), text: "gone", createdAt: Self.now)], ingestedAt: Self.now)
                throw Boom()
            }
        }
        #expect(try store.totalPosts() == 2)
        // Deleted at the source: the post, its topic rows and its search entry go.
        #expect(try store.writePosts { try $0.removeAtSource([("x", "1"), ("x", "missing")]) } == 1)
        #expect(try store.aggregate(PostQuery(topics: ["bins"], window: day)).count == 0)
        #expect(try store.aggregate(PostQuery(text: "collected", window: day)).count == 0)
        #expect(try store.latestPostTime(atOrBefore: nil) == Self.now.addingTimeInterval(-120))
        #expect(try store.latestPostTime(atOrBefore: Self.now.addingTimeInterval(-600)) == nil)
    }

    @Test("text comes back as written (tabs, new lines, backslashes, \\N, empty, emoji), and posts take ids in the order given", arguments: Backend.available)
    func textAsWritten(backend: Backend) throws {
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        let awkward = [
            "line one\nline\ttwo\r\nthree", "C:\\bins\\ and \\N and \\\\N", "\\N", "", "🗑️ bins Café\u{00A0}ß", "tab at end\t",
        ]
        let posts = awkward.enumerated().map { index, text in
            Post(source: "x", externalID: "w\(index)", url: index == 3 ? "" : nil,
                 author: Author(handle: "h\\\(index)", name: index == 1 ? "Ann\tLee" : nil), text: text,
                 createdAt: Self.now.addingTimeInterval(-60 - Double(index)), geo: GeoPoint(latitude: 53.5 + Double(index), longitude: -2.25),
                 sentiment: -0.125 * Double(index))
        }
        #expect(try store.writePosts { try $0.upsert(posts, ingestedAt: Self.now) } == UpsertCounts(inserted: posts.count))
        let stored = try store.recentPosts(PostQuery(window: Self.window(hours: 1)), limit: 100, offset: 0)
        #expect(stored.count == posts.count)
        for post in stored {
            var original = try #require(posts.first { $0.externalID == post.externalID })
            original.id = post.id
            #expect(post == original)
        }
        // Newest first is also the order they were given in, so the ids rise down the list.
        let ids = stored.compactMap(\.id)
        #expect(ids == ids.sorted() && ids.count == posts.count)
    }

    @Test("typed search operators are words, never obeyed", arguments: Backend.available)
    func searchIsLiteral(backend: Backend) throws {
        let (store, remove) = try Self.loaded(backend)
        defer { remove() }
        let day = Self.window(hours: 24)
        for text in ["bins OR fire", "fire & !smoke", "bins:*", "NEAR(bins fire)", "text: bins", "'; DROP TABLE post; --"] {
            let query = PostQuery(text: text, window: day)
            #expect(try store.aggregate(query).count == Self.expected(query, in: Self.fixture).count, "\(text)")
        }
        #expect(try store.totalPosts() == Self.fixture.count)
    }

    @Test("rumour statuses, handled marks and the audit log are kept", arguments: Backend.available)
    func staffActions(backend: Backend) throws {
        let (store, remove) = try Self.loaded(backend)
        defer { remove() }
        let set = RumourRecord(key: "claim:school", status: .false, officialLine: "The school is open.", setBy: "ann", setAt: Self.now)
        try store.setRumour(set)
        // A later status without a line keeps the line given before.
        try store.setRumour(RumourRecord(key: "claim:school", status: .true, officialLine: nil, setBy: "bob", setAt: Self.now.addingTimeInterval(60)))
        #expect(try store.rumourRecords() == [
            RumourRecord(key: "claim:school", status: .true, officialLine: "The school is open.", setBy: "bob", setAt: Self.now.addingTimeInterval(60)),
        ])
        let newest = try #require(try store.recentPosts(PostQuery(window: Self.window(hours: 48)), limit: 1, offset: 0).first?.id)
        #expect(try store.markHandled(postID: newest, by: "ann", at: Self.now))
        #expect(try store.markHandled(postID: 999_999, by: "ann", at: Self.now) == false)
        #expect(try store.posts(ids: [newest]).first?.handled == Handling(by: "ann", at: Self.now))
        try store.audit(AuditEntry(at: Self.now, user: "ann", channel: "teams:comms", action: "mark_handled", detail: "post \(newest)"))
        #expect(try store.read("SELECT count(*) FROM audit WHERE action = 'mark_handled'") { $0.int(0) } == [1])
    }
}

/// A small deterministic generator (SplitMix64), so the fixture is the same on every run and machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// Where the two full-text indexes could read words differently, and how far they do.
@Suite("Full text on both backends")
struct FullTextContractTests {
    static let text = "see bbc.co.uk/news or mail info@council.gov.uk: co-op shut, 3.5 miles of A&E queue, #Bins, Café ÉCOLE, council's"

    @Test("web addresses, emails, decimals, hyphens, hashtags and accents are searched as the same words", arguments: Backend.available)
    func sameWords(backend: Backend) throws {
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        let now = PostStoreContractTests.now
        let post = Post(source: "x", externalID: "1", author: Author(handle: "@Jo_Bloggs", name: "Jo Bloggs"), outlet: "Northbridge Echo",
                        text: Self.text, createdAt: now.addingTimeInterval(-60))
        _ = try store.writePosts { try $0.upsert([post], ingestedAt: now) }
        let day = PostStoreContractTests.window(hours: 24)
        for words in ["bbc", "news", "council gov", "co op", "3", "5 miles", "a e", "bins", "cafe", "Café", "ecole", "council s", "jo bloggs", "echo"] {
            #expect(try store.aggregate(PostQuery(text: words, window: day)).count == 1, "\(words)")
        }
        for words in ["bbc.co.uk", "councils", "coop", "35"] {
            // Read as their words ("bbc co uk") or not found (joined words are not words of the post), on both.
            let found = try store.aggregate(PostQuery(text: words, window: day)).count
            #expect(found == (words == "bbc.co.uk" ? 1 : 0), "\(words)")
        }
        // "Mentioning" reads the text alone, not the author or outlet.
        var mentioning = PostQuery(window: day)
        mentioning.mentioning = ["echo", "bloggs"]
        #expect(try store.aggregate(mentioning).count == 0)
        mentioning.mentioning = ["echo", "ecole"]
        #expect(try store.aggregate(mentioning).count == 1)
    }

    @Test("the one known difference: PostgreSQL folds ß to ss, FTS5 keeps it; typed as written, both find it", arguments: Backend.available)
    func sharpS(backend: Backend) throws {
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        let now = PostStoreContractTests.now
        let post = Post(source: "x", externalID: "1", author: Author(handle: "a"), text: "Hauptstraße closed", createdAt: now.addingTimeInterval(-60))
        _ = try store.writePosts { try $0.upsert([post], ingestedAt: now) }
        let day = PostStoreContractTests.window(hours: 24)
        #expect(try store.aggregate(PostQuery(text: "Hauptstraße", window: day)).count == 1)
        #expect(try store.aggregate(PostQuery(text: "hauptstrasse", window: day)).count == (backend == .postgres ? 1 : 0))
    }
}
