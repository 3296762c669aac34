import Foundation
import MusterCore
import MusterSQL
import PostgresNIO

/// Retention and erasure of what this store holds: posts, the audit log, the chat outbox, deliveries and
/// conversation places. Misses are still in the store file, which prunes them itself.
extension PostgresPostStore: PersonalDataStore {
    public func prune(_ cutoffs: RetentionCutoffs) throws -> PruneCounts {
        // Topic rows and logged-post provenance go with their post (ON DELETE CASCADE); the search vector is a column.
        var counts = PruneCounts()
        counts.posts = try deleteInSlices(AuthorRecords.deletePosts(before: cutoffs.posts))
        counts.audit = try deleteInSlices(AuthorRecords.deleteAudit(before: cutoffs.audit))
        counts.outbox = try deleteInSlices(AuthorRecords.deleteOutbox(before: cutoffs.deliveries))
        counts.deliveries = try deleteInSlices(AuthorRecords.deleteDeliveries(before: cutoffs.deliveries))
        counts.places = try deleteInSlices(AuthorRecords.deletePlaces(before: cutoffs.audit))
        return counts
    }

    public func forgetAuthor(_ handle: String, source: String?, at time: Date) throws -> Int {
        let handle = AuthorRecords.bareHandle(handle)
        let digest = ForgottenAuthors.digest(handle, source: source, salt: try authorSalt())
        try change("""
            INSERT INTO forgotten_author (digest, forgotten_at) VALUES (\(digest), \(Int(time.timeIntervalSince1970)))
            ON CONFLICT (digest) DO NOTHING
            """)
        return try deleteInSlices(AuthorRecords.deletePosts(by: handle, source: source))
    }

    public func exportAuthor(_ handle: String, source: String?) throws -> AuthorExport {
        try heldRecords(of: handle, source: source)
    }

    /// The digests of the authors who asked to be forgotten, with the salt, read on `connection` (a write's own).
    func withheldAuthors(on connection: PostgresConnection) throws -> ForgottenAuthors {
        let digests = try connections.rows("SELECT digest FROM forgotten_author", on: connection).rows.map { PostgresColumns($0).string(0) }
        return ForgottenAuthors(digests: Set(digests), salt: digests.isEmpty ? [] : try salt(on: connection))
    }

    /// The store's secret salt for forgotten authors' digests (which a store copied elsewhere takes with it).
    public func authorSalt() throws -> [UInt8] {
        try connections.with { try salt(on: $0) }
    }

    /// Runs `statement` as transactions of its own until it deletes nothing more; returns how many rows went.
    private func deleteInSlices(_ statement: SQL) throws -> Int {
        var total = 0
        while true {
            let deleted = try change(statement)
            total += deleted
            guard deleted > 0 else { return total }
        }
    }

    private func salt(on connection: PostgresConnection) throws -> [UInt8] {
        let rows = try connections.rows("SELECT encode(value, 'hex') FROM store_secret WHERE name = 'author_salt'", on: connection).rows
        guard let row = rows.first else {
            throw MusterError("the PostgreSQL store has no author salt", hint: "Its migrations did not finish; open it with this muster again.")
        }
        return ForgottenAuthors.salt(fromHex: PostgresColumns(row).string(0))
    }
}
