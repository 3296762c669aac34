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

    /// Reads an address; a malformed one is an error that says what is wrong with it.
    public init(_ text: String) throws {
        guard Self.isAddress(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw MusterError("not a PostgreSQL address: \(text)", hint: "write it as postgres://user:password@host:port/database")
        }
        guard let user = url.user, !user.isEmpty else {
            throw MusterError("the PostgreSQL address names no user: \(text)", hint: "write it as postgres://user:password@host:port/database")
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

    var configuration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
    }
}
