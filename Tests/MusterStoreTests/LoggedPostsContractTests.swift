import Foundation
import MusterCore
import MusterPostgres
import MusterSQL
import MusterStore
import Testing

/// Posts staff log from chat ("log this: …") are kept alike on both backends: counted in answers, with who logged
/// them, and removable only as logged posts.
@Suite("Logged posts on both backends")
struct LoggedPostsContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// The backend's logged-post store over `store`.
    static func loggedPosts(of store: any SQLPostReading & PostWriting) throws -> any LoggedPostStore {
        switch store {
        case let sqlite as SQLitePostStore: return sqlite.loggedPosts
        case let postgres as PostgresPostStore: return postgres.loggedPosts
        default: throw MusterError("no logged-post store for \(type(of: store))")
        }
    }

    @Test("a logged post counts in answers, keeps who logged it and where, and only it can be removed as logged", arguments: Backend.available)
    func logAndRemove(backend: Backend) throws {
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        let logged = try Self.loggedPosts(of: store)
        let monitored = Post(source: "x", externalID: "1", author: Author(handle: "a"), text: "bins not collected",
                             createdAt: Self.now.addingTimeInterval(-60), area: "Riverside", topics: ["bins"])
        _ = try store.writePosts { try $0.upsert([monitored], ingestedAt: Self.now) }
        let call = Post(source: LoggedPost.source, externalID: "log-1", author: Author(handle: "staff-log", kind: .public),
                        text: "Caller says the bins on Tanner Street were missed", createdAt: Self.now.addingTimeInterval(-1),
                        area: "Riverside", topics: ["bins"])
        let id = try logged.log(call, by: "jen", place: "slack:C0NBCOMMS", at: Self.now)

        let window = TimeWindow(start: Self.now.addingTimeInterval(-3_600), end: Self.now, label: "the last hour")
        #expect(try store.aggregate(PostQuery(topics: ["bins"], window: window)).count == 2)
        #expect(try store.aggregate(PostQuery(text: "Tanner", window: window)).count == 1)
        #expect(try logged.provenance(of: id) == LoggedPost(postID: id, loggedBy: "jen", platform: "slack", channel: "C0NBCOMMS", loggedAt: Self.now))
        // A place with no platform, as the command line gives, is kept as both.
        let cli = try logged.log(Post(source: LoggedPost.source, externalID: "log-2", author: Author(handle: "staff-log"), text: "walk-in",
                                      createdAt: Self.now.addingTimeInterval(-1)), by: "sam", place: "cli", at: Self.now)
        #expect(try logged.provenance(of: cli).map { [$0.platform, $0.channel] } == ["cli", "cli"])

        // A monitored post is never removed this way, and has no provenance.
        var fromSource = PostQuery(window: window)
        fromSource.source = "x"
        let monitoredID = try #require(try store.topPosts(fromSource, limit: 1).first?.id)
        #expect(try logged.provenance(of: monitoredID) == nil)
        #expect(try logged.removeLogged(monitoredID) == false)
        #expect(try logged.removeLogged(id))
        #expect(try logged.removeLogged(id) == false)
        #expect(try logged.provenance(of: id) == nil)
        #expect(try store.aggregate(PostQuery(topics: ["bins"], window: window)).count == 1)
        #expect(try store.totalPosts() == 2)
    }
}
