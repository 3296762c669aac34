import Foundation
import MusterPostgres

/// A new, empty database on the tests' PostgreSQL server (MUSTER_TEST_POSTGRES, which `make test` sets), for one
/// test's `MUSTER_STORE=postgres://…`, dropped when the test is done with it.
struct ThrowawayDatabase {
    /// The tests' server, when there is one.
    static let server = ProcessInfo.processInfo.environment["MUSTER_TEST_POSTGRES"].flatMap { try? PostgresAddress($0) }
    /// A streaming replica of that server, when the tests have one (MUSTER_TEST_POSTGRES_REPLICA).
    static let replica = ProcessInfo.processInfo.environment["MUSTER_TEST_POSTGRES_REPLICA"].flatMap { try? PostgresAddress($0) }

    /// The database's address, as `MUSTER_STORE` takes it.
    let address: String
    /// The database's name on the server.
    let name: String
    private let server: PostgresAddress

    /// Creates a database named for what it is for (`prefix`) on the tests' server.
    init(_ prefix: String) throws {
        guard let server = Self.server else { throw PostgresAddress.Missing() }
        self.server = server
        name = "muster_\(prefix)_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresPostStore.createDatabase(name, on: server)
        address = server.with(database: name).url
    }

    /// Opens the database's post store.
    func open() throws -> PostgresPostStore {
        try PostgresPostStore(address: server.with(database: name))
    }

    /// Drops the database, ending any connection still open to it.
    func drop() {
        try? PostgresPostStore.dropDatabase(name, on: server)
    }
}

extension PostgresAddress {
    /// No PostgreSQL server was given to the tests.
    struct Missing: Error, CustomStringConvertible {
        var description: String { "MUSTER_TEST_POSTGRES is not set" }
    }
}
