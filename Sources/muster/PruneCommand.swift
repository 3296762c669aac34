import ArgumentParser
import Foundation
import MusterApp
import MusterCore

struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete what is past its retention period: old posts, audit rows, staff messages and sent chat messages.",
        discussion: """
            Posts made more than `retention_days` ago go, with their search and topic rows; audit rows and the staff
            messages kept for improving the intents go after `audit_retention_days`; delivered or failed chat messages
            after 30 days. `muster serve` does this by itself once a day. Each run is audited with its counts.
            --vacuum then gives the freed space back to the disk (it rewrites the file: slow on a big store, and
            other writers wait for it).
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Rewrite the store afterwards to give the freed space back to the disk.")
    var vacuum = false

    func run() throws {
        let muster = try options.open()
        let counts = try muster.retention.prune(by: "\(Muster.operatorName) (cli)", channel: "cli")
        print("Deleted \(counts).")
        guard vacuum else { return }
        let size = try muster.store.vacuum()
        try muster.auditCommand("vacuum", "store \(size.before.grouped) bytes before, \(size.after.grouped) after")
        print("Store: \(Self.megabytes(size.before)) before, \(Self.megabytes(size.after)) after.")
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
