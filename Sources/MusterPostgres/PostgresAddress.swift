import Foundation
import MusterCore
import PostgresNIO

/// Where a PostgreSQL store is: a `postgres://user:password@host:port/database` address, as `MUSTER_STORE` gives it.
public struct PostgresAddress: Sendable, Equatable {
    /// The server's host name or address.
    public var host: String
    /// The server's port (5432 unless said).
    public var port: Int
    /// Who Muster signs in as.
    public var user: String
    /// The user's password, when the server asks for one.
    public var password: String?
    /// The database (the user's name unless said).
    public var database: String

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads an address; a malformed one is an error that says what is wrong with it (never the address itself,
    /// which may hold a password).
    public init(_ text: String) throws {
        guard Self.isAddress(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw MusterError("not a PostgreSQL address (postgres://… with a host)", hint: "write it as postgres://user:password@host:port/database")
        }
        guard let user = url.user, !user.isEmpty else {
            throw MusterError("the PostgreSQL address names no user", hint: "write it as postgres://user:password@host:port/database")
        }
        let database = String(url.path.drop { $0 == "/" })
        self.host = host
        port = url.port ?? 5432
        self.user = user
        password = url.password
        self.database = database.isEmpty ? user : database
    }

    /// The same server and user, another database.
    public func with(database: String) -> PostgresAddress {
        var copy = self
        copy.database = database
        return copy
    }

    /// The address written out as `MUSTER_STORE` takes it, password and all (so not a description: a log line
    /// interpolating an address must not print it).
    public var url: String {
        var url = URLComponents()
        url.scheme = "postgres"
        url.user = user
        url.password = password
        url.host = host
        url.port = port
        url.path = "/" + database
        return url.string ?? "postgres://\(user)@\(host):\(port)/\(database)"
    }

    var configuration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
    }
}
