import Crypto
import Foundation
import MusterCore

/// What a data protection request asks of the post table, written once for both stores: an author's posts, the
/// posts that name them, and the slices that delete them.
public enum AuthorRecords {
    /// Rows one prune or erasure transaction deletes: a few milliseconds of work, so other writers (an audit row, a
    /// chat answer's outbox message) get in between two of them.
    public static let rowsPerDeletion = 2_000

    /// A handle as typed, without its "@".
    public static func bareHandle(_ handle: String) -> String {
        let trimmed = handle.trimmed
        return trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
    }

    /// One slice of `handle`'s posts (on `source`, or every source) deleted; run until it deletes nothing.
    public static func deletePosts(by handle: String, source: String?) -> SQL {
        """
        DELETE FROM post WHERE id IN (
            SELECT id FROM post WHERE lower(author_handle) = lower(\(handle)) \(sql: sourceFilter(source)) LIMIT \(rowsPerDeletion)
        )
        """
    }

    /// One slice of the posts made before `cutoff` deleted; run until it deletes nothing.
    public static func deletePosts(before cutoff: Date) -> SQL {
        "DELETE FROM post WHERE id IN (SELECT id FROM post WHERE created_at < \(Int(cutoff.timeIntervalSince1970)) LIMIT \(rowsPerDeletion))"
    }

    /// One slice of the audit rows written before `cutoff` deleted; run until it deletes nothing.
    public static func deleteAudit(before cutoff: Date) -> SQL {
        "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < \(Int(cutoff.timeIntervalSince1970)) LIMIT \(rowsPerDeletion))"
    }

    /// One slice of the sent and failed chat messages queued before `cutoff` deleted (they quote posts); pending
    /// ones are kept whatever their age, to be delivered.
    public static func deleteOutbox(before cutoff: Date) -> SQL {
        """
        DELETE FROM outbox WHERE id IN (
            SELECT id FROM outbox WHERE status != 'pending' AND created_at < \(Int(cutoff.timeIntervalSince1970)) LIMIT \(rowsPerDeletion)
        )
        """
    }

    /// One slice of the chat deliveries seen before `cutoff` deleted.
    public static func deleteDeliveries(before cutoff: Date) -> SQL {
        "DELETE FROM delivery_seen WHERE key IN (SELECT key FROM delivery_seen WHERE at < \(Int(cutoff.timeIntervalSince1970)) LIMIT \(rowsPerDeletion))"
    }

    /// One slice of the conversation places last seen before `cutoff` deleted: where staff asked from is kept as
    /// long as the audit that records their asking.
    public static func deletePlaces(before cutoff: Date) -> SQL {
        """
        DELETE FROM conversation_place WHERE key IN (
            SELECT key FROM conversation_place WHERE seen_at < \(Int(cutoff.timeIntervalSince1970)) LIMIT \(rowsPerDeletion)
        )
        """
    }

    static func sourceFilter(_ source: String?, alias: String = "") -> SQL {
        source.map { "AND \(sql: SQL(stringLiteral: alias))source = \($0.lowercased())" } ?? ""
    }

    static let heldColumns: SQL = """
        p.source, p.external_id, p.url, p.author_handle, p.author_name, p.text, p.created_at, p.ingested_at, p.edited_at,
        p.area, p.topics, p.kinds, p.sentiment, p.handled_by, p.raw
        """

    static func heldPost(_ row: any ColumnReading) -> AuthorExport.HeldPost {
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

extension SQLPostReading {
    /// Everything the post table holds about `handle` (on `source`, or every source): their posts as stored, and
    /// posts by others that name them ("@handle").
    public func heldRecords(of handle: String, source: String?) throws -> AuthorExport {
        let handle = AuthorRecords.bareHandle(handle)
        let posts = try read("""
            SELECT \(sql: AuthorRecords.heldColumns) FROM post p
            WHERE lower(p.author_handle) = lower(\(handle)) \(sql: AuthorRecords.sourceFilter(source, alias: "p.")) ORDER BY p.created_at, p.id
            """, AuthorRecords.heldPost)
        // Full text finds the handle's words (it splits "@Jo_Bloggs" into "jo" "bloggs"); the text is then checked
        // for the handle itself.
        let mentioned = "@" + handle.lowercased()
        let mentions = try dialect.fullText(allWordsOf: handle).map { search in
            try read("""
                SELECT \(sql: AuthorRecords.heldColumns) FROM post p
                WHERE \(sql: search) AND lower(p.author_handle) != lower(\(handle)) ORDER BY p.created_at, p.id
                """, AuthorRecords.heldPost).filter { $0.text.lowercased().contains(mentioned) }
        } ?? []
        return AuthorExport(handle: handle, source: source, posts: posts, mentions: mentions)
    }
}

/// The salted digests of forgotten authors, checked against each post an ingest is about to store.
public struct ForgottenAuthors: Sendable {
    /// The digests, one per request (a handle on one source, or on every source).
    public let digests: Set<String>
    /// The store's secret salt, so a digest cannot be checked against a list of handles without the store.
    public let salt: [UInt8]

    /// The digests and salt as read from a store.
    public init(digests: Set<String>, salt: [UInt8]) {
        self.digests = digests
        self.salt = salt
    }

    /// Whether `post`'s author asked to be forgotten, on its source or on every source.
    public func withholds(_ post: Post) -> Bool {
        guard !digests.isEmpty else { return false }
        return digests.contains(Self.digest(post.author.handle, source: post.source, salt: salt))
            || digests.contains(Self.digest(post.author.handle, source: nil, salt: salt))
    }

    /// `posts` without those by forgotten authors.
    public func kept(_ posts: [Post]) -> [Post] {
        digests.isEmpty ? posts : posts.filter { !withholds($0) }
    }

    /// The hex SHA-256 of the salt, the lower-cased handle and the source (`*` for every source).
    public static func digest(_ handle: String, source: String?, salt: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(data: salt)
        hash.update(data: Array("\u{1F}\(handle.lowercased())\u{1F}\(source?.lowercased() ?? "*")".utf8))
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Salt bytes from their hex, as both stores read them back.
    public static func salt(fromHex hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count - 1, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
    }
}
