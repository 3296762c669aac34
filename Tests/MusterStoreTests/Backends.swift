import Foundation
import MusterCore
import MusterPostgres
import MusterSQL
import MusterStore
import Testing

/// The stores a storage test runs on: SQLite always, PostgreSQL when `MUSTER_TEST_POSTGRES` gives a server (as
/// `make test` does, starting a throwaway cluster with scripts/with-postgres.sh).
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The PostgreSQL server's address for tests, when there is one.
    static var postgresAddress: String? {
        ProcessInfo.processInfo.environment["MUSTER_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The backends this run can reach.
    static var available: [Backend] {
        postgresAddress == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A new, empty store of this kind, and what removes it afterwards.
    func emptyStore() throws -> (store: any SQLPostReading & PostWriting, remove: @Sendable () -> Void) {
        let (stores, remove) = try emptyStores(1)
        return (stores[0], remove)
    }

    /// `count` stores opened on one new, empty database, as that many instances of Muster sharing it would be, and
    /// what closes them and removes it afterwards.
    func emptyStores(_ count: Int) throws -> (stores: [any SQLPostReading & PostWriting], remove: @Sendable () -> Void) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString)")
            let path = folder.appendingPathComponent("posts.sqlite").path
            let stores = try (0..<count).map { _ in try SQLitePostStore(path: path) }
            return (stores, { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            let (database, drop) = try Self.newPostgresDatabase()
            let stores = try (0..<count).map { _ in try PostgresPostStore(address: database) }
            return (stores, {
                for store in stores { store.close() }
                drop()
            })
        }
    }

    /// A new, empty database on the tests' PostgreSQL server, and what drops it.
    static func newPostgresDatabase() throws -> (address: PostgresAddress, drop: @Sendable () -> Void) {
        let server = try PostgresAddress(try #require(postgresAddress))
        let name = "muster_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresPostStore.createDatabase(name, on: server)
        return (server.with(database: name), { try? PostgresPostStore.dropDatabase(name, on: server) })
    }
}

@Suite("Storage backends")
struct BackendAvailabilityTests {
    @Test("the PostgreSQL half of the storage suite runs in CI, and says so when it is skipped elsewhere")
    func postgresRunsInCI() {
        guard Backend.postgresAddress == nil else { return }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("MUSTER_TEST_POSTGRES is not set: in CI the storage suite must run on PostgreSQL too (make test starts a cluster)")
        } else {
            print("note: the PostgreSQL storage tests were skipped: MUSTER_TEST_POSTGRES is not set (make test sets it)")
        }
    }
}
