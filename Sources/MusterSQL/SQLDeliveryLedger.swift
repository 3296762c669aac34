import Foundation
import MusterCore

/// The delivery ledger in the store's `delivery_seen` table (either store), so that a platform's retry after a restart, or one that
/// reaches another instance, is still recognised.
///
/// Slack retries after about one and five minutes, and Teams has been seen to send a message twice a second apart;
/// an entry counts for a day, which covers both with room, and `prune` deletes entries after 30 days.
public struct SQLDeliveryLedger: DeliveryLedger {
    private let database: any SQLRunning
    /// How long a delivery is remembered.
    public static let lifetime: TimeInterval = 24 * 3_600

    /// The ledger in `database`.
    public init(_ database: any SQLRunning) {
        self.database = database
    }

    public func firstSighting(of key: String, at now: Date) throws -> Bool {
        let time = Int(now.timeIntervalSince1970)
        // A row older than the lifetime is a new delivery that happens to reuse an old id: take it over.
        return try database.change("""
            INSERT INTO delivery_seen (key, at) VALUES (\(key), \(time))
            ON CONFLICT (key) DO UPDATE SET at = excluded.at WHERE delivery_seen.at < \(time - Int(Self.lifetime))
            """) > 0
    }
}
