import ArgumentParser
import Foundation
import MusterApp
import MusterCore
import MusterTranscripts

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay transcripts as tests: every turn must get the reply it records.",
        discussion: """
            Each transcript runs against its fixture store with the clock frozen at its `# now:`. Every failing turn
            is shown as a unified diff with its file and line; the last line reads "N passed, N failed".
            After a deliberate wording change, --accept rewrites the failing turns' expected replies in place.

            Examples:
              muster replay
              muster replay transcripts/bins-riverside.transcript
              muster replay --accept
            """
    )

    @Option(name: .long, help: "The config file (default: $MUSTER_CONFIG, else config/northbridge/muster.yaml).")
    var config: String?

    @Flag(help: "Rewrite the expected replies of failing turns with the replies given now.")
    var accept = false

    @Argument(help: "Transcript files or folders (default: transcripts/).")
    var paths: [String] = ["transcripts"]

    func run() throws {
        let configPath = Muster.configPath(config)
        let files = try TranscriptFiles.find(paths)
        guard !files.isEmpty else { throw Failure.report(MusterError("no .transcript files in \(paths.joined(separator: ", "))")) }
        let replayer = TranscriptReplayer(configPath: configPath)
        var passed = 0
        var failed = 0
        for file in files {
            do {
                let outcome = try replayer.replay(file)
                if outcome.passed {
                    passed += 1
                    continue
                }
                failed += 1
                for failure in outcome.failures { print(failure, terminator: "\n\n") }
                if accept {
                    try outcome.accepted().write(toFile: file, atomically: true, encoding: .utf8)
                    print("accepted \(outcome.failures.count) failing turn(s) in \(file)\n")
                }
            } catch {
                failed += 1
                print("\(error)\n")
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 && !accept { throw ExitCode.failure }
    }
}

/// The transcript files named on the command line: files as given, folders searched for `*.transcript`.
enum TranscriptFiles {
    static func find(_ paths: [String]) throws -> [String] {
        try paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw Failure.report(MusterError("no such file or folder: \(path)"))
            }
            guard isFolder.boolValue else { return [path] }
            return try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".transcript") }.sorted().map { "\(path)/\($0)" }
        }
    }
}
