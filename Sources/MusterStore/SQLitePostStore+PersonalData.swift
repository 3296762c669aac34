import Foundation
import MusterCore
import MusterSQL

extension SQLitePostStore: PersonalDataStore {
    public func prune(_ cutoffs: RetentionCutoffs) throws -> PruneCounts {
        var counts = PruneCounts()
        // Topic rows go with their post (ON DELETE CASCADE) and search rows by trigger, so nothing derived outlives it.
        counts.posts = try deleteInSlices(AuthorRecords.deletePosts(before: cutoffs.posts))
        counts.audit = try deleteInSlices(AuthorRecords.deleteAudit(before: cutoffs.audit))
        let audit = Int(cutoffs.audit.timeIntervalSince1970)
        counts.misses = try deleteInSlices("DELETE FROM intent_miss WHERE id IN (SELECT id FROM intent_miss WHERE at < \(audit) LIMIT \(AuthorRecords.rowsPerDeletion))")
        counts.outbox = try deleteInSlices(AuthorRecords.deleteOutbox(before: cutoffs.deliveries))
        counts.deliveries = try deleteInSlices(AuthorRecords.deleteDeliveries(before: cutoffs.deliveries))
        counts.places = try deleteInSlices(AuthorRecords.deletePlaces(before: cutoffs.audit))
        return counts
    }

    public func forgetAuthor(_ handle: String, source: String?, at time: Date) throws -> Int {
        let handle = AuthorRecords.bareHandle(handle)
        let digest = ForgottenAuthors.digest(handle, source: source, salt: try authorSalt())
        try write { _ in
            _ = try database.run("""
                INSERT INTO forgotten_author (digest, forgotten_at) VALUES (\(digest), \(Int(time.timeIntervalSince1970)))
                ON CONFLICT (digest) DO NOTHING
                """)
        }
        return try deleteInSlices(AuthorRecords.deletePosts(by: handle, source: source))
    }

    public func exportAuthor(_ handle: String, source: String?) throws -> AuthorExport {
        try heldRecords(of: handle, source: source)
    }

    /// The digests of the authors who asked to be forgotten, with the salt to check posts against them.
    func withheldAuthors() throws -> ForgottenAuthors {
        let digests = try database.rows("SELECT digest FROM forgotten_author") { $0.string(0) }
        return ForgottenAuthors(digests: Set(digests), salt: digests.isEmpty ? [] : try authorSalt())
    }

    /// Runs `statement` in transactions of its own until it deletes nothing more, letting other writers in between;
    /// returns how many rows went.
    private func deleteInSlices(_ statement: SQL) throws -> Int {
        var total = 0
        while true {
            let deleted = try write { _ in try database.run(statement) }
            total += deleted
            guard deleted > 0 else { return total }
            database.yieldToWaitingWriters()
        }
    }

    /// The store's secret salt for forgotten authors' digests (which a store moved elsewhere takes with it).
    public func authorSalt() throws -> [UInt8] {
        let hex = try database.rows("SELECT hex(value) FROM store_secret WHERE name = 'author_salt'") { $0.string(0) }.first ?? ""
        guard !hex.isEmpty else { throw MusterError("the store has no author salt", hint: "The store's migrations did not finish; open it with this muster again.") }
        return ForgottenAuthors.salt(fromHex: hex)
    }
}
