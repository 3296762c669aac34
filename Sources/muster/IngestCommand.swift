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
            A bad record is rejected with its file and line and the rest are kept; the command then exits non-zero.
            Into an empty store a file lands whole or not at all; into a store in use it is committed a batch at a time,
            so answers and audit writes never wait behind it. Ingesting the same file again adds nothing (posts are
            keyed on source and id): it refreshes engagement, and takes in text edited at the source ("edited").
            A record with "deleted": true removes the stored post with its source and id.
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
        try muster.auditCommand("ingest", "\(inputs.joined(separator: " ")): \(total.summary)\(failed > 0 ? ", \(failed) failed" : "")")
        // A script must be able to tell that something was refused.
        if failed > 0 || !total.rejected.isEmpty {
            if !total.rejected.isEmpty {
                FileHandle.standardError.write(Data("error: \(total.rejected.count.grouped) record(s) rejected; the rest were stored\n".utf8))
            }
            throw ExitCode.failure
        }
    }
}

extension InputFormat: ExpressibleByArgument {}
