import Foundation
import MusterCore

/// Conversation states in the `conversation_state` table, one statement each, the same on both stores.
public struct SQLConversationStates: ConversationStateStore {
    private let store: any SQLRunning

    /// The states in `store`'s database.
    public init(store: any SQLRunning) {
        self.store = store
    }

    public func state(of conversation: String) throws -> (state: Data, updated: Date)? {
        try store.read("SELECT state, updated_at FROM conversation_state WHERE conversation = \(conversation)") { row in
            (Data(row.string(0).utf8), Date(timeIntervalSince1970: row.double(1)))
        }.first
    }

    public func save(_ state: Data, for conversation: String, updated: Date) throws {
        try store.change("""
            INSERT INTO conversation_state (conversation, state, updated_at) VALUES (\(conversation), \(String(decoding: state, as: UTF8.self)), \(updated.timeIntervalSince1970))
            ON CONFLICT (conversation) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """)
    }

    @discardableResult
    public func forget(silentSince cutoff: Date) throws -> Int {
        try store.change("DELETE FROM conversation_state WHERE updated_at < \(cutoff.timeIntervalSince1970)")
    }
}
