import Foundation
import MusterApp
import MusterBot
import MusterPostgres
import MusterTesting
import MusterTranscripts
import Testing

/// Every transcript in `transcripts/` replayed as its own test case, and the replay machinery itself.
@Suite("Transcripts")
struct TranscriptTests {
    static let replayer = TranscriptReplayer(configPath: Fixture.demoConfigPath)
    static let folder = Fixture.repositoryRoot.appendingPathComponent("transcripts")
    static let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
        .filter { $0.hasSuffix(".transcript") }.sorted() ?? []

    @Test("replays green", arguments: files)
    func replay(_ name: String) throws {
        let outcome = try Self.replayer.replay(Self.folder.appendingPathComponent(name).path)
        #expect(outcome.passed, "\(outcome.failures.map(\.description).joined(separator: "\n\n"))")
    }

    /// The same transcripts with posts on PostgreSQL (MUSTER_TEST_POSTGRES, which `make test` sets).
    static let postgresReplayer: TranscriptReplayer? = ProcessInfo.processInfo.environment["MUSTER_TEST_POSTGRES"]
        .flatMap { try? PostgresAddress($0) }.map { TranscriptReplayer(configPath: Fixture.demoConfigPath, postgres: $0) }

    @Test("replays green with posts on PostgreSQL", .enabled(if: postgresReplayer != nil), arguments: files)
    func replayOnPostgres(_ name: String) throws {
        let replayer = try #require(Self.postgresReplayer)
        let outcome = try replayer.replay(Self.folder.appendingPathComponent(name).path)
        #expect(outcome.passed, "\(outcome.failures.map(\.description).joined(separator: "\n\n"))")
    }

    @Test("there are transcripts to replay")
    func present() {
        #expect(Self.files.count >= 15)
    }

    @Test("a broken copy fails with a diff naming its file and line, and --accept makes it pass again")
    func brokenCopy() throws {
        let copy = try Fixture.temporaryDirectory().appendingPathComponent("broken.transcript").path
        let original = try String(contentsOf: Self.folder.appendingPathComponent("unknown-ward.transcript"), encoding: .utf8)
        let broken = original.replacingOccurrences(of: "did you mean Ward 4 (Riverside)", with: "did you mean Ward 7 (Hill Top)")
        #expect(broken != original)
        try broken.write(toFile: copy, atomically: true, encoding: .utf8)

        let outcome = try Self.replayer.replay(copy)
        #expect(outcome.failures.count == 1, "only the broken turn fails")
        let failure = try #require(outcome.failures.first)
        #expect(failure.description.hasPrefix("\(copy):8: the reply to “what are people saying about bins in Ward 44?” differs"))
        #expect(failure.detail.contains("-I don't know an area called “Ward 44” — did you mean Ward 7 (Hill Top) or Ward 14 (Southmoor)?"))
        #expect(failure.detail.contains("+I don't know an area called “Ward 44” — did you mean Ward 4 (Riverside) or Ward 14 (Southmoor)?"))
        #expect(failure.detail.contains("@@ -9,"), "the hunk names the transcript line")

        try outcome.accepted().write(toFile: copy, atomically: true, encoding: .utf8)
        #expect(try Self.replayer.replay(copy).passed)
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == original)
    }

    @Test("every failing turn is reported, not just the first")
    func everyFailure() throws {
        let copy = try Fixture.temporaryDirectory().appendingPathComponent("two.transcript").path
        let original = try String(contentsOf: Self.folder.appendingPathComponent("small-talk.transcript"), encoding: .utf8)
        try original.replacingOccurrences(of: "Hello!", with: "Hi!").replacingOccurrences(of: "You're welcome.", with: "No problem.")
            .write(toFile: copy, atomically: true, encoding: .utf8)
        #expect(try Self.replayer.replay(copy).failures.count == 2)
    }

    @Test("a wrong intent assertion fails even when the reply matches")
    func intentAssertion() throws {
        let copy = try Fixture.temporaryDirectory().appendingPathComponent("intent.transcript").path
        let original = try String(contentsOf: Self.folder.appendingPathComponent("first-question.transcript"), encoding: .utf8)
        try original.replacingOccurrences(of: "@intent topic_summary", with: "@intent rumours").write(toFile: copy, atomically: true, encoding: .utf8)
        let failures = try Self.replayer.replay(copy).failures
        #expect(failures.count == 1)
        #expect(failures.first?.detail.hasPrefix("“what are people saying about bins in Ward 4?” resolved to topic_summary (topic_summary wins") == true)
        #expect(failures.first?.detail.hasSuffix("expected rumours") == true)
    }

    @Test("a recorded conversation replays green without edits, with personal data redacted")
    func recordThenReplay() throws {
        let muster = try Muster.fixture(.demo, now: Fixture.now, configPath: Fixture.demoConfigPath)
        var recorder = TranscriptRecorder(title: "Recorded", fixture: .demo, now: Fixture.now, users: [Speaker(name: "jen", role: .officer)], redact: true, muster: muster)
        for message in ["what are people saying about bins in Ward 4?", "and in Ward 5?", "show me the posts", "show me post 2", "help"] {
            recorder.add(message: message, reply: TextRenderer().render(muster.bot.respond(to: message, in: "recording")))
        }
        let path = try Fixture.temporaryDirectory().appendingPathComponent("recorded.transcript").path
        try recorder.transcript.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try Self.replayer.replay(path)
        #expect(outcome.passed, "\(outcome.failures.map(\.description).joined(separator: "\n"))")
        #expect(recorder.transcript.contains("@person1"))
        #expect(!recorder.transcript.contains("x.example/NB"), "handles inside links are redacted too")
    }

    @Test("a transcript in a dialect Muster cannot render yet is refused, not replayed as plain text")
    func unknownDialect() throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("slack.transcript").path
        try "# title: Slack\n# dialect: slack\n\n> hello\nHello!\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: (any Error).self) { try Self.replayer.replay(path) }
        #expect("\(error!)".contains("`# dialect: slack` is not one Muster renders yet"))
    }

    @Test("a malformed transcript is an error with its file and line")
    func malformed() throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("bad.transcript").path
        try "# title: Bad\n# user: jen officer\nsam> hello\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: (any Error).self) { try Self.replayer.replay(path) }
        #expect("\(error!)".contains("bad.transcript:3: sam is not one of the header's users"))
    }

    @Test("a `# user:` line that names no one is an error with its line, not a crash (found by fuzzing)")
    func userWithNoName() throws {
        let error = #expect(throws: (any Error).self) { try Transcript.parse("# title: Bad\n# user:\n> hello\nhi\n", path: "bad.transcript") }
        #expect("\(error!)".contains("bad.transcript:2: `# user:` names no one"))
    }
}
