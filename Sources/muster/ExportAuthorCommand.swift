import ArgumentParser
import Foundation
import MusterApp
import MusterCore

struct ExportAuthorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-author",
        abstract: "Write everything held about a person as JSON, for a subject access request.",
        discussion: """
            Their posts as stored (with what Muster read from them: area, topics, kinds, sentiment, who handled them)
            and each record as it arrived, and posts by others that name them. Written to standard output, or to
            --output. The export is audited.
            Example: muster export-author @jo_bloggs --output jo_bloggs.json
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Only their posts on this source; every source when left out.")
    var source: String?

    @Option(help: "The file to write (default: standard output).")
    var output: String?

    @Argument(help: "The person's handle, with or without @.")
    var handle: String

    func run() throws {
        let muster = try options.open()
        let export = try muster.personalData.exportAuthor(handle, source: source)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(export)
        try muster.auditCommand("export author", "\(handle) on \(source ?? "every source"): \(export.posts.count) posts, \(export.mentions.count) mentions")
        if let output {
            try data.write(to: URL(fileURLWithPath: output))
            print("Wrote \(export.posts.count.grouped) posts by \(handle) and \(export.mentions.count.grouped) that name them to \(output).")
        } else {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}
