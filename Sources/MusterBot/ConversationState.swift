import Foundation
import MusterCore

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

    func remember(_ state: ConversationState, for conversation: String) {
        lock.withLock {
            states[conversation] = state
            if states.count > capacity, let quietest = states.min(by: { $0.value.updated < $1.value.updated })?.key {
                states[quietest] = nil
            }
        }
    }
}
