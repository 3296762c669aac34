import Foundation
import MusterCore
import MusterIntents

/// What Muster remembers of one conversation (a chat thread or a CLI session) between messages.
struct ConversationState: Sendable {
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
struct PendingClarification: Sendable {
    /// The message that needed clarifying.
    var text: String
    /// The readings offered, in the order numbered.
    var options: [Reading.Option]
}

/// Conversations' states, forgotten after a spell of silence so a stale thread does not answer for a new one.
final class ConversationMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [String: ConversationState] = [:]
    /// How long a conversation is remembered after its last message.
    let lifetime: TimeInterval
    /// The most conversations kept at once; the quietest are forgotten first.
    let capacity: Int

    init(lifetime: TimeInterval = 30 * 60, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func state(of conversation: String, now: Date) -> ConversationState? {
        lock.withLock {
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
        lock.withLock {
            var state = states[conversation] ?? ConversationState(basis: nil, posts: [:], updated: now)
            state.pending = pending
            state.updated = now
            states[conversation] = state
        }
    }

    /// Drops the conversation's pending clarification: it is answered, or the next message asked something else.
    func forgetClarification(in conversation: String) {
        lock.withLock { states[conversation]?.pending = nil }
    }

    func remember(_ state: ConversationState, for conversation: String) {
        lock.withLock {
            states[conversation] = state
            if states.count > capacity, let quietest = states.min(by: { $0.value.updated < $1.value.updated })?.key {
                states[quietest] = nil
            }
        }
    }
}
