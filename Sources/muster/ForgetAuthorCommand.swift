import ArgumentParser
import Foundation
import MusterApp
import MusterCore

struct ForgetAuthorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget-author",
        abstract: "Erase a person: delete every post by them and never store their posts again.",
        discussion: """
            For a request to erase (GDPR article 17). Every post by the handle goes, with its search and topic rows,
            so they no longer appear in any answer, rumour or count. The store keeps only a salted hash of the handle,
            never the handle, so that later ingests withhold their posts. The erasure is audited.
            Example: muster forget-author @jo_bloggs --source x
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Only their posts on this source (x, facebook, …); every source when left out.")
    var source: String?

    @Argument(help: "The person's handle, with or without @.")
    var handle: String

    func validate() throws {
        if handle.trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "@")).isEmpty { throw ValidationError("Give the handle of the person to forget.") }
    }

    func run() throws {
        let muster = try options.open()
        let removed = try muster.personalData.forgetAuthor(handle, source: source, at: muster.clock.now)
        // The audit names the handle: the record of an erasure has to say whose it was.
        try muster.auditCommand("forget author", "\(handle) on \(source ?? "every source"): \(removed.grouped) posts deleted")
        print("Forgot \(handle) on \(source ?? "every source"): \(removed.grouped) posts deleted; later posts by them will be withheld.")
    }
}
