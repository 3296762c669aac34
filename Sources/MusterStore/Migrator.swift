import MusterSQL

/// Named, ordered, append-only schema migrations, tracked in `PRAGMA user_version`.
///
/// A released migration is never edited: a change to the schema is a new migration at the end.
public struct Migrator: Sendable {
    /// One step of the schema's history.
    public struct Migration: Sendable {
        /// A short name for logs and errors.
        public let name: String
        /// The statements that apply it.
        public let sql: String
    }

    private var migrations: [Migration] = []

    /// Creates an empty migrator.
    public init() {}

    /// Adds the next migration.
    public mutating func register(_ name: String, sql: String) {
        migrations.append(Migration(name: name, sql: sql))
    }

    /// The schema version a fully migrated database has.
    public var latestVersion: Int { migrations.count }

    /// Applies every migration the database has not seen, each in its own transaction.
    public func migrate(_ database: Database) throws {
        let current = try database.scalar("PRAGMA user_version") ?? 0
        guard current <= migrations.count else {
            throw MigrationError(
                message: "\(database.path) has schema version \(current) but this muster knows only \(migrations.count); upgrade muster"
            )
        }
        for (index, migration) in migrations.enumerated().dropFirst(current) {
            try database.transaction {
                try database.execute(migration.sql)
                try database.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }
}

/// The store was written by a newer version of Muster.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    /// What happened and what to do.
    public let message: String
    public var description: String { message }
}
