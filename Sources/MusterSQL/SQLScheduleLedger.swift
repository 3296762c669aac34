import Foundation
import MusterCore

/// Scheduled runs in the store's `schedule_run` table (either store): a run is claimed by inserting its name, in
/// the transaction that queues its message.
public struct SQLScheduleLedger: ScheduleLedger {
    private let database: any SQLRunning

    /// The ledger in `database`.
    public init(_ database: any SQLRunning) {
        self.database = database
    }

    public func claim(_ name: String, at time: Date, message: OutboxMessage?) throws -> Bool {
        try database.transaction { transaction in
            let fresh = try transaction.change("""
                INSERT INTO schedule_run (name, at) VALUES (\(name), \(Int(time.timeIntervalSince1970))) ON CONFLICT (name) DO NOTHING
                """) > 0
            if fresh, let message { try SQLOutbox(transaction).enqueue(message) }
            return fresh
        }
    }

    public func claimed(_ name: String) throws -> Bool {
        try !database.read("SELECT 1 FROM schedule_run WHERE name = \(name)") { $0.int(0) }.isEmpty
    }
}
