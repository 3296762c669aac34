import Crypto
import Foundation
import MusterCore
import MusterSQL

extension SQLitePostStore: PersonalDataStore {
    /// Rows one prune or erasure transaction deletes: a few milliseconds of work, so a waiting writer (an audit row,
    /// a chat answer's outbox message) gets the lock between two of them.
    static let rowsPerDeletion = 2_000

    public func prune(_ cutoffs: RetentionCutoffs) throws -> PruneCounts {
        var counts = PruneCounts()
        let posts = Int(cutoffs.posts.timeIntervalSince1970)
        // Topic rows go with their post (ON DELETE CASCADE) and search rows by trigger, so nothing derived outlives it.
        counts.posts = try deleteInSlices("DELETE FROM post WHERE id IN (SELECT id FROM post WHERE created_at < \(posts) LIMIT \(Self.rowsPerDeletion))")
        let audit = Int(cutoffs.audit.timeIntervalSince1970)
        counts.audit = try deleteInSlices("DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < \(audit) LIMIT \(Self.rowsPerDeletion))")
        counts.misses = try deleteInSlices("DELETE FROM intent_miss WHERE id IN (SELECT id FROM intent_miss WHERE at < \(audit) LIMIT \(Self.rowsPerDeletion))")
        let deliveries = Int(cutoffs.deliveries.timeIntervalSince1970)
        // Sent and failed chat messages quote posts; pending ones are kept whatever their age, to be delivered.
        counts.outbox = try deleteInSlices("""
            DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status != 'pending' AND created_at < \(deliveries) LIMIT \(Self.rowsPerDeletion))
            """)
        counts.deliveries = try deleteInSlices("""
            DELETE FROM delivery_seen WHERE key IN (SELECT key FROM delivery_seen WHERE at < \(deliveries) LIMIT \(Self.rowsPerDeletion))
            """)
        // Where staff asked from is kept as long as the audit that records their asking.
        counts.places = try deleteInSlices("""
            DELETE FROM conversation_place WHERE key IN (SELECT key FROM conversation_place WHERE seen_at < \(audit) LIMIT \(Self.rowsPerDeletion))
            """)
        return counts
    }

    public func forgetAuthor(_ handle: String, source: String?, at time: Date) throws -> Int {
        let handle = Self.bareHandle(handle)
        let digest = try authorDigest(handle, source: source)
        try write { _ in
            _ = try database.run("""
                INSERT INTO forgotten_author (digest, forgotten_at) VALUES (\(digest), \(Int(time.timeIntervalSince1970)))
                ON CONFLICT (digest) DO NOTHING
                """)
        }
        return try deleteInSlices("""
            DELETE FROM post WHERE id IN (
                SELECT id FROM post WHERE lower(author_handle) = lower(\(handle)) \(sql: Self.sourceFilter(source)) LIMIT \(Self.rowsPerDeletion)
            )
            """)
    }

    public func exportAuthor(_ handle: String, source: String?) throws -> AuthorExport {
        let handle = Self.bareHandle(handle)
        let posts = try read("""
            SELECT \(sql: Self.heldColumns) FROM post p
            WHERE lower(p.author_handle) = lower(\(handle)) \(sql: Self.sourceFilter(source, alias: "p.")) ORDER BY p.created_at, p.id
            """, Self.heldPost)
        // The search index finds the handle as a phrase (it splits "@Jo_Bloggs" into "jo" "bloggs"); the text is then
        // checked for the handle itself.
        let mentioned = "@" + handle.lowercased()
        let phrase = "text: \"\(handle.replacingOccurrences(of: "\"", with: "\"\""))\""
        let mentions = handle.isEmpty ? [] : try read("""
            SELECT \(sql: Self.heldColumns) FROM post p
            WHERE p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH \(phrase))
              AND lower(p.author_handle) != lower(\(handle)) ORDER BY p.created_at, p.id
            """, Self.heldPost).filter { $0.text.lowercased().contains(mentioned) }
        return AuthorExport(handle: handle, source: source, posts: posts, mentions: mentions)
    }

    /// The digests of the authors who asked to be forgotten, with the salt to check posts against them.
    func withheldAuthors() throws -> ForgottenAuthors {
        let digests = try database.rows("SELECT digest FROM forgotten_author") { $0.string(0) }
        return ForgottenAuthors(digests: Set(digests), salt: digests.isEmpty ? [] : try salt())
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

    private func authorDigest(_ handle: String, source: String?) throws -> String {
        ForgottenAuthors.digest(handle, source: source, salt: try salt())
    }

    private func salt() throws -> [UInt8] {
        let hex = try database.rows("SELECT hex(value) FROM store_secret WHERE name = 'author_salt'") { $0.string(0) }.first ?? ""
        guard !hex.isEmpty else { throw MusterError("the store has no author salt", hint: "The store's migrations did not finish; open it with this muster again.") }
        return stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
    }

    private static func bareHandle(_ handle: String) -> String {
        let trimmed = handle.trimmed
        return trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
    }

    private static func sourceFilter(_ source: String?, alias: String = "") -> SQL {
        source.map { "AND \(sql: SQL(stringLiteral: alias))source = \($0.lowercased())" } ?? ""
    }

    private static let heldColumns: SQL = """
        p.source, p.external_id, p.url, p.author_handle, p.author_name, p.text, p.created_at, p.ingested_at, p.edited_at,
        p.area, p.topics, p.kinds, p.sentiment, p.handled_by, p.raw
        """

    private static func heldPost(_ row: any ColumnReading) -> AuthorExport.HeldPost {
        AuthorExport.HeldPost(
            source: row.string(0), id: row.string(1), url: row.optionalString(2), author: row.string(3), authorName: row.optionalString(4),
            text: row.string(5), createdAt: Date(timeIntervalSince1970: TimeInterval(row.int(6))),
            storedAt: Date(timeIntervalSince1970: TimeInterval(row.int(7))),
            editedAt: row.optionalInt(8).map { Date(timeIntervalSince1970: TimeInterval($0)) }, area: row.optionalString(9),
            topics: row.string(10).split(separator: ",").map(String.init),
            kinds: PostKinds(rawValue: row.int(11)).names, sentiment: row.double(12), handledBy: row.optionalString(13),
            record: row.optionalString(14)
        )
    }
}

/// The salted digests of forgotten authors, checked against each post an ingest is about to store.
struct ForgottenAuthors {
    let digests: Set<String>
    let salt: [UInt8]

    /// Whether `post`'s author asked to be forgotten, on its source or on every source.
    func withholds(_ post: Post) -> Bool {
        guard !digests.isEmpty else { return false }
        return digests.contains(Self.digest(post.author.handle, source: post.source, salt: salt))
            || digests.contains(Self.digest(post.author.handle, source: nil, salt: salt))
    }

    /// The hex SHA-256 of the salt, the lower-cased handle and the source (`*` for every source).
    static func digest(_ handle: String, source: String?, salt: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(data: salt)
        hash.update(data: Array("\u{1F}\(handle.lowercased())\u{1F}\(source?.lowercased() ?? "*")".utf8))
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
