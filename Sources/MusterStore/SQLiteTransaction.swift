import MusterSQL

/// Statements on the writing connection inside its open transaction (`SQLitePostStore.transaction`).
struct SQLiteTransaction: SQLRunning {
    let database: Database

    var dialect: SQLDialect { .sqlite }

    func read<T>(_ sql: SQL, _ transform: (any ColumnReading) throws -> T) throws -> [T] {
        try database.rows(sql) { try transform($0) }
    }

    @discardableResult
    func change(_ sql: SQL) throws -> Int {
        try database.run(sql)
    }

    /// Joins the open transaction (`Database.transaction` does when one is open on the connection).
    func transaction<T>(_ body: (any SQLRunning) throws -> T) throws -> T {
        try database.transaction { try body(self) }
    }
}
