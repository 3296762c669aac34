import MusterSQL
import PostgresNIO

/// Statements on one connection between its BEGIN and COMMIT (`PostgresPostStore.transaction`).
struct PostgresTransaction: SQLRunning {
    let store: PostgresPostStore
    let connection: PostgresConnection

    var dialect: SQLDialect { .postgres }

    func read<T>(_ sql: SQL, _ transform: (any ColumnReading) throws -> T) throws -> [T] {
        try store.connections.read(sql, on: connection, transform)
    }

    @discardableResult
    func change(_ sql: SQL) throws -> Int {
        try store.connections.rows(sql, on: connection).metadata.rows ?? 0
    }

    /// Runs in the open transaction.
    func transaction<T>(_ body: (any SQLRunning) throws -> T) throws -> T {
        try body(self)
    }
}
