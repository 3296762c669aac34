import ArgumentParser
import Foundation
import MusterApp
import MusterCore
import MusterPostgres

struct MigrateStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy the store file's posts, rumours, audit log and erasures into an empty PostgreSQL database, or back.",
        discussion: """
            For a deployment outgrowing one machine. Posts keep their ids, handled marks and topics; rumour statuses,
            who logged which post, the audit log and forgotten authors (with the salt their digests need) go too, in
            one transaction, counted on both sides before it commits: a difference, or a target that already holds
            any of it, changes nothing. Afterwards run Muster with MUSTER_STORE set to the same address and
            MUSTER_STORE_FILE to this file, which keeps the rest (chat outbox, watches, accounts).
            With --back the same records are copied from the database into the store file, which must hold none.
            Example: createdb muster && muster migrate-store postgres://muster@db.internal/muster
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Copy from the PostgreSQL database into the store file instead.")
    var back = false

    @Argument(help: "The PostgreSQL database: postgres://user:password@host:port/database.")
    var address: String

    func validate() throws {
        guard PostgresAddress.isAddress(address) else { throw ValidationError("Give the database as postgres://user:password@host:port/database.") }
    }

    func run() throws {
        let muster = try options.open()
        guard muster.posts as AnyObject === muster.store else {
            throw Failure.report(MusterError("the store opened is already on PostgreSQL", hint: "point MUSTER_STORE (or --store) at the store file"))
        }
        do {
            let database = try PostgresPostStore(address: try PostgresAddress(address))
            defer { database.close() }
            let place = "\(database.address.host):\(database.address.port)/\(database.address.database)"
            let counts: [(table: String, rows: Int)]
            if back {
                counts = try muster.migrateStore(from: database)
                // Audited afterwards: the store file must be empty of audit rows to take the database's.
                try muster.auditCommand("migrate store", "back from \(place)")
                print("Copied from PostgreSQL (database \(database.address.database)) into \(muster.store.database.path), counted on both sides:")
            } else {
                // Audited first, so that the record of the copy goes with the rest.
                try muster.auditCommand("migrate store", "to \(place)")
                counts = try muster.migrateStore(to: database)
                print("Copied to PostgreSQL (database \(database.address.database)), counted on both sides:")
            }
            for (table, rows) in counts { print("  \(table.padding(toLength: 18, withPad: " ", startingAt: 0)) \(rows.grouped)") }
            if !back {
                print("Now run Muster with MUSTER_STORE set to that address and MUSTER_STORE_FILE=\(muster.store.database.path).")
            }
        } catch {
            throw Failure.report(error)
        }
    }
}
