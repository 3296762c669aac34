import Foundation

/// What Muster remembers of each conversation between messages (the last answer, for follow-ups; a clarification
/// waiting for its "1" or "2"), kept in the store so that every instance answering the same thread reads the same.
/// The state is opaque here: the bot encodes and decodes it.
public protocol ConversationStateStore: Sendable {
    /// The conversation's state as last saved, and when; `nil` when it has none.
    func state(of conversation: String) throws -> (state: Data, updated: Date)?
    /// Saves the conversation's state, replacing what was there.
    func save(_ state: Data, for conversation: String, updated: Date) throws
    /// Deletes the states of conversations silent since `cutoff`; returns how many.
    @discardableResult
    func forget(silentSince cutoff: Date) throws -> Int
}
