import Logging
import MusterCore
import MusterSQL
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// Connections to one PostgreSQL database, opened as needed and kept for the next caller.
///
/// The store's protocols are synchronous today, so a caller waits here for its answer on its own thread (never an
/// event loop's), while NIO's loops do the talking. Callers already run store work off the cooperative pool
/// (the server's `Blocking`), which is where this waiting belongs.
final class PostgresConnections: Sendable {
    let address: PostgresAddress
    private let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    private let idle = NIOLockedValueBox<[PostgresConnection]>([])
    private let nextID = NIOLockedValueBox(0)
    /// When the last attempt to connect failed, if it did: `with(orElse:)` then goes straight to its fall-back for
    /// a while, and logs the fall-back once, not per query.
    private let unreachableSince = NIOLockedValueBox<NIODeadline?>(nil)
    /// How long a server that could not be reached is passed over before it is tried again.
    private static let retryAfter = TimeAmount.seconds(10)
    /// How long an attempt to connect may take.
    private let connectTimeout: TimeAmount
    let logger = Logger(label: "muster.postgres")
    /// Connections kept open between uses; more may be open while many callers are reading at once.
    private let keptIdle = 8

    /// Connections to `address`; each attempt to connect gives up after `connectTimeout`.
    init(address: PostgresAddress, connectTimeout: TimeAmount = .seconds(10)) {
        self.address = address
        self.connectTimeout = connectTimeout
    }

    /// Whether the last attempt to connect failed, less than `retryAfter` ago.
    var recentlyUnreachable: Bool {
        unreachableSince.withLockedValue { since in since.map { .now() - $0 < Self.retryAfter } ?? false }
    }

    /// PostgresNIO stops the process when a connection is let go unclosed; a store dropped without `close()` (a
    /// command that simply ends) closes its own.
    deinit {
        close()
    }

    /// Runs `body` with a connection of its own, which goes back to the idle ones afterwards (or is closed when it
    /// broke).
    func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try take()
        do {
            let result = try body(connection)
            give(back: connection)
            return result
        } catch {
            give(back: connection)
            throw error
        }
    }

    /// Runs `body` as `with` does, on a connection of `fallback`'s when none of these can be had (the server is
    /// down or refuses), saying so once in the log until these connect again.
    func with<T>(orElse fallback: PostgresConnections, _ body: (PostgresConnections, PostgresConnection) throws -> T) throws -> T {
        // A server that could not be reached a moment ago is not waited for on every query.
        if recentlyUnreachable { return try fallback.with { try body(fallback, $0) } }
        let connection: PostgresConnection
        do {
            connection = try take()
        } catch {
            let known = unreachableSince.withLockedValue { since in
                defer { since = .now() }
                return since != nil
            }
            if !known {
                logger.warning("cannot reach \(address.host):\(address.port); reading from \(fallback.address.host):\(fallback.address.port) until it answers")
            }
            return try fallback.with { try body(fallback, $0) }
        }
        unreachableSince.withLockedValue { $0 = nil }
        defer { give(back: connection) }
        return try body(self, connection)
    }

    /// Rows of `sql` on `connection`.
    func rows(_ sql: SQL, on connection: PostgresConnection) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: sql.arguments.count)
        for argument in sql.arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(Int(value))
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            }
        }
        let query = PostgresQuery(unsafeSQL: SQLDialect.postgres.text(of: sql), binds: bindings)
        do {
            return try connection.query(query, logger: logger).wait()
        } catch let error as PSQLError {
            throw Self.failure(error)
        }
    }

    /// The rows of `sql` on `connection`, each turned into a value.
    func read<T>(_ sql: SQL, on connection: PostgresConnection, _ transform: (any ColumnReading) throws -> T) throws -> [T] {
        try rows(sql, on: connection).rows.map { try transform(PostgresColumns($0)) }
    }

    /// Runs statements with no arguments (a migration's), as one simple query.
    func execute(_ text: String, on connection: PostgresConnection) throws {
        do {
            _ = try connection.simpleQuery(text).wait()
        } catch let error as PSQLError {
            throw Self.failure(error)
        }
    }

    /// Closes every idle connection.
    func close() {
        let connections = idle.withLockedValue { all in
            defer { all.removeAll() }
            return all
        }
        for connection in connections { try? connection.close().wait() }
    }

    /// A failed statement as Muster reports it: the server's own message and hint.
    static func failure(_ error: PSQLError) -> MusterError {
        MusterError("PostgreSQL: \(reason(error))", hint: error.serverInfo?[.hint])
    }

    /// What went wrong, in words: the server's message, or the connection's own error (PSQLError's description is
    /// deliberately vague, to keep secrets out of logs; its parts are not secret).
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return String(describing: underlying) }
        return String(describing: error.code)
    }

    private func take() throws -> PostgresConnection {
        if let connection = idle.withLockedValue({ $0.popLast() }), !connection.isClosed { return connection }
        let id = nextID.withLockedValue { value in
            value += 1
            return value
        }
        do {
            var configuration = address.configuration
            configuration.options.connectTimeout = connectTimeout
            return try PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).wait()
        } catch {
            throw MusterError(
                "cannot reach PostgreSQL at \(address.host):\(address.port) (database \(address.database)): \(Self.reason(error))",
                hint: "check MUSTER_STORE, and that the server is running and lets \(address.user) in"
            )
        }
    }

    private func give(back connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let kept = idle.withLockedValue { all -> Bool in
            guard all.count < keptIdle else { return false }
            all.append(connection)
            return true
        }
        if !kept { try? connection.close().wait() }
    }
}
