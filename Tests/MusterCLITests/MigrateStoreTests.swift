import Foundation
import MusterApp
import MusterCore
import MusterPostgres
import MusterTesting
import Testing

/// `muster migrate-store`: a council outgrowing one machine moves its store file to PostgreSQL and Muster answers as
/// before, erasures and staff actions included.
@Suite("Moving a store to PostgreSQL")
struct MigrateStoreTests {
    static let now = "2026-11-24T09:42:00Z"

    @Test("the same answers after the move and back again, erasures still withheld, and a move into a store that holds anything refused", .enabled(if: ThrowawayDatabase.server != nil))
    func move() throws {
        var cli = CLITests()
        let personal = PersonalDataTests(cli: cli)
        #expect(try personal.ingest("posts.ndjson", PersonalDataTests.jo + [
            #"{"id": "k1", "source": "x", "author": "@kim", "text": "Bins on Tanner Street overflowing, Riverside", "created_at": "2026-11-24T07:00:00Z"}"#,
        ]).status == 0)
        #expect(try cli.muster("forget-author", "--now", Self.now, "@sam").status == 0)
        let file = try Muster(configPath: Fixture.demoConfigPath, storePath: personal.store)
        try file.store.setRumour(RumourRecord(key: "bins-strike", status: .false, officialLine: "Collections run as normal.", setBy: "priya", setAt: Date()))
        let handled = try #require(try file.store.recentPosts(PostQuery(window: TimeWindow(start: .distantPast, end: Date(), label: "all")), limit: 1, offset: 0).first?.id)
        #expect(try file.store.markHandled(postID: handled, by: "jen", at: Date()))
        let question = "show posts about bins"
        let before = try cli.muster("ask", "--now", Self.now, question)

        let database = try ThrowawayDatabase("move")
        defer { database.drop() }
        let address = database.address
        let moved = try cli.muster("migrate-store", address)
        #expect(moved.status == 0, "\(moved.errors)")
        let counted = Dictionary(uniqueKeysWithValues: moved.output.split(separator: "\n").dropFirst().compactMap { line -> (String, String)? in
            let words = line.split(separator: " ")
            return words.count == 2 ? (String(words[0]), String(words[1])) : nil
        })
        #expect(counted["post"] == "3" && counted["forgotten_author"] == "1" && counted["rumour"] == "1", "\(moved.output)")

        cli.postgres = address
        let after = try cli.muster("ask", "--now", Self.now, question)
        #expect(after.status == 0 && after.output == before.output)
        // Answered from a replica of it, the same once the replica has caught up (moments).
        if let replica = ThrowawayDatabase.replica {
            cli.replica = replica.with(database: database.name).url
            var fromReplica = try cli.muster("ask", "--now", Self.now, question)
            for _ in 0..<50 where fromReplica.output != before.output {
                Thread.sleep(forTimeInterval: 0.1)
                fromReplica = try cli.muster("ask", "--now", Self.now, question)
            }
            #expect(fromReplica.status == 0 && fromReplica.output == before.output, "\(fromReplica.errors)")
            cli.replica = nil
        }
        let target = try database.open()
        defer { target.close() }
        #expect(try target.rumourRecords().map(\.officialLine) == ["Collections run as normal."])
        #expect(try target.posts(ids: [handled]).first?.handled?.by == "jen")
        #expect(try target.read("SELECT action FROM audit ORDER BY id") { $0.string(0) }.contains("migrate store"))
        // The salt went with the digests: sam's posts are still withheld, now on PostgreSQL.
        let again = try PersonalDataTests(cli: cli).ingest("again.ndjson", PersonalDataTests.jo)
        #expect(again.output.contains("1 withheld"), "\(again.output)")
        // New posts take ids after the moved ones.
        #expect(try target.totalPosts() == 3)

        cli.postgres = nil
        let twice = try cli.muster("migrate-store", address)
        #expect(twice.status != 0)
        #expect(twice.errors.contains("the store to copy into is not empty"))
        #expect(try target.totalPosts() == 3, "a refused move changes nothing")

        // And back, into a new store file: the same answer again, and the salt still withholds sam's post.
        let back = cli.folder.appendingPathComponent("back.sqlite").path
        let returned = try cli.muster("migrate-store", "--back", "--store", back, address)
        #expect(returned.status == 0, "\(returned.errors)")
        #expect(try cli.muster("ask", "--store", back, "--now", Self.now, question).output == before.output)
        let records = cli.folder.appendingPathComponent("jo.ndjson")
        try PersonalDataTests.jo.joined(separator: "\n").write(to: records, atomically: true, encoding: .utf8)
        #expect(try cli.muster("ingest", "--store", back, "--now", Self.now, records.path).output.contains("1 withheld"))
        // The original file still holds its posts: copying back into it is refused, and changes nothing.
        let refused = try cli.muster("migrate-store", "--back", address)
        #expect(refused.status != 0 && refused.errors.contains("the store to copy into is not empty"))
    }

    @Test("a replica named for a store file is refused, saying why, and nothing is stored")
    func replicaBesideAFile() throws {
        var cli = CLITests()
        cli.replica = "postgres://muster:secret@replica.example:5432/muster"
        let records = cli.folder.appendingPathComponent("posts.ndjson")
        try PersonalDataTests.jo.joined(separator: "\n").write(to: records, atomically: true, encoding: .utf8)
        let run = try cli.muster("ingest", "--now", Self.now, records.path)
        #expect(run.status != 0)
        #expect(run.errors.contains("MUSTER_STORE_READ is set but the store is a file"), "\(run.errors)")
        #expect(!run.errors.contains("secret"), "an address's password is never printed")
        cli.replica = nil
        #expect(try cli.muster("ask", "--now", Self.now, "show posts about bins").output.contains("No posts"))
    }
}
