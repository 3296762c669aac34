import Foundation
import MusterCore
import MusterSQL
import PostgresNIO

/// The monitored-post store on PostgreSQL, for deployments larger than one machine: the same questions as the SQLite
/// store, asked with the same statements (`SQLPostReading`), in PostgreSQL's dialect.
///
/// What it holds today: posts, their topic rows and full text, rumour statuses, the audit log, logged posts,
/// forgotten authors, conversation memory, and what instances coordinate by: the outbox, delivery ledger,
/// conversation places, watches, incidents, schedule and leases. Accounts, source cursors and misses are still in the SQLite
/// file beside it; see docs/postgres.md.
public final class PostgresPostStore: SQLPostReading, Sendable {
    let connections: PostgresConnections
    /// A replica of the database that answers are read from, when one is given.
    let replica: PostgresReplica?

    /// Opens the store at `address`, creating its tables when they are missing.
    ///
    /// - Parameters:
    ///   - replica: a streaming replica of the same database (`MUSTER_STORE_READ`) to read answers from, sparing
    ///     the primary; every write, and every read that must see one just made, still goes to `address`.
    ///   - replicaCheck: how often the replica's progress is checked; one that has not replayed what the primary
    ///     had written a check earlier is passed over until it has.
    ///   - replicaConnectTimeout: how long connecting to the replica may take before it is passed over (for 10 s):
    ///     short, as the primary can answer instead.
    public init(
        address: PostgresAddress, answersFrom replica: PostgresAddress? = nil, replicaCheck: TimeInterval = 10,
        replicaConnectTimeout: TimeInterval = 2
    ) throws {
        connections = PostgresConnections(address: address)
        self.replica = replica.map { PostgresReplica(address: $0, interval: replicaCheck, connectTimeout: replicaConnectTimeout) }
        try migrate()
    }

    /// Where the store is.
    public var address: PostgresAddress { connections.address }

    /// Closes the store's connections.
    public func close() {
        connections.close()
        replica?.connections.close()
    }

    /// Applies the migrations not yet recorded, each in its own transaction. An advisory lock keeps two instances
    /// starting at once from both applying one.
    private func migrate() throws {
        try connections.with { connection in
            try connections.execute("CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at bigint NOT NULL)", on: connection)
            for migration in PostgresSchema.migrations {
                try transaction(on: connection) {
                    _ = try connections.rows("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", on: connection)
                    let applied = try connections.rows("SELECT 1 FROM schema_migration WHERE name = \(migration.name)", on: connection)
                    guard applied.rows.isEmpty else { return }
                    for statement in migration.statements { try connections.execute(statement, on: connection) }
                    _ = try connections.rows("""
                        INSERT INTO schema_migration (name, applied_at) VALUES (\(migration.name), \(Int(Date().timeIntervalSince1970)))
                        """, on: connection)
                }
            }
        }
    }

    /// The advisory lock migrations take ("muster" in ASCII).
    private static let migrationLock = 0x6D75_7374_6572

    /// Runs `body` between BEGIN and COMMIT on `connection`, rolling back when it throws.
    func transaction<T>(on connection: PostgresConnection, _ body: () throws -> T) throws -> T {
        try connections.execute("BEGIN", on: connection)
        do {
            let result = try body()
            try connections.execute("COMMIT", on: connection)
            return result
        } catch {
            try? connections.execute("ROLLBACK", on: connection)
            throw error
        }
    }

    // MARK: SQLPostReading (which answers PostStore)

    public var dialect: SQLDialect { .postgres }

    public func read<T>(_ sql: SQL, _ transform: (any ColumnReading) throws -> T) throws -> [T] {
        try connections.with { try connections.read(sql, on: $0, transform) }
    }

    /// An answer's query, on the replica when there is one. A replica that cannot be reached (down, or not yet
    /// started) or has fallen behind is passed over for the primary, so that answers go on and are not stale; a
    /// query that fails there fails.
    public func readAnswer<T>(_ sql: SQL, _ transform: (any ColumnReading) throws -> T) throws -> [T] {
        guard let replica, replica.isKeepingUp(with: connections) else { return try read(sql, transform) }
        return try replica.connections.with(orElse: connections) { connections, connection in
            try connections.read(sql, on: connection, transform)
        }
    }

    @discardableResult
    public func change(_ sql: SQL) throws -> Int {
        try connections.with { try connections.rows(sql, on: $0).metadata.rows ?? 0 }
    }

    /// A transaction on a connection of its own, at PostgreSQL's default isolation (read committed): a claim written
    /// as one conditional `UPDATE` or `INSERT … ON CONFLICT` is checked again on the row it changes, so two
    /// instances claiming at once get one winner.
    public func transaction<T>(_ body: (any SQLRunning) throws -> T) throws -> T {
        try connections.with { connection in
            try transaction(on: connection) { try body(PostgresTransaction(store: self, connection: connection)) }
        }
    }

    /// The aggregate's SQL with its values written in, for timing the same query in `psql`.
    public func aggregateStatement(_ query: PostQuery) -> String {
        Self.expanded(aggregateSQL(query))
    }

    /// `sql` with each placeholder replaced by its value as a literal, for `psql`.
    static func expanded(_ sql: SQL) -> String {
        var values = sql.arguments.makeIterator()
        var text = ""
        for character in sql.text {
            guard character == "?", let value = values.next() else {
                text.append(character)
                continue
            }
            switch value {
            case .null: text += "NULL"
            case .integer(let number): text += String(number)
            case .real(let number): text += String(number)
            case .text(let string): text += "'" + string.replacingOccurrences(of: "'", with: "''") + "'"
            }
        }
        return text
    }
}

extension PostgresPostStore: PostWriting {
    public func totalPosts() throws -> Int {
        try read("SELECT count(*) FROM post") { $0.int(0) }.first ?? 0
    }

    public func writePosts<T>(_ body: (any PostSink) throws -> T) throws -> T {
        try connections.with { connection in
            try transaction(on: connection) { try body(try PostgresPostSink(store: self, connection: connection)) }
        }
    }

    /// A load is one transaction, as other writes are (the sink copies its rows in with `COPY`), and the tables'
    /// statistics are gathered when it ends: the planner has none for a table that was empty, and would read a
    /// million posts as if they were a handful.
    public func loadInBulk<T>(_ body: (any PostSink) throws -> T) throws -> T {
        let result = try writePosts(body)
        try analyze()
        return result
    }

    /// Gathers the tables' statistics for the planner (autovacuum does in time; a load should not wait for it).
    public func analyze() throws {
        try connections.with { connection in try connections.execute("ANALYZE post, post_topic", on: connection) }
    }

    /// Writers do not wait for each other's transactions as SQLite's do: PostgreSQL locks rows, not the store.
    public func yieldToWaitingWriters() {}
}

extension PostgresPostStore {
    /// Creates a database on the server at `address` (connecting to the database it names): an empty one for a new
    /// store, or a copy of `template` (which no one may be connected to), as a test takes a private copy of a fixture.
    public static func createDatabase(_ name: String, on address: PostgresAddress, template: String? = nil) throws {
        let copying = try template.map { " TEMPLATE \(try identifier($0))" } ?? ""
        try administer("CREATE DATABASE \(try identifier(name))\(copying)", on: address)
    }

    /// Drops a database on the server at `address`, ending any connection still open to it.
    public static func dropDatabase(_ name: String, on address: PostgresAddress) throws {
        try administer("DROP DATABASE IF EXISTS \(try identifier(name)) WITH (FORCE)", on: address)
    }

    private static func administer(_ statement: String, on address: PostgresAddress) throws {
        let connections = PostgresConnections(address: address)
        defer { connections.close() }
        try connections.with { try connections.execute(statement, on: $0) }
    }

    /// A database name as an identifier: only lower-case letters, digits and underscores, so it needs no quoting.
    private static func identifier(_ name: String) throws -> String {
        guard !name.isEmpty, name.count <= 63, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw MusterError("not a database name Muster creates: \(name)", hint: "use lower-case letters, digits and underscores")
        }
        return name
    }
}
