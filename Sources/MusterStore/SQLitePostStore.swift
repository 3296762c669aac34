import Foundation
import MusterCore
import MusterSQL

/// The monitored-post store on SQLite: WAL, versioned migrations, FTS5, parameterised SQL only.
public final class SQLitePostStore: SQLPostReading {
    /// The connection, for writes and for callers that need a raw look (tests compare answers with direct SQL).
    public let database: Database
    /// Connections for the query layer's reads.
    private let readers: ReaderPool

    /// Opens the store at `path`, creating and migrating it as needed.
    public init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try Database(path: path)
        try PostSchema.migrator.migrate(database)
        readers = ReaderPool(path: path)
    }

    /// Runs `body` as one transaction: every write inside lands together or not at all.
    public func write<T>(_ body: (SQLitePostStore) throws -> T) throws -> T {
        try database.transaction { try body(self) }
    }

    /// Writes a consistent copy of the whole store to `path` (SQLite's `VACUUM INTO`), for throwaway stores that
    /// start from a fixture.
    public func copy(to path: String) throws {
        try database.run("VACUUM INTO \(path)")
    }

    /// Rewrites the file without its free pages, giving space freed by a prune back to the disk, and returns the
    /// store's bytes on disk before and after. Other writers wait until it is done.
    public func vacuum() throws -> (before: Int, after: Int) {
        let before = bytesOnDisk
        try database.execute("VACUUM")
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (before, bytesOnDisk)
    }

    /// The store's bytes on disk, its write-ahead log included.
    public var bytesOnDisk: Int {
        [database.path, database.path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    /// Pauses a long run of writes between two transactions so that a writer waiting on another connection gets in.
    public func yieldToWaitingWriters() {
        database.yieldToWaitingWriters()
    }

    /// How many posts the store holds.
    public func totalPosts() throws -> Int {
        try database.scalar("SELECT count(*) FROM post") ?? 0
    }

    // MARK: SQLPostReading (which answers PostStore)

    public var dialect: SQLDialect { .sqlite }

    /// A query on one of the reader connections.
    public func read<T>(_ sql: SQL, _ transform: (any ColumnReading) throws -> T) throws -> [T] {
        try readers.read { try $0.rows(sql) { try transform($0) } }
    }

    @discardableResult
    public func change(_ sql: SQL) throws -> Int {
        try database.transaction { try database.run(sql) }
    }

    /// A transaction on the writing connection (`BEGIN IMMEDIATE`, so it holds the file's write lock from its first
    /// statement); its reads are on that connection too, and see what it wrote.
    public func transaction<T>(_ body: (any SQLRunning) throws -> T) throws -> T {
        try database.transaction { try body(SQLiteTransaction(database: database)) }
    }

    /// The aggregate's SQL with its values written in, for timing the same query in the `sqlite3` shell.
    public func aggregateStatement(_ query: PostQuery) throws -> String {
        try database.expanded(aggregateSQL(query))
    }
}
