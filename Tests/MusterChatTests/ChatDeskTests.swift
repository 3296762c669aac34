import Foundation
import Logging
import MusterApp
import MusterBot
import MusterChat
import MusterCore
import MusterStore
import MusterTesting
import Synchronization
import Testing

/// The desk every platform's messages pass through: repeats dropped, access checked, questions audited, answers given
/// in time or queued for later.
@Suite("Chat desk")
struct ChatDeskTests {
    let muster: Muster
    let outbox: any Outbox
    let desk: ChatDesk
    let wakes = Wakes()

    init() throws {
        muster = try Fixture.demo().copy(configPath: Fixture.demoConfigPath)
        outbox = muster.outbox
        desk = Self.desk(for: muster, wakes: wakes)
    }

    /// A desk on `muster`'s store, as a (re)started server makes one.
    static func desk(for muster: Muster, store: (any PostStore)? = nil, wakes: Wakes = Wakes()) -> ChatDesk {
        ChatDesk(
            bot: muster.bot, store: store ?? muster.store, outbox: muster.outbox, ledger: muster.deliveryLedger, directory: muster.conversations,
            couriers: ChatCouriers(secrets: ChatSecrets(environment: ["MUSTER_SLACK_WEBHOOK_URL": "https://hooks.slack.invalid/T0/B0/x"])), policy: AccessPolicy(access: muster.config.chat), clock: muster.clock,
            logger: Logger(label: "muster.test") { _ in SwiftLogNoOpLogHandler() }, outboxChanged: { wakes.count.withLock { $0 += 1 } }
        )
    }

    static let question = "what are people saying about bins in Ward 4?"
    static let title = "Bins and waste in Ward 4 (Riverside) · the last 7 days"

    func message(channel: String = "C0NBCOMMS", text: String = question, delivery: String? = UUID().uuidString) -> ChatMessage {
        ChatMessage(
            platform: .slack, workspace: "T0NBCOMMS", channel: channel, userID: "U0NBLEAD1", userName: "priya", text: text,
            conversation: "slack:T0NBCOMMS:\(channel):\(UUID().uuidString)", deliveryID: delivery
        )
    }

    /// Where the test messages come from: a thread in the comms channel.
    let place = ConversationReference(
        key: "slack:T0NBCOMMS:C0NBCOMMS:1716.0001", platform: .slack, workspace: "T0NBCOMMS", channel: "C0NBCOMMS", thread: "1716.0001",
        userID: "U0NBLEAD1", userName: "priya", seenAt: Date(timeIntervalSince1970: 1_800_000_000)
    )

    func audit() throws -> [(user: String, channel: String, action: String, detail: String)] {
        try muster.store.database.rows("SELECT user, channel, action, detail FROM audit ORDER BY id") { ($0.string(0), $0.string(1), $0.string(2), $0.string(3)) }
    }

    @Test("an allowed question answered in time comes back as the answer, and is audited as an ask")
    func answered() async throws {
        let outcome = await desk.handle(message(), from: place, within: .seconds(10))
        guard case .answered(let reply) = outcome else {
            Issue.record("expected an answer, got \(outcome)")
            return
        }
        #expect(reply.title == Self.title)
        let asks = try audit().filter { $0.action == "ask" }
        #expect(asks.count == 1)
        #expect(asks.first?.user == "Priya Shah (U0NBLEAD1)")
        #expect(asks.first?.channel == "slack:C0NBCOMMS")
        #expect(asks.first?.detail == Self.question)
    }

    @Test("where an allowed question came from is kept in the store, so later messages can go back there; a refused one's is not")
    func placeRecorded() async throws {
        _ = await desk.handle(message(), from: place, within: .seconds(10))
        var stranger = place
        stranger.key = "slack:T0NBCOMMS:C0OTHER:1716.0002"
        stranger.channel = "C0OTHER"
        _ = await desk.handle(message(channel: "C0OTHER"), from: stranger, within: .seconds(10))
        let reopened = try Muster(configPath: Fixture.demoConfigPath, storePath: muster.store.database.path, clock: muster.clock)
        #expect(try reopened.conversations.reference(for: place.key) == place)
        #expect(try reopened.conversations.reference(for: stranger.key) == nil)
    }

    @Test("a delivery seen before is dropped, neither answered nor audited twice")
    func repeated() async throws {
        let first = message(delivery: "Ev0PV52K21")
        guard case .answered = await desk.handle(first, from: place, within: .seconds(10)) else {
            Issue.record("the first delivery should be answered")
            return
        }
        guard case .repeated = await desk.handle(first, from: place, within: .seconds(10)) else {
            Issue.record("the same delivery again should be dropped")
            return
        }
        #expect(try audit().filter { $0.action == "ask" }.count == 1)
    }

    @Test("a platform's retry after a restart is still recognised: the ledger of deliveries is in the store")
    func repeatedAcrossRestart() async throws {
        let first = message(delivery: "Ev0RESTART1")
        guard case .answered = await desk.handle(first, from: place, within: .seconds(10)) else {
            Issue.record("the first delivery should be answered")
            return
        }
        let reopened = try Muster(configPath: Fixture.demoConfigPath, storePath: muster.store.database.path, clock: muster.clock)
        guard case .repeated = await Self.desk(for: reopened).handle(first, from: place, within: .seconds(10)) else {
            Issue.record("the retry reaching a restarted server should be dropped")
            return
        }
        #expect(try audit().filter { $0.action == "ask" }.count == 1)
    }

    @Test("a question whose audit row cannot be written is not answered, and the asker is told why")
    func unauditedIsRefused() async throws {
        let desk = Self.desk(for: muster, store: UnwritableAudit(store: muster.store))
        guard case .refused(let reason) = await desk.handle(message(), from: place, within: .seconds(10)) else {
            Issue.record("a question that cannot be audited must not be answered")
            return
        }
        #expect(reason.contains("could not record this message in its audit log"))
    }

    @Test("a question from a channel not on the list is refused with the reason, and the refusal is audited")
    func refused() async throws {
        let outcome = await desk.handle(message(channel: "C0OTHER"), from: place, within: .seconds(10))
        guard case .refused(let reason) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(reason.contains("C0OTHER"))
        let rows = try audit()
        #expect(rows.map(\.action) == ["refused"])
        #expect(rows.first?.channel == "slack:C0OTHER")
        #expect(rows.first?.detail.contains("Asked: \(Self.question)") == true)
    }

    @Test("a refusal with no response to carry it (a Slack event) is posted to the asker by the app, never by a webhook bound elsewhere")
    func refusalPostedByApp() async throws {
        let appDesk = ChatDesk(
            bot: muster.bot, store: muster.store, outbox: muster.outbox, ledger: muster.deliveryLedger, directory: muster.conversations,
            couriers: ChatCouriers(secrets: ChatSecrets(environment: ["MUSTER_SLACK_BOT_TOKEN": "xoxb-test"])), policy: AccessPolicy(access: muster.config.chat),
            clock: muster.clock, logger: Logger(label: "muster.test") { _ in SwiftLogNoOpLogHandler() }
        )
        var elsewhere = place
        elsewhere.channel = "C0OTHER"
        guard case .refused(let reason) = await appDesk.handle(message(channel: "C0OTHER"), from: elsewhere, within: .zero) else {
            Issue.record("a question from a channel not on the list must be refused")
            return
        }
        let queued = try outbox.messages(status: .pending)
        #expect(queued.count == 1 && queued.first?.route == .slackAPI && queued.first?.body.contains(#""channel":"C0OTHER""#) == true)
        #expect(queued.first?.body.contains(String(reason.prefix(30))) == true)
        guard case .refused = await desk.handle(message(channel: "C0OTHER"), from: elsewhere, within: .zero) else { return }
        #expect(try outbox.messages(status: .pending).count == 1, "the webhook-only desk stays silent rather than post to the webhook's channel")
    }

    @Test("with no time to answer, the desk defers and the answer is queued in the outbox when ready")
    func deferred() async throws {
        let outcome = await desk.handle(message(), from: place, within: .zero)
        guard case .deferred = outcome else {
            Issue.record("expected the answer to be deferred, got \(outcome)")
            return
        }
        let deadline = ContinuousClock.now + .seconds(10)
        var queued: [OutboxMessage] = []
        while queued.isEmpty || wakes.count.withLock({ $0 }) == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            queued = try outbox.messages(status: .pending)
        }
        #expect(queued.count == 1 && queued.first?.body.contains(Self.title) == true)
        #expect(queued.first?.destination == "env:MUSTER_SLACK_WEBHOOK_URL", "without the app's token, Slack's courier uses the webhook")
        #expect(queued.first?.body.contains(#""thread_ts":"1716.0001""#) == true, "in the asker's thread")
        #expect(wakes.count.withLock { $0 } == 1, "the delivery worker is woken for the queued answer")
    }
}

/// A store whose audit log cannot be written, as when another process holds the write lock past the timeout.
struct UnwritableAudit: PostStore {
    let store: SQLitePostStore

    func audit(_ entry: AuditEntry) throws {
        throw MusterError("database is locked")
    }

    func aggregate(_ query: PostQuery) throws -> PostAggregate { try store.aggregate(query) }
    func topPosts(_ query: PostQuery, limit: Int) throws -> [Post] { try store.topPosts(query, limit: limit) }
    func recentPosts(_ query: PostQuery, limit: Int, offset: Int) throws -> [Post] { try store.recentPosts(query, limit: limit, offset: offset) }
    func posts(ids: [Int64]) throws -> [Post] { try store.posts(ids: ids) }
    func volume(_ query: PostQuery, buckets: Int) throws -> [Int] { try store.volume(query, buckets: buckets) }
    func aggregateWithVolume(_ query: PostQuery, buckets: Int) throws -> (aggregate: PostAggregate, volume: [Int]) {
        try store.aggregateWithVolume(query, buckets: buckets)
    }
    func topicCounts(_ query: PostQuery, limit: Int) throws -> [TopicCount] { try store.topicCounts(query, limit: limit) }
    func outletCounts(_ query: PostQuery, limit: Int) throws -> [(outlet: String, count: Int)] { try store.outletCounts(query, limit: limit) }
    func areaCounts(_ query: PostQuery, limit: Int) throws -> [(area: String, count: Int)] { try store.areaCounts(query, limit: limit) }
    func kindCounts(_ query: PostQuery) throws -> (total: Int, byKind: [PostKinds: Int]) { try store.kindCounts(query) }
    func rumourRecords() throws -> [RumourRecord] { try store.rumourRecords() }
    func setRumour(_ record: RumourRecord) throws { try store.setRumour(record) }
    func markHandled(postID: Int64, by user: String, at time: Date) throws -> Bool { try store.markHandled(postID: postID, by: user, at: time) }
    func latestPostTime(atOrBefore time: Date?) throws -> Date? { try store.latestPostTime(atOrBefore: time) }
}

/// How many times the desk woke the delivery worker.
final class Wakes: Sendable {
    let count = Mutex(0)
}
