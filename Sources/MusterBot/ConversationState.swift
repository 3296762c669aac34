import Foundation
import MusterCore
import MusterIntents

/// What Muster remembers of one conversation (a chat thread or a CLI session) between messages.
struct ConversationState: Sendable, Codable {
    /// The last question answered, for follow-ups.
    var basis: FollowUpBasis?
    /// Post numbers in the last reply → store ids, for "post 3".
    var posts: [Int: Int64]
    /// Rumour numbers in the last list of rumours → their keys, for "mark rumour 2 false".
    var rumours: [Int: String] = [:]
    /// When the conversation last moved.
    var updated: Date
    /// The clarification Muster asked last, answerable by "1" or "2" in the next message only.
    var pending: PendingClarification?
}

/// A "did you mean 1 or 2" waiting for its answer: what was asked, and the readings offered.
struct PendingClarification: Sendable, Codable {
    /// The message that needed clarifying.
    var text: String
    /// The readings offered, in the order numbered.
    var options: [Reading.Option]
}

/// Conversations' states, forgotten after a spell of silence so a stale thread does not answer for a new one.
///
/// With a store, every state is read from and written to it, so instances sharing the store answer a thread as
/// one; without, they are kept in this process (tests, and bots built without a store).
final class ConversationMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [String: ConversationState] = [:]
    private let store: (any ConversationStateStore)?
    private var saves = 0
    /// How long a conversation is remembered after its last message.
    let lifetime: TimeInterval
    /// The most conversations kept at once in this process; the quietest are forgotten first.
    let capacity: Int

    init(store: (any ConversationStateStore)? = nil, lifetime: TimeInterval = 30 * 60, capacity: Int = 10_000) {
        self.store = store
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func state(of conversation: String, now: Date) -> ConversationState? {
        if store != nil {
            guard let state = stored(conversation), now.timeIntervalSince(state.updated) <= lifetime else { return nil }
            return state
        }
        return lock.withLock {
            guard let state = states[conversation] else { return nil }
            guard now.timeIntervalSince(state.updated) <= lifetime else {
                states[conversation] = nil
                return nil
            }
            return state
        }
    }

    /// Keeps `pending` in the conversation's state (starting one if it has none), for the next message to answer.
    func remember(_ pending: PendingClarification, for conversation: String, now: Date) {
        if store != nil {
            var state = state(of: conversation, now: now) ?? ConversationState(basis: nil, posts: [:], updated: now)
            state.pending = pending
            state.updated = now
            save(state, for: conversation)
            return
        }
        lock.withLock {
            var state = states[conversation] ?? ConversationState(basis: nil, posts: [:], updated: now)
            state.pending = pending
            state.updated = now
            states[conversation] = state
        }
    }

    /// Drops the conversation's pending clarification: it is answered, or the next message asked something else.
    func forgetClarification(in conversation: String) {
        if store != nil {
            guard var state = stored(conversation), state.pending != nil else { return }
            state.pending = nil
            save(state, for: conversation)
            return
        }
        lock.withLock { states[conversation]?.pending = nil }
    }

    func remember(_ state: ConversationState, for conversation: String) {
        if store != nil {
            save(state, for: conversation)
            return
        }
        lock.withLock {
            states[conversation] = state
            if states.count > capacity, let quietest = states.min(by: { $0.value.updated < $1.value.updated })?.key {
                states[quietest] = nil
            }
        }
    }

    /// The state as the store holds it, however old. One that cannot be read is none: the message is then answered
    /// as a new question, which costs a follow-up, never an answer.
    private func stored(_ conversation: String) -> ConversationState? {
        guard let saved = try? store?.state(of: conversation) else { return nil }
        return try? JSONDecoder().decode(ConversationState.self, from: saved.state)
    }

    /// Writes the state to the store (a failure costs the follow-up, never the answer), and now and then deletes
    /// conversations silent for longer than the lifetime, which name what staff asked about.
    private func save(_ state: ConversationState, for conversation: String) {
        guard let store, let data = try? JSONEncoder().encode(state) else { return }
        try? store.save(data, for: conversation, updated: state.updated)
        let tidy = lock.withLock {
            saves += 1
            return saves % 64 == 1
        }
        if tidy { _ = try? store.forget(silentSince: state.updated.addingTimeInterval(-lifetime)) }
    }
}
