import Foundation
import MusterCore
import MusterSQL

/// The polled sources' state in the store's `source_state` table (migration v9).
public struct SQLiteSourceLedger: SourceLedger {
    private let database: Database

    /// The ledger in `store`'s database.
    public init(store: SQLitePostStore) {
        database = store.database
    }

    private static let columns: SQL = """
        name, cursor, etag, last_modified, last_attempt_at, last_success_at, last_error, last_error_at, failures, next_poll_at,
        day, added_today, added_total, polls, not_modified
        """

    public func status(of name: String) throws -> SourceStatus? {
        try database.rows("SELECT \(sql: Self.columns) FROM source_state WHERE name = \(name)", Self.decode).first
    }

    public func statuses() throws -> [SourceStatus] {
        try database.rows("SELECT \(sql: Self.columns) FROM source_state ORDER BY name", Self.decode)
    }

    public func save(_ status: SourceStatus) throws {
        try database.run("""
            INSERT INTO source_state (\(sql: Self.columns))
            VALUES (\(status.name), \(status.cursor), \(status.etag), \(status.lastModified), \(Self.milliseconds(status.lastAttemptAt)),
                    \(Self.milliseconds(status.lastSuccessAt)), \(status.lastError), \(Self.milliseconds(status.lastErrorAt)), \(status.failures),
                    \(Self.milliseconds(status.nextPollAt)), \(status.day), \(status.addedToday), \(status.addedTotal), \(status.polls),
                    \(status.notModified))
            ON CONFLICT (name) DO UPDATE SET
                cursor = excluded.cursor, etag = excluded.etag, last_modified = excluded.last_modified,
                last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
                last_error = excluded.last_error, last_error_at = excluded.last_error_at, failures = excluded.failures,
                next_poll_at = excluded.next_poll_at, day = excluded.day, added_today = excluded.added_today,
                added_total = excluded.added_total, polls = excluded.polls, not_modified = excluded.not_modified
            """)
    }

    private static func decode(_ row: Row) -> SourceStatus {
        var status = SourceStatus(name: row.string(0))
        status.cursor = row.optionalString(1)
        status.etag = row.optionalString(2)
        status.lastModified = row.optionalString(3)
        status.lastAttemptAt = date(row.optionalInt(4))
        status.lastSuccessAt = date(row.optionalInt(5))
        status.lastError = row.optionalString(6)
        status.lastErrorAt = date(row.optionalInt(7))
        status.failures = row.int(8)
        status.nextPollAt = date(row.optionalInt(9))
        status.day = row.optionalString(10)
        status.addedToday = row.int(11)
        status.addedTotal = row.int(12)
        status.polls = row.int(13)
        status.notModified = row.int(14)
        return status
    }

    /// Times are kept to the millisecond: a source polled every second must not look due twice in one second.
    private static func milliseconds(_ date: Date?) -> Int? {
        date.map { Int(($0.timeIntervalSince1970 * 1_000).rounded(.down)) }
    }

    private static func date(_ milliseconds: Int?) -> Date? {
        milliseconds.map { Date(timeIntervalSince1970: TimeInterval($0) / 1_000) }
    }
}
