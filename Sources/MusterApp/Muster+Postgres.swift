import Foundation
import MusterCore
import MusterPostgres
import MusterSQL

extension Muster {
    /// Copies what this Muster's store file keeps of posts into `target`, an empty PostgreSQL store, in one
    /// transaction: the posts with their ids, handled marks and topic rows, who logged which, rumour statuses, the
    /// audit log, and forgotten authors with the salt their digests need. Each is counted on both sides before the
    /// transaction commits; any difference, or a target that holds anything already, changes nothing.
    /// - Returns: each table and how many rows it now holds on both sides.
    public func migrateStore(to target: PostgresPostStore) throws -> [(table: String, rows: Int)] {
        try StoreMove.copy(from: store, to: target, at: clock.now)
    }

    /// The way back: copies the same records from `source`, a PostgreSQL store, into this Muster's store file, which
    /// must hold none of them, in one transaction counted on both sides.
    public func migrateStore(from source: PostgresPostStore) throws -> [(table: String, rows: Int)] {
        try StoreMove.copy(from: source, to: store, at: clock.now)
    }
}
