import CSQLite
import MusterSQL

/// A cached statement whose parameters are bound one by one, for loops that run it thousands of times: no `SQL`
/// text is built, hashed and looked up and no argument array is allocated per row, as `Database.run` does.
struct PreparedStatement {
    let handle: OpaquePointer
    let connection: OpaquePointer
    let sql: String

    func bind(_ value: String?, at index: Int32) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        // The length is known, so SQLite need not scan for the terminator; it copies the bytes (transient).
        sqlite3_bind_text(handle, index, value, Int32(value.utf8.count), csqlite_transient())
    }

    /// Binds text copied into `arena`, which SQLite then reads in place rather than copying again.
    func bind(_ value: String?, at index: Int32, in arena: BindingArena) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        guard let copy = arena.copy(value) else { bind(value, at: index); return }
        copy.withMemoryRebound(to: CChar.self, capacity: value.utf8.count) {
            _ = sqlite3_bind_text(handle, index, $0, Int32(value.utf8.count), nil)
        }
    }

    func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ value: Double?, at index: Int32) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_double(handle, index, value)
    }

    /// Runs the statement to its end and resets it for the next row; returns how many rows it changed.
    @discardableResult
    func run() throws -> Int {
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw SQLiteError(code: code, connection: connection, sql: sql) }
        return Int(sqlite3_changes(connection))
    }
}
