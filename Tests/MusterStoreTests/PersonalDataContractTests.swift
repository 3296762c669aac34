import Foundation
import MusterCore
import MusterSQL
import Testing

/// Retention and erasure do the same on both backends: what is past its time goes, a forgotten author's posts go
/// and are never stored again, and a subject access export finds their posts and the posts that name them.
@Suite("Personal data on both backends")
struct PersonalDataContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func post(_ id: String, by handle: String, _ text: String, daysAgo: Double) -> Post {
        Post(source: "x", externalID: id, author: Author(handle: handle), text: text, createdAt: now.addingTimeInterval(-daysAgo * 86_400))
    }

    @Test("prune deletes posts and audit rows past their cutoffs and nothing newer", arguments: Backend.available)
    func prune(backend: Backend) throws {
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        let data = try #require(store as? any PersonalDataStore)
        _ = try store.writePosts { try $0.upsert([
            Self.post("old", by: "a", "bins last year", daysAgo: 400), Self.post("new", by: "b", "bins today", daysAgo: 1),
        ], ingestedAt: Self.now) }
        try store.audit(AuditEntry(at: Self.now.addingTimeInterval(-800 * 86_400), user: "priya", channel: "cli", action: "ask", detail: "old"))
        try store.audit(AuditEntry(at: Self.now, user: "priya", channel: "cli", action: "ask", detail: "new"))
        let cutoffs = RetentionCutoffs(posts: Self.now.addingTimeInterval(-365 * 86_400), audit: Self.now.addingTimeInterval(-730 * 86_400),
                                       deliveries: Self.now.addingTimeInterval(-30 * 86_400))
        let counts = try data.prune(cutoffs)
        #expect(counts.posts == 1 && counts.audit == 1)
        #expect(try store.totalPosts() == 1)
        #expect(try store.read("SELECT detail FROM audit") { $0.string(0) } == ["new"])
        #expect(try data.prune(cutoffs).posts == 0, "a second run finds nothing more")
    }

    @Test("a forgotten author's posts go, are withheld from later writes, and an export finds only what is left", arguments: Backend.available)
    func forget(backend: Backend) throws {
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        let data = try #require(store as? any PersonalDataStore)
        let posts = [
            Self.post("j1", by: "Jo_Bloggs", "Bins on Mill Lane not collected", daysAgo: 1),
            Self.post("j2", by: "jo_bloggs", "Still no bin lorry", daysAgo: 1),
            Self.post("o1", by: "sam", "@jo_bloggs same on Ferry Road", daysAgo: 1),
            Self.post("o2", by: "kim", "jo bloggs is not a handle here", daysAgo: 1),
        ]
        _ = try store.writePosts { try $0.upsert(posts, ingestedAt: Self.now) }
        let before = try data.exportAuthor("@JO_BLOGGS", source: nil)
        #expect(before.posts.map(\.id) == ["j1", "j2"] && before.mentions.map(\.id) == ["o1"])
        #expect(try data.exportAuthor("jo_bloggs", source: "mastodon").posts.isEmpty, "another source's account is another person")

        #expect(try data.forgetAuthor("@jo_bloggs", source: nil, at: Self.now) == 2)
        #expect(try store.totalPosts() == 2)
        let again = try store.writePosts { try $0.upsert(posts, ingestedAt: Self.now) }
        #expect(again == UpsertCounts(unchanged: 2, withheld: 2))
        #expect(try data.exportAuthor("jo_bloggs", source: nil).posts.isEmpty)
    }
}
