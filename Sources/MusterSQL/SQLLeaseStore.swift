import Foundation
import MusterCore

/// Leases in the store's `instance_lease` table (either store): taking one is a single conditional upsert, so of two
/// instances asking at once exactly one gets it.
public struct SQLLeaseStore: LeaseStore {
    private let database: any SQLRunning

    /// The leases in `database`.
    public init(_ database: any SQLRunning) {
        self.database = database
    }

    public func hold(_ name: String, for holder: String, at now: Date, until expiry: Date) throws -> Bool {
        // The update runs only for the holder's own lease or one that has run out; otherwise nothing changes, and
        // both engines count no row.
        try database.change("""
            INSERT INTO instance_lease (name, holder, expires_at) VALUES (\(name), \(holder), \(expiry.timeIntervalSince1970))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE instance_lease.holder = excluded.holder OR instance_lease.expires_at <= \(now.timeIntervalSince1970)
            """) > 0
    }

    public func release(_ name: String, by holder: String) throws {
        _ = try database.change("DELETE FROM instance_lease WHERE name = \(name) AND holder = \(holder)")
    }

    public func holder(of name: String) throws -> String? {
        try database.read("SELECT holder FROM instance_lease WHERE name = \(name)") { $0.string(0) }.first
    }
}
