import Dispatch
import Foundation
import Logging
import Metrics
import MusterBot
import MusterCore
import Synchronization

/// Where every verified chat message goes, whichever platform sent it: repeats are dropped, access is checked, the
/// question is audited, where it came from is recorded, and the bot answers within the platform's deadline, or later
/// through the outbox by the platform's courier.
public final class ChatDesk: Sendable {
    /// What became of a message.
    public enum Outcome: Sendable {
        /// Answered in time: the platform's response carries the reply.
        case answered(Reply)
        /// Still being answered: acknowledge now; the reply goes to the outbox when ready.
        case deferred
        /// Not answered, and why, in words for the person who asked.
        case refused(String)
        /// A delivery already seen; nothing to do.
        case repeated
    }

    private let bot: Bot
    private let store: any PostStore
    private let outbox: any Outbox
    private let ledger: any DeliveryLedger
    private let directory: any ConversationDirectory
    private let couriers: ChatCouriers
    private let policy: AccessPolicy
    private let clock: any Clock
    private let logger: Logger
    private let outboxChanged: @Sendable () -> Void

    /// Creates a desk.
    ///
    /// - Parameters:
    ///   - ledger: the deliveries already seen, shared by every instance on the store.
    ///   - directory: where conversations were heard from, for later messages.
    ///   - couriers: how a late answer reaches each platform.
    ///   - outboxChanged: called after a late reply is queued, to wake the delivery worker.
    public init(
        bot: Bot, store: any PostStore, outbox: any Outbox, ledger: any DeliveryLedger, directory: any ConversationDirectory, couriers: ChatCouriers,
        policy: AccessPolicy, clock: any Clock, logger: Logger, outboxChanged: @escaping @Sendable () -> Void = {}
    ) {
        self.bot = bot
        self.store = store
        self.outbox = outbox
        self.ledger = ledger
        self.directory = directory
        self.couriers = couriers
        self.policy = policy
        self.clock = clock
        self.logger = logger
        self.outboxChanged = outboxChanged
    }

    /// What one entry point says in its HTTP response for each outcome.
    public struct Answers: Sendable {
        /// The response carrying an answer ready in time.
        public var answered: @Sendable (Reply) -> ChatResponse
        /// The response when the answer will follow through the outbox.
        public var deferred: ChatResponse
        /// The response that tells the asker why they were not answered.
        public var refused: @Sendable (String) -> ChatResponse
        /// The response to a delivery already seen.
        public var repeated: ChatResponse

        /// Creates the responses.
        public init(answered: @escaping @Sendable (Reply) -> ChatResponse, deferred: ChatResponse, refused: @escaping @Sendable (String) -> ChatResponse, repeated: ChatResponse) {
            self.answered = answered
            self.deferred = deferred
            self.refused = refused
            self.repeated = repeated
        }

        /// For entry points that always answer through the outbox: every outcome is the same empty acknowledgement.
        public static let acknowledgeOnly = Answers(answered: { _ in .acknowledged }, deferred: .acknowledged, refused: { _ in .acknowledged }, repeated: .acknowledged)
    }

    /// Handles one message and says what the platform's request is answered with.
    public func respond(to message: ChatMessage, from place: ConversationReference, within budget: Duration, answers: Answers) async -> ChatResponse {
        switch await handle(message, from: place, within: budget) {
        case .answered(let reply): answers.answered(reply)
        case .deferred: answers.deferred
        case .refused(let reason): answers.refused(reason)
        case .repeated: answers.repeated
        }
    }

    /// Handles one message.
    ///
    /// - Parameters:
    ///   - place: where it came from: recorded for later messages, and where an answer finished after the budget goes.
    ///   - budget: how long the platform's request may wait for the answer; `.zero` answers only through the outbox.
    public func handle(_ message: ChatMessage, from place: ConversationReference, within budget: Duration) async -> Outcome {
        let now = clock.now
        do {
            if let id = message.deliveryID, try !ledger.firstSighting(of: "\(message.platform.rawValue):\(message.workspace):\(id)", at: now) {
                count(message, "repeated")
                return .repeated
            }
        } catch {
            return unrecorded("could not check the delivery ledger", error, message)
        }
        let speaker: Speaker
        switch policy.speaker(for: message) {
        case .failure(let refusal):
            let entry = AuditEntry(at: now, user: "\(message.userName) (\(message.userID))", channel: message.place, action: "refused", detail: "\(refusal.reason) Asked: \(message.text.prefix(300))")
            do { try store.audit(entry) } catch { return unrecorded("could not write the audit log", error, message) }
            logger.notice("refused a chat message", metadata: ["platform": "\(message.platform.rawValue)", "workspace": "\(message.workspace)", "channel": "\(message.channel)", "user": "\(message.userID)"])
            count(message, "refused")
            // Where the platform's request cannot carry words (an event, a bot activity), an app tells the asker in the
            // conversation instead of leaving them with nothing; a webhook bound to another channel is not used.
            if budget <= .zero, let envelope = couriers.envelope(for: Reply(title: refusal.reason), to: place, at: now), envelope.route != .webhook {
                queue(envelope, for: message)
            }
            return .refused(refusal.reason)
        case .success(let allowed):
            speaker = allowed
        }
        record(place, for: message)
        // A question is never answered unaudited: when the audit cannot be written, the asker is told.
        do {
            try store.audit(AuditEntry(at: now, user: "\(speaker.name) (\(message.userID))", channel: message.place, action: "ask", detail: String(message.text.prefix(500))))
        } catch {
            return unrecorded("could not write the audit log", error, message)
        }

        let race = Race()
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            race.start(continuation)
            // With no budget the request is settled before the bot starts, so even an instant answer goes to the outbox.
            if budget <= .zero { race.finish(with: .deferred) }
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                let started = ContinuousClock.now
                let reply = bot.respond(to: message.text, in: message.conversation, from: speaker)
                Timer(label: "muster_answer_seconds", dimensions: [("platform", message.platform.rawValue)]).recordInterval(since: started)
                if !race.finish(with: .answered(reply)) { deliverLate(reply, for: message, to: place) }
            }
            if budget > .zero {
                let seconds = Double(budget.components.seconds) + Double(budget.components.attoseconds) / 1e18
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { race.finish(with: .deferred) }
            }
        }
        if case .deferred = outcome, budget > .zero {
            logger.info("answer deferred past the platform's deadline", metadata: ["platform": "\(message.platform.rawValue)", "budget": "\(budget)"])
        }
        count(message, outcome.name)
        return outcome
    }

    /// Keeps where a conversation is without a question in it (a Teams bot added to a team), for later messages.
    public func remember(_ place: ConversationReference) {
        do {
            try directory.record(place)
        } catch {
            logger.error("could not record where a conversation is", metadata: ["platform": "\(place.platform.rawValue)", "error": "\(error)"])
        }
    }

    /// Keeps where an allowed asker's conversation is, for alerts and sitreps later; a failure costs only those, so
    /// the question is still answered.
    private func record(_ place: ConversationReference, for message: ChatMessage) {
        remember(place)
    }

    private func deliverLate(_ reply: Reply, for message: ChatMessage, to place: ConversationReference) {
        guard let envelope = couriers.envelope(for: reply, to: place, at: clock.now) else {
            logger.warning("a late answer has nowhere to go: no app token or webhook is configured for this platform", metadata: ["platform": "\(message.platform.rawValue)"])
            return
        }
        queue(envelope, for: message)
    }

    private func queue(_ envelope: OutboxMessage, for message: ChatMessage) {
        do {
            let id = try outbox.enqueue(envelope)
            logger.info("late answer queued", metadata: ["outbox": "\(id)", "platform": "\(message.platform.rawValue)"])
            outboxChanged()
        } catch {
            logger.error("could not queue a late answer", metadata: ["error": "\(error)"])
        }
    }

    /// The refusal for a message that could not be recorded (audit or ledger): it is not answered, and says so.
    private func unrecorded(_ what: String, _ error: any Error, _ message: ChatMessage) -> Outcome {
        logger.error("\(what); the message was not answered", metadata: ["platform": "\(message.platform.rawValue)", "error": "\(error)"])
        count(message, "unrecorded")
        return .refused(Self.unrecordedReason)
    }

    /// What the asker is told when their message could not be recorded.
    public static let unrecordedReason = "Muster could not record this message in its audit log just now, so it has not answered it. Please ask again in a minute; if this keeps happening, tell whoever runs Muster."

    private func count(_ message: ChatMessage, _ outcome: String) {
        Counter(label: "muster_chat_messages_total", dimensions: [("platform", message.platform.rawValue), ("outcome", outcome)]).increment()
    }
}

extension ChatDesk.Outcome {
    var name: String {
        switch self {
        case .answered: "answered"
        case .deferred: "deferred"
        case .refused: "refused"
        case .repeated: "repeated"
        }
    }
}

/// The answer and the platform's deadline racing: whichever finishes first resumes the waiting request.
private final class Race: Sendable {
    private let waiting = Mutex<CheckedContinuation<ChatDesk.Outcome, Never>?>(nil)
    private let over = Mutex(false)

    func start(_ continuation: CheckedContinuation<ChatDesk.Outcome, Never>) {
        waiting.withLock { $0 = continuation }
    }

    /// Resumes the request with `outcome` if nothing has yet; `false` when it was already resumed.
    @discardableResult
    func finish(with outcome: ChatDesk.Outcome) -> Bool {
        let continuation: CheckedContinuation<ChatDesk.Outcome, Never>? = over.withLock { over in
            guard !over else { return nil }
            over = true
            return waiting.withLock { $0 }
        }
        continuation?.resume(returning: outcome)
        return continuation != nil
    }
}

extension Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
