import Foundation
import MusterApp
import MusterCore
import MusterPostgres
import MusterSQL
import MusterTesting
import Testing

/// What a data protection officer asks of Muster: retention that runs, erasure that holds, a subject access export,
/// and an audit of every command.
@Suite("Personal data")
struct PersonalDataTests {
    var cli = CLITests()

    var store: String { cli.folder.appendingPathComponent("cli.sqlite").path }

    func audit() throws -> [(user: String, action: String, detail: String)] {
        // With posts on PostgreSQL, the audit log is there too.
        if let address = cli.postgres {
            let posts = try PostgresPostStore(address: try PostgresAddress(address))
            defer { posts.close() }
            return try posts.read("SELECT \"user\", action, detail FROM audit ORDER BY id") { ($0.string(0), $0.string(1), $0.string(2)) }
        }
        return try Muster(configPath: Fixture.demoConfigPath, storePath: store).store.database.rows("SELECT user, action, detail FROM audit ORDER BY id") {
            ($0.string(0), $0.string(1), $0.string(2))
        }
    }

    func ingest(_ name: String, _ lines: [String]) throws -> CLITests.Run {
        let file = cli.folder.appendingPathComponent(name)
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return try cli.muster("ingest", "--now", "2026-11-24T09:42:00Z", file.path)
    }

    static let jo = [
        #"{"id": "j1", "source": "x", "author": "@Jo_Bloggs", "text": "Bins on Mill Lane not collected again", "created_at": "2026-11-23T08:00:00Z"}"#,
        #"{"id": "j2", "source": "x", "author": "jo_bloggs", "text": "Still no bin lorry on Mill Lane", "created_at": "2026-11-23T09:00:00Z"}"#,
        #"{"id": "o1", "source": "x", "author": "@sam", "text": "@jo_bloggs same on Ferry Road, bins everywhere", "created_at": "2026-11-23T10:00:00Z"}"#,
    ]

    @Test("retention: posts past retention_days go with their topic and search rows, audit rows by their own period, and the run is audited")
    func retention() throws {
        let muster = try Fixture.demo().copy(configPath: Fixture.demoConfigPath)
        _ = try muster.ingester.ingest(try write([
            #"{"id": "old1", "text": "Bins on Mill Lane not collected", "created_at": "2023-05-01T08:00:00Z"}"#,
        ]))
        try muster.store.audit(AuditEntry(at: Date(timeIntervalSince1970: 1_600_000_000), user: "priya", channel: "console", action: "ask", detail: "bins riverside?"))
        let before = try muster.store.totalPosts()
        let oldest = try #require(try muster.store.database.scalar("SELECT min(created_at) FROM post"))
        #expect(oldest < 1_700_000_000, "a post from 2023 is stored")

        var config = muster.config
        config.retentionDays = 7
        config.auditRetentionDays = 365
        let counts = try Retention(config: config, personalData: muster.store, audit: muster.store, clock: muster.clock).prune(by: "dpo", channel: "cli")
        let cutoff = Int(muster.clock.now.timeIntervalSince1970) - 7 * 86_400
        let after = try muster.store.totalPosts()
        #expect(counts.posts > 0 && counts.posts == before - after)
        #expect(try muster.store.database.scalar("SELECT count(*) FROM post WHERE created_at < \(cutoff)") == 0)
        #expect(try muster.store.database.scalar("SELECT count(*) FROM post_topic WHERE created_at < \(cutoff)") == 0)
        #expect(try Fixture.problems(in: muster.store) == [])
        #expect(try muster.store.database.scalar("SELECT count(*) FROM post_fts WHERE post_fts MATCH 'collected' AND rowid NOT IN (SELECT id FROM post)") == 0)
        #expect(counts.audit == 1, "the 2020 audit row is past its year")
        let runs = try muster.store.database.rows("SELECT user, detail FROM audit WHERE action = 'prune'") { ($0.string(0), $0.string(1)) }
        #expect(runs.count == 1 && runs.first?.0 == "dpo")
        #expect(runs.first?.1.contains("\(counts.posts.grouped) posts") == true)
        // A second run the same day finds nothing more to delete.
        #expect(try Retention(config: config, personalData: muster.store, audit: muster.store, clock: muster.clock).prune(by: "dpo", channel: "cli").posts == 0)
    }

    func write(_ lines: [String]) throws -> String {
        let file = cli.folder.appendingPathComponent("records-\(UUID().uuidString).ndjson")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test("muster prune deletes by the config's retention, and --vacuum reports the store's size")
    func pruneCommand() throws {
        #expect(try ingest("posts.ndjson", Self.jo).status == 0)
        // The demo config keeps posts 365 days: from 2028 these are older than that.
        let run = try cli.muster("prune", "--now", "2028-01-01T00:00:00Z", "--vacuum")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("Deleted 3 posts, "))
        #expect(run.output.contains("MB before"))
        #expect(try audit().map(\.action).suffix(2) == ["prune", "vacuum"])
    }

    @Test("forget-author erases a person's posts everywhere they appear in answers, withholds them from later ingests, and is audited")
    func forget() throws {
        #expect(try ingest("posts.ndjson", Self.jo).status == 0)
        let exported = try cli.muster("export-author", "@jo_bloggs")
        #expect(exported.status == 0, "\(exported.errors)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(exported.output.utf8)) as? [String: Any])
        let posts = try #require(record["posts"] as? [[String: Any]])
        #expect(posts.compactMap { $0["id"] as? String } == ["j1", "j2"], "both handles' spellings are the same person")
        #expect(posts.first?["record"] as? String == Self.jo[0], "the record as it arrived is part of what is held")
        #expect((record["mentions"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["o1"])

        let forgot = try cli.muster("forget-author", "--now", "2026-11-24T09:42:00Z", "@JO_BLOGGS")
        #expect(forgot.status == 0, "\(forgot.errors)")
        #expect(forgot.output.contains("2 posts deleted"))
        let answer = try cli.muster("ask", "--now", "2026-11-24T09:42:00Z", "show posts about bins")
        #expect(!answer.output.contains("jo_bloggs") || answer.output.contains("@jo_bloggs same on Ferry Road"))
        #expect(!answer.output.contains("Still no bin lorry"))

        let again = try ingest("again.ndjson", Self.jo)
        #expect(again.output.contains("0 new, 0 edited, 0 updated, 1 unchanged, 2 withheld (their authors asked to be forgotten)"))
        let after = try #require(try JSONSerialization.jsonObject(with: Data(try cli.muster("export-author", "jo_bloggs").output.utf8)) as? [String: Any])
        #expect((after["posts"] as? [Any])?.isEmpty == true)
        let salted = try Muster(configPath: Fixture.demoConfigPath, storePath: store).store.database.rows("SELECT digest FROM forgotten_author") { $0.string(0) }
        #expect(salted.count == 1 && !salted[0].lowercased().contains("jo"), "only a salted hash of the handle is kept")

        let actions = try audit().map(\.action)
        #expect(actions.contains("export author") && actions.contains("forget author"))
        #expect(try audit().first { $0.action == "forget author" }?.detail.contains("2 posts deleted") == true)
    }

    @Test("with posts on PostgreSQL (MUSTER_STORE=postgres://…), forget-author erases and withholds them there, and export finds them", .enabled(if: ThrowawayDatabase.server != nil))
    func forgetOnPostgres() throws {
        let database = try ThrowawayDatabase("cli")
        defer { database.drop() }
        var onPostgres = self
        onPostgres.cli.postgres = database.address
        try onPostgres.forget()
        // The posts went to PostgreSQL, not to the store file beside it.
        #expect(try Muster(configPath: Fixture.demoConfigPath, storePath: store).store.totalPosts() == 0)
        let posts = try database.open()
        defer { posts.close() }
        #expect(try posts.totalPosts() == 1, "the other person's post stays")
    }

    @Test("muster ask and muster post are audited with who ran them")
    func commandsAudited() throws {
        #expect(try ingest("posts.ndjson", Self.jo).status == 0)
        #expect(try cli.muster("ask", "--now", "2026-11-24T09:42:00Z", "bins riverside?").status == 0)
        let asks = try audit().filter { $0.action == "ask" }
        #expect(asks.map(\.detail) == ["bins riverside?"])
        #expect(asks.first?.user == "\(Muster.operatorName) (cli)")
        #expect(try audit().first?.action == "ingest")
    }
}
