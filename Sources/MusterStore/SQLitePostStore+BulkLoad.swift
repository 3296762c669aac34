import Foundation
import MusterCore
import MusterSQL

/// A load under way in `SQLitePostStore.writeInBulk`: posts are stored as they come, and their text is indexed for
/// search when the load ends.
public struct BulkLoad {
    fileprivate let store: SQLitePostStore
    /// The highest post id in the search index: posts above it are indexed when the load ends.
    fileprivate let indexedThrough: Int

    /// Stores posts as `SQLitePostStore.upsert` does, leaving their text to be indexed at the end of the load.
    public func upsert(_ posts: [Post], ingestedAt: Date) throws -> UpsertCounts {
        try store.store(posts, ingestedAt: ingestedAt, indexedThrough: indexedThrough)
    }

    /// Deletes posts their source says were deleted, as `SQLitePostStore.removeAtSource` does.
    public func removeAtSource(_ keys: [(source: String, externalID: String)]) throws -> Int {
        try store.remove(keys, indexedThrough: indexedThrough)
    }
}

extension SQLitePostStore {
    /// Runs `body` as one transaction, as `write` does, set up for a big load.
    ///
    /// - SQLite's default 2 MB page cache cannot hold the index pages a load keeps touching, so each batch would
    ///   evict them and read them back; the load gets 64 MB, and the cache shrinks back when it ends.
    /// - Pages are read through the page cache rather than the memory map that answers read from: a load writes
    ///   most pages it reads, and the map only cost it kernel time (ten million posts loaded in 173 s without it,
    ///   over 200 s with it, holding 1.4 GB of mapped pages).
    /// - Into an empty store that no other connection has open, the load uses a rollback journal instead of the
    ///   WAL: every new page is then written once, to the file, where WAL writes it to the log and copies it again
    ///   at the checkpoint. Pages that existed before are still journaled, so a failed load rolls back to the
    ///   empty store. The store is back in WAL mode when this returns.
    /// - Rows come from typed posts: an author kind is always one the schema allows, and topic rows point at the post
    ///   just inserted. So the load skips the author-kind CHECK (SQLite builds its `IN` list into a temporary b-tree
    ///   for every row) and the foreign-key lookup.
    /// - The full-text index is brought up to date once, at the end: once a statement of the transaction has
    ///   written to it, every later statement pays for a savepoint in it (a million posts took 26 s rather than
    ///   20 s when their text was indexed batch by batch).
    public func writeInBulk<T>(_ body: (BulkLoad) throws -> T) throws -> T {
        try database.locked {
            let cacheSize = try database.scalar("PRAGMA cache_size") ?? -2_000
            try database.execute(Self.bulkSettings)
            defer {
                try? database.execute("""
                    PRAGMA cache_size = \(cacheSize); PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON;
                    PRAGMA mmap_size = \(Database.mappedBytes);
                    """)
            }
            let journaled = try totalPosts() == 0 && database.useRollbackJournal()
            defer { if journaled { database.useWAL() } }
            return try write { store in
                let lastBefore = try lastPostID()
                let result = try body(BulkLoad(store: store, indexedThrough: lastBefore))
                try database.execute(Self.largeFullTextTable)
                try indexText(after: lastBefore)
                try database.execute(Self.usualFullTextTable)
                return result
            }
        }
    }

    /// What a bulk load changes for its length: the page cache, the memory map, and the checks its typed rows
    /// cannot fail.
    private static let bulkSettings = """
        PRAGMA cache_size = -65536; PRAGMA mmap_size = 0; PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;
        """
    /// A bigger in-memory table lets FTS5 write fewer, larger segments, leaving it less to merge.
    private static let largeFullTextTable = "INSERT INTO post_fts (post_fts, rank) VALUES ('hashsize', \(64 << 20))"
    private static let usualFullTextTable = "INSERT INTO post_fts (post_fts, rank) VALUES ('hashsize', \(1 << 20))"

    /// The SQL, for the `sqlite3` shell run on an empty store, that copies in every post and topic row of the store
    /// at `path` and indexes their text, set up as `writeInBulk` sets up a load into an empty store: SQLite's own
    /// cost of writing what ingest writes, the floor `make bench` sets beside ingest.
    public static func copySQL(from path: String) -> String {
        """
        PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;
        \(bulkSettings)
        ATTACH '\(path.replacingOccurrences(of: "'", with: "''"))' AS stored;
        BEGIN;
        INSERT INTO main.post SELECT * FROM stored.post;
        INSERT INTO main.post_topic SELECT * FROM stored.post_topic;
        \(largeFullTextTable);
        \(indexTextSQL.text);
        \(usualFullTextTable);
        COMMIT;
        PRAGMA journal_mode = WAL;
        """
    }
}

extension BulkLoad: PostSink {}

extension SQLitePostStore: PostSink, PostWriting {
    public func writePosts<T>(_ body: (any PostSink) throws -> T) throws -> T {
        try write { try body($0) }
    }

    public func loadInBulk<T>(_ body: (any PostSink) throws -> T) throws -> T {
        try writeInBulk { try body($0) }
    }
}
