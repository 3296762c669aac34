import CSQLite

/// An error reported by SQLite, with the statement that caused it.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// SQLite's result code.
    public let code: Int32
    /// SQLite's message.
    public let message: String
    /// The SQL being run, when there was one.
    public let sql: String?

    init(code: Int32, connection: OpaquePointer?, sql: String? = nil) {
        self.code = code
        self.message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        self.sql = sql
    }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) (in: \(sql))" }
        return "SQLite error \(code): \(message)"
    }
}
