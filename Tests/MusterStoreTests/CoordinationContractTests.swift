import Dispatch
import Foundation
import MusterCore
import MusterSQL
import Synchronization
import Testing

/// What two instances of Muster sharing one store rely on, on every backend: the outbox, the delivery ledger, the
/// conversation places, watches, incidents, the schedule and leases. Each claim is raced from threads on two stores opened
/// on one database, as two `muster serve` processes would race it, and must be won exactly once.
@Suite("Shared coordination contract")
struct CoordinationContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func message(_ label: String, at time: Date = now) -> OutboxMessage {
        OutboxMessage(platform: .slack, destination: "env:MUSTER_SLACK_WEBHOOK_URL", place: "slack:T1:C1", label: label, body: #"{"text":"\#(label)"}"#, at: time)
    }

    /// Runs `body` on `count` threads at once and returns each result in order of index; the first error is thrown.
    static func inParallel<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let results = Mutex<[Int: Result<T, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = Result { try body(index) }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { results in try (0..<count).map { try results[$0]!.get() } }
    }

    @Test("the outbox keeps a message through its life: due oldest first, rescheduled, failed with its error, retried, delivered", arguments: Backend.available)
    func outboxLifecycle(backend: Backend) throws {
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        let outbox = store.outbox
        let newer = try outbox.enqueue(Self.message("newer", at: Self.now))
        let older = try outbox.enqueue(Self.message("older", at: Self.now.addingTimeInterval(-60)))
        #expect(try outbox.due(at: Self.now).map(\.id) == [older, newer])
        #expect(try outbox.nextDue() == Self.now.addingTimeInterval(-60))
        let stored = try #require(try outbox.messages().first { $0.id == older })
        #expect(stored.label == "older" && stored.place == "slack:T1:C1" && stored.body == #"{"text":"older"}"# && stored.status == .pending)

        try outbox.reschedule(older, attempts: 1, next: Self.now.addingTimeInterval(90), error: "HTTP 503: busy")
        #expect(try outbox.due(at: Self.now).map(\.id) == [newer])
        try outbox.markFailed(newer, attempts: 10, error: "HTTP 404: no_service")
        #expect(try outbox.messages(status: .failed).map(\.lastError) == ["HTTP 404: no_service"])
        #expect(try outbox.counts() == [.pending: 1, .failed: 1])
        #expect(try outbox.retry(newer, at: Self.now))
        #expect(try !outbox.retry(newer, at: Self.now), "only a failed message can be retried")
        try outbox.markDelivered(newer, attempts: 11, at: Self.now)
        let delivered = try #require(try outbox.messages(status: .delivered).first)
        #expect(delivered.id == newer && delivered.deliveredAt == Self.now && delivered.lastError == nil)
        #expect(try outbox.counts() == [.pending: 1, .delivered: 1])
    }

    @Test("senders on two instances claiming at once never share a message, and between them claim every one", arguments: Backend.available)
    func claimsNeverShared(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let total = 120
        for index in 0..<total { try stores[0].outbox.enqueue(Self.message("m\(index)")) }

        let claims = try Self.inParallel(8) { sender in
            var mine: [Int64] = []
            while true {
                let batch = try stores[sender % 2].outbox.claimDue(at: Self.now, owner: "sender-\(sender)", lease: 60, limit: 4)
                if batch.isEmpty { return mine }
                mine += batch.map(\.id)
            }
        }
        let all = claims.flatMap { $0 }
        #expect(all.count == total, "\(all.count - Set(all).count) messages were claimed twice")
        #expect(Set(all).count == total)
        #expect(try stores[1].outbox.claimDue(at: Self.now.addingTimeInterval(59), owner: "late", lease: 60, limit: 10).isEmpty, "claims still held")
    }

    @Test("a claim held by a sender that died runs out, and the other instance then claims the message", arguments: Backend.available)
    func claimRunsOut(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let id = try stores[0].outbox.enqueue(Self.message("answer"))
        #expect(try stores[0].outbox.claimDue(at: Self.now, owner: "dead", lease: 30, limit: 5).map(\.id) == [id])
        #expect(try stores[1].outbox.claimDue(at: Self.now.addingTimeInterval(29), owner: "alive", lease: 30, limit: 5).isEmpty)
        #expect(try stores[1].outbox.claimDue(at: Self.now.addingTimeInterval(31), owner: "alive", lease: 30, limit: 5).map(\.id) == [id])
        try stores[1].outbox.markDelivered(id, attempts: 1, at: Self.now.addingTimeInterval(32))
        #expect(try stores[0].outbox.claimDue(at: Self.now.addingTimeInterval(120), owner: "dead", lease: 30, limit: 5).isEmpty, "a delivered message is never claimed again")
    }

    @Test("a transaction that fails leaves nothing behind: its queued message is not in the outbox", arguments: Backend.available)
    func failedTransactionRollsBack(backend: Backend) throws {
        struct Refused: Error {}
        let (store, remove) = try backend.emptyStore()
        defer { remove() }
        #expect(throws: Refused.self) {
            try store.transaction { transaction in
                try SQLOutbox(transaction).enqueue(Self.message("half-written"))
                throw Refused()
            }
        }
        #expect(try store.outbox.messages().isEmpty)
        #expect(try store.outbox.enqueue(Self.message("whole")) > 0, "the store still writes after a rolled-back transaction")
    }

    @Test("a chat delivery retried to both instances at once is answered by exactly one; after a day its id may be reused", arguments: Backend.available)
    func deliverySeenOnce(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let keys = (0..<30).map { "slack:event:Ev\($0)" }
        let firsts = try Self.inParallel(6) { index in
            try keys.filter { try stores[index % 2].deliveryLedger.firstSighting(of: $0, at: Self.now) }
        }
        #expect(firsts.flatMap { $0 }.sorted() == keys.sorted(), "each delivery is first seen exactly once")
        #expect(try !stores[0].deliveryLedger.firstSighting(of: keys[0], at: Self.now.addingTimeInterval(3_600)))
        #expect(try stores[1].deliveryLedger.firstSighting(of: keys[0], at: Self.now.addingTimeInterval(SQLDeliveryLedger.lifetime + 60)))
    }

    @Test("a conversation heard by one instance can be posted to by the other; seeing it again updates it", arguments: Backend.available)
    func conversationPlaces(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let slack = ConversationReference(
            key: "slack:T1:C1", platform: .slack, workspace: "T1", channel: "C1", channelName: "comms", thread: "1700.1", botID: "B1",
            userID: "U1", userName: "priya", replyURL: "https://hooks.slack.com/secret", seenAt: Self.now
        )
        let teams = ConversationReference(
            key: "teams:19:abc", platform: .teams, workspace: "tenant", channel: "19:abc", conversationID: "19:abc;messageid=1",
            serviceURL: "https://smba.trafficmanager.net/uk/", botID: "28:bot", botName: "Muster", seenAt: Self.now.addingTimeInterval(60)
        )
        try stores[0].conversations.record(slack)
        try stores[0].conversations.record(teams)
        var expected = slack
        expected.replyURL = nil
        #expect(try stores[1].conversations.reference(for: slack.key) == expected, "everything but the short-lived reply URL is kept")
        #expect(try stores[1].conversations.references(on: nil, limit: 10).map(\.key) == [teams.key, slack.key], "most recently seen first")
        #expect(try stores[1].conversations.references(on: .slack, limit: 10).map(\.key) == [slack.key])

        var moved = slack
        moved.thread = nil
        moved.seenAt = Self.now.addingTimeInterval(120)
        try stores[1].conversations.record(moved)
        #expect(try stores[0].conversations.reference(for: slack.key)?.thread == nil)
        #expect(try stores[0].conversations.references(on: nil, limit: 1).map(\.key) == [slack.key])
        #expect(try stores[0].conversations.reference(for: "slack:T1:C9") == nil)
    }

    @Test("watches are kept per conversation; an alert raced by two instances is sent once, and again only after the quiet period", arguments: Backend.available)
    func watchAlertsOnce(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let watch = Watch(
            kind: .spike, topics: ["bins"], areas: ["Riverside"], authorKinds: [.public], label: "bins in Riverside", conversation: "slack:T1:C1",
            setBy: "priya", sensitivity: .high, createdAt: Self.now
        )
        let id = try stores[0].watches.add(watch)
        let other = try stores[1].watches.add(Watch(kind: .rumours, text: "fire", label: "fire rumours", conversation: "slack:T1:C2", setBy: "sam", createdAt: Self.now))
        var expected = watch
        expected.id = id
        #expect(try stores[1].watches.watches(in: "slack:T1:C1") == [expected])
        #expect(try stores[1].watches.watches(in: nil).map(\.id) == [id, other])

        let alerted = try Self.inParallel(8) { index in
            try stores[index % 2].watches.recordAlert(for: id, at: Self.now, unlessSince: Self.now.addingTimeInterval(-3_600), message: Self.message("alert \(index)"))
        }
        #expect(alerted.filter { $0 }.count == 1)
        #expect(try stores[0].outbox.messages().count == 1, "only the winner's alert is queued")
        #expect(try stores[0].watches.watches(in: "slack:T1:C1").first?.lastAlertAt == Self.now)
        let soon = Self.now.addingTimeInterval(600)
        #expect(try !stores[1].watches.recordAlert(for: id, at: soon, unlessSince: soon.addingTimeInterval(-3_600), message: Self.message("too soon")))
        let later = Self.now.addingTimeInterval(7_200)
        #expect(try stores[1].watches.recordAlert(for: id, at: later, unlessSince: later.addingTimeInterval(-3_600), message: Self.message("later")))
        #expect(try stores[0].outbox.messages().map(\.label) == ["later", alerted.firstIndex(of: true).map { "alert \($0)" } ?? ""])

        #expect(try stores[0].watches.remove(id))
        #expect(try !stores[1].watches.remove(id), "already removed")
        #expect(try !stores[1].watches.recordAlert(for: id, at: later, unlessSince: nil, message: Self.message("gone")), "a removed watch alerts no one")
    }

    @Test("each rumour is alerted once per watch, whichever instance sees it first", arguments: Backend.available)
    func rumourAlertsOnce(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let id = try stores[0].watches.add(Watch(kind: .rumours, text: "fire", label: "fire rumours", conversation: "slack:T1:C1", setBy: "sam", createdAt: Self.now))
        let fresh = try Self.inParallel(6) { index in
            try stores[index % 2].watches.recordRumourAlert("school closed", watch: id, at: Self.now, message: Self.message("rumour \(index)"))
        }
        #expect(fresh.filter { $0 }.count == 1)
        #expect(try stores[1].watches.alerted(rumour: "school closed", watch: id))
        #expect(try !stores[1].watches.alerted(rumour: "roads shut", watch: id))
        #expect(try stores[1].watches.recordRumourAlert("roads shut", watch: id, at: Self.now, message: nil))
        #expect(try stores[0].outbox.messages().count == 1, "an alert recorded without a message queues none")
    }

    @Test("an incident's sitrep raced by two instances is sent once; after an outage the next is an interval from now; closing stops them", arguments: Backend.available)
    func sitrepsOnce(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let opened = Incident(name: "Riverside fire", terms: ["fire", "smoke"], conversation: "slack:T1:C1", startedBy: "priya", startedAt: Self.now, interval: 1_800)
        let id = try stores[0].incidents.open(opened)
        let watch = try stores[0].watches.add(Watch(kind: .rumours, text: "fire", label: "fire", conversation: "slack:T1:C1", setBy: "priya", createdAt: Self.now, incidentID: id))
        let incident = try #require(try stores[1].incidents.openIncidents(in: "slack:T1:C1").first)
        #expect(incident.id == id && incident.terms == ["fire", "smoke"] && incident.nextSitrepAt == Self.now.addingTimeInterval(1_800))

        let due = Self.now.addingTimeInterval(1_800)
        let sent = try Self.inParallel(8) { index in
            try stores[index % 2].incidents.recordSitrep(of: incident, at: due, message: Self.message("sitrep \(index)"))
        }
        #expect(sent.filter { $0 }.count == 1)
        #expect(try stores[0].outbox.messages().count == 1)
        let second = try #require(try stores[0].incidents.openIncidents(in: nil).first)
        #expect(second.sitreps == 1 && second.nextSitrepAt == Self.now.addingTimeInterval(3_600))

        let afterOutage = Self.now.addingTimeInterval(5 * 3_600)
        #expect(try stores[1].incidents.recordSitrep(of: second, at: afterOutage, message: nil))
        #expect(try stores[0].incidents.openIncidents(in: nil).first?.nextSitrepAt == afterOutage.addingTimeInterval(1_800), "one sitrep after an outage, not a burst")

        #expect(try stores[1].incidents.close(in: "slack:T1:C2", named: nil, at: afterOutage) == nil, "no incident is open there")
        let closed = try #require(try stores[1].incidents.close(in: "slack:T1:C1", named: "riverside FIRE", at: afterOutage))
        #expect(closed.id == id && closed.closedAt == afterOutage)
        #expect(try stores[0].incidents.openIncidents(in: nil).isEmpty)
        var current = second
        current.nextSitrepAt = afterOutage.addingTimeInterval(1_800)
        #expect(try !stores[0].incidents.recordSitrep(of: current, at: afterOutage.addingTimeInterval(1_800), message: Self.message("after close")))
        #expect(try stores[0].watches.removeWatches(ofIncident: id) == 1)
        #expect(try stores[0].watches.watches(in: nil).map(\.id).contains(watch) == false)
    }

    @Test("a scheduled post (the morning digest) raced by two instances is claimed and queued once", arguments: Backend.available)
    func scheduleOnce(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let name = "digest:slack:T1:C1:2026-12-04"
        #expect(try !stores[0].schedule.claimed(name))
        let won = try Self.inParallel(8) { index in
            try stores[index % 2].schedule.claim(name, at: Self.now, message: Self.message("digest \(index)"))
        }
        #expect(won.filter { $0 }.count == 1)
        #expect(try stores[1].schedule.claimed(name))
        #expect(try stores[1].outbox.messages().count == 1)
        #expect(try stores[1].schedule.claim("digest:slack:T1:C1:2026-12-05", at: Self.now.addingTimeInterval(86_400), message: nil), "the next day is a new run")
    }

    @Test("a lease raced by two instances is held by one, renewed only by it, taken over once it runs out, and free at once when given up", arguments: Backend.available)
    func leaseHeldByOne(backend: Backend) throws {
        let (stores, remove) = try backend.emptyStores(2)
        defer { remove() }
        let until = Self.now.addingTimeInterval(30)
        let held = try Self.inParallel(8) { index in
            try stores[index % 2].leases.hold("scheduler", for: "instance \(index)", at: Self.now, until: until)
        }
        #expect(held.filter { $0 }.count == 1, "one of eight holds it")
        let leader = "instance \(try #require(held.firstIndex(of: true)))"
        let other = leader == "instance 0" ? "instance 1" : "instance 0"
        let later = Self.now.addingTimeInterval(20)
        #expect(try stores[1].leases.hold("scheduler", for: leader, at: later, until: later.addingTimeInterval(30)), "its holder renews it")
        #expect(try !stores[0].leases.hold("scheduler", for: other, at: Self.now.addingTimeInterval(45), until: Self.now.addingTimeInterval(75)), "renewed, it has not run out at 45 s")
        #expect(try stores[0].leases.hold("source feed", for: other, at: Self.now, until: until), "another lease is another name")
        let lapsed = Self.now.addingTimeInterval(51)
        #expect(try stores[0].leases.hold("scheduler", for: other, at: lapsed, until: lapsed.addingTimeInterval(30)), "once it has run out another takes it")
        #expect(try !stores[1].leases.hold("scheduler", for: leader, at: lapsed, until: lapsed.addingTimeInterval(30)), "and the old holder no longer has it")
        #expect(try stores[1].leases.holder(of: "scheduler") == other, "who holds it is there for every instance to read")
        try stores[1].leases.release("scheduler", by: leader)
        #expect(try !stores[1].leases.hold("scheduler", for: leader, at: lapsed, until: lapsed.addingTimeInterval(30)), "giving up what another holds changes nothing")
        try stores[0].leases.release("scheduler", by: other)
        #expect(try stores[0].leases.holder(of: "scheduler") == nil)
        #expect(try stores[1].leases.hold("scheduler", for: leader, at: lapsed, until: lapsed.addingTimeInterval(30)), "given up, it is free at once")
    }
}
