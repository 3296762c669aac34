import ArgumentParser
import Foundation
import MusterApp
import MusterCore
import MusterIngest

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load posts from NDJSON, JSON or CSV files (or http(s) URLs) into the store.",
        discussion: """
            Each file lands whole or not at all; a bad record is rejected with its file and line and the rest are kept.
            Ingesting the same file again adds nothing (posts are keyed on source and id) and refreshes engagement.
            Field names and formats are listed in the README under "Ingesting your own posts".

            Examples:
              muster ingest posts.ndjson
              muster ingest --source facebook export.csv
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "The source for records that name none (x, facebook, news, …).")
    var source = "import"

    @Option(help: "The format, when it should not be detected: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: InputFormat?

    @Argument(help: "Files or http(s) URLs to ingest.")
    var inputs: [String]

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Name at least one file to ingest.") }
    }

    func run() throws {
        let muster = try options.open()
        var total = IngestReport()
        var failed = 0
        for input in inputs {
            do {
                let report = try muster.ingester.ingest(input, source: source, format: format) { done, all in
                    ProgressBar(label: input).update(done, of: all)
                }
                print("\(input): \(report.summary)")
                for rejection in report.rejected.prefix(50) {
                    print("  rejected \(rejection)")
                }
                if report.rejected.count > 50 { print("  … and \(report.rejected.count - 50) more rejected") }
                total += report
            } catch {
                failed += 1
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            }
        }
        if inputs.count > 1 { print("total: \(total.summary)") }
        if failed > 0 { throw ExitCode.failure }
    }
}

extension InputFormat: ExpressibleByArgument {}
