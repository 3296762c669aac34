import Foundation
import MusterCore

/// Where chat conversations were last seen, in the store's `conversation_place` table (either store), so every
/// instance on the store can post back to a conversation any of them heard. A reference's `replyURL` is not kept.
public struct SQLConversationDirectory: ConversationDirectory {
    private let database: any SQLRunning

    /// The directory in `database`.
    public init(_ database: any SQLRunning) {
        self.database = database
    }

    private static let columns: SQL = """
        key, platform, workspace, channel, channel_name, thread, conversation_id, service_url, bot_id, bot_name, user_id, user_name, seen_at
        """

    public func record(_ reference: ConversationReference) throws {
        try database.change("""
            INSERT INTO conversation_place (\(sql: Self.columns))
            VALUES (\(reference.key), \(reference.platform.rawValue), \(reference.workspace), \(reference.channel), \(reference.channelName),
                    \(reference.thread), \(reference.conversationID), \(reference.serviceURL), \(reference.botID), \(reference.botName),
                    \(reference.userID), \(reference.userName), \(Int(reference.seenAt.timeIntervalSince1970)))
            ON CONFLICT (key) DO UPDATE SET
                platform = excluded.platform, workspace = excluded.workspace, channel = excluded.channel,
                channel_name = excluded.channel_name, thread = excluded.thread,
                conversation_id = excluded.conversation_id, service_url = excluded.service_url, bot_id = excluded.bot_id,
                bot_name = excluded.bot_name, user_id = excluded.user_id, user_name = excluded.user_name, seen_at = excluded.seen_at
            """)
    }

    public func reference(for key: String) throws -> ConversationReference? {
        try database.read("SELECT \(sql: Self.columns) FROM conversation_place WHERE key = \(key)", Self.decode).first ?? nil
    }

    public func references(on platform: ChatPlatform?, limit: Int) throws -> [ConversationReference] {
        let filter: SQL = platform.map { "WHERE platform = \($0.rawValue)" } ?? ""
        return try database.read("SELECT \(sql: Self.columns) FROM conversation_place \(sql: filter) ORDER BY seen_at DESC, key LIMIT \(limit)", Self.decode)
            .compactMap { $0 }
    }

    /// A row as a reference; `nil` for a platform this build does not know.
    private static func decode(_ row: any ColumnReading) -> ConversationReference? {
        guard let platform = ChatPlatform(rawValue: row.string(1)) else { return nil }
        return ConversationReference(
            key: row.string(0), platform: platform, workspace: row.string(2), channel: row.string(3), channelName: row.optionalString(4),
            thread: row.optionalString(5), conversationID: row.optionalString(6), serviceURL: row.optionalString(7), botID: row.optionalString(8),
            botName: row.optionalString(9), userID: row.optionalString(10), userName: row.optionalString(11), seenAt: Date(timeIntervalSince1970: TimeInterval(row.int(12)))
        )
    }
}
