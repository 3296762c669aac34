import Foundation
import Logging
import MusterApp
import MusterBot
import MusterChat
import MusterStore
import MusterTesting
import Synchronization
import Testing

/// The desk every platform's messages pass through: repeats dropped, access checked, questions audited, answers given
/// in time or queued for later.
@Suite("Chat desk")
struct ChatDeskTests {
    let muster: Muster
    let outbox: SQLiteOutbox
    let desk: ChatDesk
    let wakes = Wakes()

    init() throws {
        muster = try Fixture.demo().copy(configPath: Fixture.demoConfigPath)
        outbox = SQLiteOutbox(store: muster.store)
        let wakes = self.wakes
        desk = ChatDesk(
            bot: muster.bot, store: muster.store, outbox: outbox, policy: AccessPolicy(access: muster.config.chat), clock: muster.clock,
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

    func audit() throws -> [(user: String, channel: String, action: String, detail: String)] {
        try muster.store.database.rows("SELECT user, channel, action, detail FROM audit ORDER BY id") { ($0.string(0), $0.string(1), $0.string(2), $0.string(3)) }
    }

    @Test("an allowed question answered in time comes back as the answer, and is audited as an ask")
    func answered() async throws {
        let outcome = await desk.handle(message(), within: .seconds(10)) { _ in nil }
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

    @Test("a delivery seen before is dropped, neither answered nor audited twice")
    func repeated() async throws {
        let first = message(delivery: "Ev0PV52K21")
        guard case .answered = await desk.handle(first, within: .seconds(10), lateDelivery: { _ in nil }) else {
            Issue.record("the first delivery should be answered")
            return
        }
        guard case .repeated = await desk.handle(first, within: .seconds(10), lateDelivery: { _ in nil }) else {
            Issue.record("the same delivery again should be dropped")
            return
        }
        #expect(try audit().filter { $0.action == "ask" }.count == 1)
    }

    @Test("a question from a channel not on the list is refused with the reason, and the refusal is audited")
    func refused() async throws {
        let outcome = await desk.handle(message(channel: "C0OTHER"), within: .seconds(10)) { _ in nil }
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

    @Test("with no time to answer, the desk defers and the answer is queued in the outbox when ready")
    func deferred() async throws {
        let now = muster.clock.now
        let outcome = await desk.handle(message(), within: .zero) { reply in
            OutboxMessage(platform: "slack", destination: "env:MUSTER_SLACK_WEBHOOK_URL", label: "answer to priya", body: reply.title, at: now)
        }
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
        #expect(queued.map(\.body) == [Self.title])
        #expect(queued.first?.destination == "env:MUSTER_SLACK_WEBHOOK_URL")
        #expect(wakes.count.withLock { $0 } == 1, "the delivery worker is woken for the queued answer")
    }
}

/// How many times the desk woke the delivery worker.
final class Wakes: Sendable {
    let count = Mutex(0)
}
