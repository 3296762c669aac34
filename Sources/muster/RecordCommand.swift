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

    @Option(name: .customLong("user"), help: "Who takes part, as name:role (officer, lead, admin); repeat for several. A line typed as `name> message` is spoken by that person.")
    var users: [String] = ["officer1:officer"]

    @Flag(help: "Keep handles, emails and phone numbers as they are.")
    var noRedact = false

    func validate() throws {
        for user in users where Self.speaker(user) == nil {
            throw ValidationError("--user \(user): expected name:role with role officer, lead or admin")
        }
        if (try? Date(now, strategy: .iso8601)) == nil { throw ValidationError("--now \(now) is not an ISO 8601 time") }
        if FileManager.default.fileExists(atPath: out) { throw ValidationError("\(out) exists; choose another name or remove it first") }
    }

    func run() throws {
        let configPath = Muster.configPath(config)
        let frozen = try Date(now, strategy: .iso8601)
        let muster = try Muster.fixture(fixture, now: frozen, configPath: configPath)
        let speakers = users.compactMap(Self.speaker)
        var recorder = TranscriptRecorder(title: title, fixture: fixture, now: frozen, users: speakers, redact: !noRedact, muster: muster)
        let renderer = TextRenderer()
        let conversation = "record:\(out)"
        while let line = readLine() {
            var message = line.trimmed
            var speaker = speakers[0]
            if let marker = message.range(of: "> "), let named = speakers.first(where: { $0.name == message[..<marker.lowerBound] }) {
                speaker = named
                message = String(message[marker.upperBound...])
            }
            if message.isEmpty { continue }
            if ["quit", "exit", "bye"].contains(message.lowercased()) { break }
            let reply = renderer.render(muster.bot.respond(to: message, in: conversation, from: speaker))
            print(reply)
            recorder.add(message: message, reply: reply, from: speaker)
        }
        try recorder.transcript.write(toFile: out, atomically: true, encoding: .utf8)
        FileHandle.standardError.write(Data("wrote \(out)\n".utf8))
    }
}

extension RecordCommand {
    static func speaker(_ text: String) -> Speaker? {
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count == 2, let role = Speaker.Role(rawValue: parts[1]) else { return nil }
        return Speaker(name: parts[0], role: role, channel: "#comms")
    }
}

extension FixtureDataset: ExpressibleByArgument {}
