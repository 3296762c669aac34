import CSQLite
import MusterSQL
import Foundation

/// One SQLite connection in WAL mode, safe to share: every call holds the connection's lock.
///
/// Statements are prepared once per SQL text and cached, so hot paths (upserts, summaries) skip the parser.
public final class Database: @unchecked Sendable {
    private let connection: OpaquePointer
    private let lock = NSRecursiveLock()
    private var statements: [String: OpaquePointer] = [:]
    /// The file this connection opened.
    public let path: String

    /// Opens (creating if needed) the database at `path`, in WAL mode with foreign keys on.
    public init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(code: code, connection: handle)
            sqlite3_close_v2(handle)
            throw error
        }
        connection = handle
        self.path = path
        Self.waitForLocks(handle, milliseconds: Self.busyMilliseconds)
        // Reads come straight from the mapped file: copying pages in through read(2) was a fifth of an answer's
        // time on a million posts. Mapped pages are the kernel's page cache, shared, and dropped under pressure.
        try execute("""
            \(Self.walPragmas)
            PRAGMA foreign_keys = ON;
            PRAGMA temp_store = MEMORY;
            PRAGMA mmap_size = \(Self.mappedBytes);
            """)
    }

    /// How long a write waits for another connection's write to finish before it fails, visibly. Long writes (ingest,
    /// prune) commit in slices and pause between them, so a wait this long means something is wrong.
    private static let busyMilliseconds = 10_000

    /// Sets how long `connection` waits for a lock, polling every millisecond. SQLite's own busy timeout sleeps ever
    /// longer between tries (up to 100 ms), and so kept missing the short gaps a long ingest leaves between its
    /// transactions: an audit row waited out its whole timeout behind one.
    private static func waitForLocks(_ connection: OpaquePointer, milliseconds: Int) {
        guard milliseconds > 0 else {
            sqlite3_busy_handler(connection, nil, nil)
            return
        }
        sqlite3_busy_handler(connection, { limit, tries in
            guard Int(tries) < Int(bitPattern: limit) else { return 0 }
            usleep(1_000)
            return 1
        }, UnsafeMutableRawPointer(bitPattern: milliseconds))
    }

    /// Pauses a long write between two of its transactions, long enough for a writer waiting on another connection
    /// (polling every millisecond) to take the lock.
    func yieldToWaitingWriters() {
        usleep(3_000)
    }
    private static let walPragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"

    /// How much of the file reads may map: enough for a million posts and their indexes.
    static let mappedBytes = 1 << 30

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(connection)
    }

    /// Runs one or more statements that take no arguments (schema, pragmas).
    public func execute(_ sql: String) throws {
        try locked {
            let code = sqlite3_exec(connection, sql, nil, nil, nil)
            guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: connection, sql: sql) }
        }
    }

    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    public func run(_ sql: SQL) throws -> Int {
        try locked {
            try step(sql) { _ in }
            return Int(sqlite3_changes(connection))
        }
    }

    /// Runs a query and maps each row.
    public func rows<T>(_ sql: SQL, _ transform: (Row) throws -> T) throws -> [T] {
        try locked {
            var result: [T] = []
            try step(sql) { result.append(try transform($0)) }
            return result
        }
    }

    /// The first column of the first row as an integer, or `nil` when there is no row or it is NULL.
    public func scalar(_ sql: SQL) throws -> Int? {
        try rows(sql) { $0.optionalInt(0) }.first ?? nil
    }

    /// The rowid of the last inserted row on this connection.
    public var lastInsertRowID: Int64 {
        locked { sqlite3_last_insert_rowid(connection) }
    }

    /// Switches the file from WAL to a rollback journal, synced in full, when no other connection (of any process)
    /// has it open; `false` when it stays in WAL. For loads into an empty store (`SQLitePostStore.writeInBulk`);
    /// `useWAL` switches back.
    func useRollbackJournal() -> Bool {
        locked {
            // Another connection keeps the file in WAL: find out at once rather than wait for it to close.
            Self.waitForLocks(connection, milliseconds: 0)
            defer { Self.waitForLocks(connection, milliseconds: Self.busyMilliseconds) }
            guard (try? rows("PRAGMA journal_mode = DELETE") { $0.string(0) }.first) == "delete" else { return false }
            do {
                try execute("PRAGMA synchronous = FULL")
                return true
            } catch {
                useWAL()
                return false
            }
        }
    }

    /// Puts the file back in WAL mode with the usual sync level, after `useRollbackJournal`. Should that fail, the
    /// next connection to open the file does it.
    func useWAL() {
        try? execute(Self.walPragmas)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. Called inside another
    /// transaction on this connection, it joins that one, so a write and its audit row can land together.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try locked {
            // The lock is held for a whole transaction, so one that is open here is this thread's own.
            if sqlite3_get_autocommit(connection) == 0 { return try body() }
            try execute("BEGIN IMMEDIATE")
            do {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch {
                try? execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The statement with its arguments written in, as `sqlite3_expanded_sql` gives it: SQL another tool (the
    /// `sqlite3` shell) can run as Muster does.
    public func expanded(_ sql: SQL) throws -> String {
        try locked {
            let statement = try prepared(sql.text)
            defer { sqlite3_clear_bindings(statement) }
            try bind(sql.arguments, to: statement, sql: sql.text)
            guard let text = sqlite3_expanded_sql(statement) else { throw SQLiteError(code: SQLITE_NOMEM, connection: connection, sql: sql.text) }
            defer { sqlite3_free(text) }
            return String(cString: text)
        }
    }

    /// The cached statement for `sql`, to bind value by value in a hot loop. Use it while holding the connection
    /// (inside `locked`, as `transaction` is), and only until the next call that prepares statements on this thread.
    func statement(_ sql: String) throws -> PreparedStatement {
        try locked { PreparedStatement(handle: try prepared(sql), connection: connection, sql: sql) }
    }

    /// Runs `body` holding the connection, so no other thread's statements interleave with it.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func step(_ sql: SQL, _ onRow: (Row) throws -> Void) throws {
        let statement = try prepared(sql.text)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try bind(sql.arguments, to: statement, sql: sql.text)
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_ROW {
                try onRow(Row(statement: statement))
            } else if code == SQLITE_DONE {
                return
            } else {
                throw SQLiteError(code: code, connection: connection, sql: sql.text)
            }
        }
    }

    private func prepared(_ text: String) throws -> OpaquePointer {
        if let cached = statements[text] { return cached }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw SQLiteError(code: code, connection: connection, sql: text) }
        statements[text] = statement
        return statement
    }

    private func bind(_ arguments: [SQLValue], to statement: OpaquePointer, sql: String) throws {
        for (offset, value) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(statement, index)
            case .integer(let int): code = sqlite3_bind_int64(statement, index, int)
            case .real(let double): code = sqlite3_bind_double(statement, index, double)
            case .text(let string): code = sqlite3_bind_text(statement, index, string, -1, csqlite_transient())
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: connection, sql: sql) }
        }
    }
}
