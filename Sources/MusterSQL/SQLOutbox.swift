import Foundation
import MusterCore

/// The `outbox` table, the same on both stores: asynchronous chat messages are written here first, then delivered
/// by a worker, so a restart finds every message not yet delivered.
///
/// A message an alert, sitrep or digest queues is written in the transaction that claims it (`enqueue` joins the
/// caller's transaction), so it is neither lost nor queued twice.
public struct SQLOutbox: Outbox {
    private let database: any SQLRunning

    /// The outbox in `database` (a store, or a transaction of one).
    public init(_ database: any SQLRunning) {
        self.database = database
    }

    /// Stores `message` as pending and returns its id.
    @discardableResult
    public func enqueue(_ message: OutboxMessage) throws -> Int64 {
        try database.inserting("""
            INSERT INTO outbox (platform, destination, route, place, label, content_type, body, status, attempts, next_attempt_at, created_at)
            VALUES (\(message.platform.rawValue), \(message.destination), \(message.route.rawValue), \(message.place), \(message.label),
                    \(message.contentType), \(message.body),
                    'pending', 0, \(message.nextAttemptAt.timeIntervalSince1970), \(Int(message.createdAt.timeIntervalSince1970)))
            RETURNING id
            """)
    }

    public func claimDue(at now: Date, owner: String, lease: TimeInterval, limit: Int) throws -> [OutboxMessage] {
        let time = now.timeIntervalSince1970
        // One statement picks and claims, inside one write transaction, so two senders can never claim the same row:
        // SQLite's writer holds the whole file; PostgreSQL locks the rows it picks and skips those another sender
        // has locked, and the claim is checked again on the row it updates.
        let claimable: SQL = "status = 'pending' AND next_attempt_at <= \(time) AND (claimed_until IS NULL OR claimed_until <= \(time))"
        let claimed = try database.transaction { transaction in
            try transaction.read("""
                UPDATE outbox SET claimed_by = \(owner), claimed_until = \(time + lease)
                WHERE \(sql: claimable) AND id IN (
                    SELECT id FROM outbox WHERE \(sql: claimable)
                    ORDER BY next_attempt_at, id LIMIT \(limit)\(sql: database.dialect.skippingLockedRows)
                )
                RETURNING \(sql: Self.columns)
                """, Self.message)
        }
        return claimed.sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }
    }

    public func due(at now: Date, limit: Int) throws -> [OutboxMessage] {
        try database.read("""
            SELECT \(sql: Self.columns) FROM outbox
            WHERE status = 'pending' AND next_attempt_at <= \(now.timeIntervalSince1970)
            ORDER BY next_attempt_at, id LIMIT \(limit)
            """, Self.message)
    }

    public func nextDue() throws -> Date? {
        try database.read("SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'") { $0.optionalDouble(0) }
            .first?.map { Date(timeIntervalSince1970: $0) }
    }

    public func messages(status: OutboxMessage.Status?, limit: Int) throws -> [OutboxMessage] {
        let filter: SQL = status.map { "WHERE status = \($0.rawValue)" } ?? ""
        return try database.read("SELECT \(sql: Self.columns) FROM outbox \(sql: filter) ORDER BY id DESC LIMIT \(limit)", Self.message)
    }

    public func counts() throws -> [OutboxMessage.Status: Int] {
        var counts: [OutboxMessage.Status: Int] = [:]
        for (status, count) in try database.read("SELECT status, count(*) FROM outbox GROUP BY status", { ($0.string(0), $0.int(1)) }) {
            if let status = OutboxMessage.Status(rawValue: status) { counts[status] = count }
        }
        return counts
    }

    public func markDelivered(_ id: Int64, attempts: Int, at now: Date) throws {
        try database.change("""
            UPDATE outbox SET status = 'delivered', attempts = \(attempts), delivered_at = \(Int(now.timeIntervalSince1970)), last_error = NULL,
                claimed_by = NULL, claimed_until = NULL
            WHERE id = \(id)
            """)
    }

    public func reschedule(_ id: Int64, attempts: Int, next: Date, error: String) throws {
        try database.change("""
            UPDATE outbox SET attempts = \(attempts), next_attempt_at = \(next.timeIntervalSince1970), last_error = \(error),
                claimed_by = NULL, claimed_until = NULL
            WHERE id = \(id)
            """)
    }

    public func release(_ id: Int64) throws {
        try database.change("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = \(id)")
    }

    public func markFailed(_ id: Int64, attempts: Int, error: String) throws {
        try database.change("""
            UPDATE outbox SET status = 'failed', attempts = \(attempts), last_error = \(error), claimed_by = NULL, claimed_until = NULL
            WHERE id = \(id)
            """)
    }

    public func retry(_ id: Int64, at now: Date) throws -> Bool {
        try database.change("""
            UPDATE outbox SET status = 'pending', next_attempt_at = \(now.timeIntervalSince1970) WHERE id = \(id) AND status = 'failed'
            """) > 0
    }

    private static let columns: SQL = """
        id, platform, destination, label, content_type, body, status, attempts, next_attempt_at, created_at, delivered_at, last_error,
        route, place
        """

    private static func message(_ row: any ColumnReading) -> OutboxMessage {
        var message = OutboxMessage(
            // A platform or route this build does not know (a newer instance wrote it) is kept as the plain webhook.
            platform: ChatPlatform(rawValue: row.string(1)) ?? .webhook, destination: row.string(2),
            route: OutboxMessage.Route(rawValue: row.string(12)) ?? .webhook, place: row.optionalString(13), label: row.string(3), contentType: row.string(4),
            body: row.string(5), at: Date(timeIntervalSince1970: TimeInterval(row.int(9)))
        )
        message.id = Int64(row.int(0))
        message.status = OutboxMessage.Status(rawValue: row.string(6)) ?? .failed
        message.attempts = row.int(7)
        message.nextAttemptAt = Date(timeIntervalSince1970: row.double(8))
        message.deliveredAt = row.optionalInt(10).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        message.lastError = row.optionalString(11)
        return message
    }
}
