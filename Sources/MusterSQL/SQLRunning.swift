import MusterCore

/// A database Muster's shared SQL runs on: either store, or one transaction of either.
///
/// Everything written once for both stores (`SQLPostReading`, the outbox, watches, incidents and the rest) asks only
/// this of them, so PostgreSQL and SQLite run the same statements, give or take what `SQLDialect` says differs.
public protocol SQLRunning: Sendable {
    /// The SQL the database speaks.
    var dialect: SQLDialect { get }
    /// Runs a query and turns each row into a value. On a store, it may run on a connection for reading; inside a
    /// transaction, it runs in it and sees what it wrote.
    func read<T>(_ sql: SQL, _ transform: (any ColumnReading) throws -> T) throws -> [T]
    /// Runs one statement that changes the database (as its own transaction on a store); returns how many rows it
    /// changed.
    @discardableResult
    func change(_ sql: SQL) throws -> Int
    /// Runs `body` as one transaction: every statement it runs through the database it is given lands together or
    /// not at all. Inside a transaction, it joins that one.
    func transaction<T>(_ body: (any SQLRunning) throws -> T) throws -> T
}

extension SQLRunning {
    /// Runs an `INSERT … RETURNING id` as a write (a store's reads may run on a connection that cannot write) and
    /// returns the new row's id.
    public func inserting(_ sql: SQL) throws -> Int64 {
        try transaction { transaction in try transaction.read(sql) { Int64($0.int(0)) }[0] }
    }
}
