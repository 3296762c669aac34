import ArgumentParser
import Foundation
import MusterApp
import MusterCore
import MusterPostgres

struct MigrateStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Move the store file's posts, rumours, audit log and erasures into an empty PostgreSQL database.",
        discussion: """
            For a deployment outgrowing one machine. Posts keep their ids, handled marks and topics; rumour statuses,
            who logged which post, the audit log and forgotten authors (with the salt their digests need) go too, in
            one transaction, counted on both sides before it commits: a difference, or a database that already holds
            anything, changes nothing. Afterwards run Muster with MUSTER_STORE set to the same address and
            MUSTER_STORE_FILE to this file, which keeps the rest (chat outbox, conversations, watches, accounts).
            Example: createdb muster && muster migrate-store postgres://muster@db.internal/muster
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The PostgreSQL database: postgres://user:password@host:port/database.")
    var address: String

    func validate() throws {
        guard PostgresAddress.isAddress(address) else { throw ValidationError("Give the target as postgres://user:password@host:port/database.") }
    }

    func run() throws {
        let muster = try options.open()
        guard muster.posts as AnyObject === muster.store else {
            throw Failure.report(MusterError("the store to move from is already on PostgreSQL", hint: "point MUSTER_STORE (or --store) at the store file"))
        }
        do {
            let target = try PostgresPostStore(address: try PostgresAddress(address))
            defer { target.close() }
            // Audited first, so that the record of the move moves with the rest.
            try muster.auditCommand("migrate store", "to \(target.address.host):\(target.address.port)/\(target.address.database)")
            let counts = try muster.migrateStore(to: target)
            print("Moved to PostgreSQL (database \(target.address.database)), counted on both sides:")
            for (table, rows) in counts { print("  \(table.padding(toLength: 18, withPad: " ", startingAt: 0)) \(rows.grouped)") }
            print("Now run Muster with MUSTER_STORE set to that address and MUSTER_STORE_FILE=\(muster.store.database.path).")
        } catch {
            throw Failure.report(error)
        }
    }
}
