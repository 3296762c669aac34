import ArgumentParser
import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterTranscripts

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Hold a conversation (as `muster chat`) and write it as a transcript that replays green.",
        discussion: """
            The conversation runs over a fixture store with the clock frozen, exactly as `muster replay` will run it.
            Handles outside the organisation, emails and phone numbers are redacted unless --no-redact is given.

            Example:
              muster record --title "Bins in Riverside" --out transcripts/bins-riverside.transcript
            """
    )

    @Option(name: .long, help: "The config file (default: $MUSTER_CONFIG, else config/northbridge/muster.yaml).")
    var config: String?

    @Option(help: "The transcript file to write.")
    var out: String

    @Option(help: "What the conversation shows.")
    var title: String

    @Option(help: "The fixture dataset: \(FixtureDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var fixture: FixtureDataset = .demo

    @Option(help: "The frozen time of the conversation (ISO 8601).")
    var now = "2026-11-24T09:42:00Z"

    @Option(help: "Who is asking.")
    var user = "officer1"

    @Option(help: "Their role: officer, lead or admin.")
    var role = "officer"

    @Flag(help: "Keep handles, emails and phone numbers as they are.")
    var noRedact = false

    func validate() throws {
        if (try? Date(now, strategy: .iso8601)) == nil { throw ValidationError("--now \(now) is not an ISO 8601 time") }
        if FileManager.default.fileExists(atPath: out) { throw ValidationError("\(out) exists; choose another name or remove it first") }
    }

    func run() throws {
        let configPath = Muster.configPath(config)
        let frozen = try Date(now, strategy: .iso8601)
        let muster = try Muster.fixture(fixture, now: frozen, configPath: configPath)
        var recorder = TranscriptRecorder(title: title, fixture: fixture, now: frozen, user: user, role: role, redact: !noRedact, muster: muster)
        let renderer = TextRenderer()
        let conversation = "record:\(out)"
        while let line = readLine() {
            let message = line.trimmed
            if message.isEmpty { continue }
            if ["quit", "exit", "bye"].contains(message.lowercased()) { break }
            let reply = renderer.render(muster.bot.respond(to: message, in: conversation))
            print(reply)
            recorder.add(message: message, reply: reply)
        }
        try recorder.transcript.write(toFile: out, atomically: true, encoding: .utf8)
        FileHandle.standardError.write(Data("wrote \(out)\n".utf8))
    }
}

extension FixtureDataset: ExpressibleByArgument {}
