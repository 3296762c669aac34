import Foundation
import MusterCore
@testable import MusterPostgres
import MusterSQL
import Testing

/// Answers read from a streaming replica (`MUSTER_STORE_READ`), beside the throwaway cluster's primary
/// (scripts/with-postgres.sh starts both). Pausing the replica's replay shows which side each read is served by.
@Suite("Answers from a PostgreSQL replica")
struct ReplicaTests {
    static var replicaAddress: String? {
        ProcessInfo.processInfo.environment["MUSTER_TEST_POSTGRES_REPLICA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    @Test("answers come from the replica, a moment behind; writes and staff actions go to the primary; a replica that is down or left behind is passed over")
    func answersFromReplica() throws {
        guard Backend.postgresAddress != nil else { return }
        guard let replicaText = Self.replicaAddress else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("MUSTER_TEST_POSTGRES_REPLICA is not set: make test starts a replica") }
            return
        }
        let (primary, drop) = try Backend.newPostgresDatabase()
        defer { drop() }
        let replica = try PostgresAddress(replicaText).with(database: primary.database)
        let standby = PostgresConnections(address: try PostgresAddress(replicaText))
        defer { standby.close() }
        let now = PostStoreContractTests.now
        let fixture = PostStoreContractTests.fixture
        let all = PostQuery(window: PostStoreContractTests.window(hours: 48))

        // The first posts are written, and seen on the replica itself, before a store reads answers there: beside the
        // whole suite the replica can take a while to replay the new database, and a store that found it missing
        // would pass it over for 10 s and answer from the primary.
        let writer = try PostgresPostStore(address: primary)
        _ = try writer.writePosts { try $0.upsert(Array(fixture.prefix(200)), ingestedAt: now) }
        writer.close()
        let onReplica = PostgresConnections(address: replica)
        defer { onReplica.close() }
        try Self.eventually { try onReplica.with { try onReplica.read("SELECT count(*) FROM post", on: $0) { $0.int(0) } } == [200] }
        // Checked for lag once a minute: not during this test, so the replica answers however far behind it is.
        let store = try PostgresPostStore(address: primary, answersFrom: replica, replicaCheck: 60, replicaConnectTimeout: 10)
        defer { store.close() }
        #expect(try store.aggregate(all).count == 200)

        // Replay paused: what is written now reaches the primary alone, and answers do not see it yet.
        try Self.replay("pause", on: standby)
        defer { try? Self.replay("resume", on: standby) }
        try Self.eventually { try Self.replayState(of: standby) == "paused" }
        let written = try store.writePosts { try $0.upsert(Array(fixture.dropFirst(200)), ingestedAt: now) }
        #expect(written.inserted == fixture.count - 200)
        #expect(try store.totalPosts() == fixture.count, "counting the store is the primary's")
        #expect(try store.aggregate(all).count == 200, "answers are the replica's")
        let topicRows: Int = fixture.prefix(200).map { Set($0.topics).count }.reduce(0, +)
        let counted: Int = try store.topicCounts(all, limit: 10).map(\.count).reduce(0, +)
        #expect(counted == topicRows)
        // Staff actions are writes, and reads that must see them are the primary's: none fails on the read-only
        // replica, and each is seen at once.
        let first = try #require(store.recentPosts(all, limit: 1, offset: 0).first?.id)
        #expect(try store.markHandled(postID: first, by: "ann", at: now))
        try store.setRumour(RumourRecord(key: "claim:school", status: .false, officialLine: "The school is open.", setBy: "ann", setAt: now))
        #expect(try store.rumourRecords().map(\.key) == ["claim:school"])
        try store.audit(AuditEntry(at: now, user: "ann", channel: "test", action: "mark-handled", detail: "\(first)"))
        #expect(try store.posts(ids: [first]).first?.handled?.by == "ann")

        // Checked often, a replica left behind is noticed and passed over: answers come from the primary.
        let checked = try PostgresPostStore(address: primary, answersFrom: replica, replicaCheck: 0.2, replicaConnectTimeout: 10)
        defer { checked.close() }
        #expect(try checked.aggregate(all).count == 200, "the first check only notes where the primary is")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try checked.aggregate(all).count == fixture.count, "the replica has not replayed what the primary wrote 0.2 s ago")

        // Replay resumed: the replica catches up and answers show everything.
        try Self.replay("resume", on: standby)
        try Self.eventually { try store.aggregate(all).count == fixture.count }

        // A replica that cannot be reached is passed over: answers come from the primary.
        var nowhere = replica
        nowhere.port = 1
        let down = try PostgresPostStore(address: primary, answersFrom: nowhere)
        defer { down.close() }
        #expect(try down.aggregate(all).count == fixture.count)
        // …and not tried again on every answer while it stays passed over, which still answers as the store does.
        #expect(down.replica?.connections.recentlyUnreachable == true)
        #expect(try down.topicCounts(all, limit: 10).map(\.count) == store.topicCounts(all, limit: 10).map(\.count))
    }

    private static func replay(_ action: String, on standby: PostgresConnections) throws {
        try standby.with { try standby.execute("SELECT pg_wal_replay_\(action)()", on: $0) }
    }

    private static func replayState(of standby: PostgresConnections) throws -> String {
        try standby.with { try standby.rows("SELECT pg_get_wal_replay_pause_state()", on: $0).rows.first.map { PostgresColumns($0).string(0) } ?? "" }
    }

    /// Waits up to ten seconds for `condition`, as a replica catching up takes a moment (until it has replayed
    /// the store's tables, reading them fails).
    private static func eventually(_ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(10)
        while true {
            let failure: (any Error)?
            do {
                if try condition() { return }
                failure = nil
            } catch {
                failure = error
            }
            guard Date() < deadline else {
                Issue.record("still not so after 10 s\(failure.map { ": \($0)" } ?? "")")
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}
