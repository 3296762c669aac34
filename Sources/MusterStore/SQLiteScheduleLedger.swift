import Foundation
import MusterSQL
import MusterCore

/// Scheduled runs in the store's `schedule_run` table (migration v11): a run is claimed by inserting its name, in
/// the transaction that queues its message.
public struct SQLiteScheduleLedger: ScheduleLedger {
    private let database: Database
    private let outbox: SQLiteOutbox

    /// The ledger in `store`'s database.
    public init(store: SQLitePostStore) {
        database = store.database
        outbox = SQLiteOutbox(store: store)
    }

    public func claim(_ name: String, at time: Date, message: OutboxMessage?) throws -> Bool {
        try database.transaction {
            let fresh = try database.run("""
                INSERT INTO schedule_run (name, at) VALUES (\(name), \(Int(time.timeIntervalSince1970))) ON CONFLICT (name) DO NOTHING
                """) > 0
            if fresh, let message { try outbox.enqueue(message) }
            return fresh
        }
    }

    public func claimed(_ name: String) throws -> Bool {
        try !database.rows("SELECT 1 FROM schedule_run WHERE name = \(name)") { $0.int(0) }.isEmpty
    }
}
