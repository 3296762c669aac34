import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterIntents
import MusterPostgres

/// Replays transcripts through the same bot the service runs, over fixture stores with the clock frozen at each
/// transcript's "now", and reports every turn whose reply differs.
///
/// Safe to share: fixtures are built once per (dataset, now) under a lock and then only read.
public final class TranscriptReplayer: @unchecked Sendable {
    /// A turn whose reply (or intent) was not the one expected.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The transcript file.
        public var file: String
        /// The line of the turn's message.
        public var line: Int
        /// What was wrong, as a unified diff or a sentence.
        public var detail: String

        public var description: String { "\(file):\(line): \(detail)" }
    }

    /// One transcript's outcome.
    public struct Outcome: Sendable {
        /// The transcript as read.
        public var transcript: Transcript
        /// Each turn's actual reply lines, in order.
        public var replies: [[String]]
        /// The turns that failed.
        public var failures: [Failure]
        /// Whether every turn passed.
        public var passed: Bool { failures.isEmpty }
    }

    private let configPath: String
    private let postgres: PostgresAddress?
    private let lock = NSLock()
    private var fixtures: [String: Muster] = [:]
    /// On PostgreSQL, each fixture's posts in a database of their own, copied for each transcript.
    private var templates: [String: String] = [:]

    /// Creates a replayer for transcripts of the organisation configured at `configPath`; with `postgres`, the
    /// answers read posts from a PostgreSQL server (each transcript from a private copy of its fixture's posts).
    public init(configPath: String, postgres: PostgresAddress? = nil) {
        self.configPath = configPath
        self.postgres = postgres
    }

    /// Replays one transcript file.
    ///
    /// - Throws: `MusterError` when the file is malformed or its fixture cannot be built.
    public func replay(_ path: String) throws -> Outcome {
        let transcript = try Transcript.load(path)
        // Each transcript gets its own copy of the fixture, so one that marks a post handled changes no other.
        let fixture = try fixture(for: transcript)
        let posts = try postgres.map { try privatePosts(from: fixture, on: $0) }
        defer { posts?.remove() }
        let muster = try fixture.copy(configPath: transcript.config ?? configPath, posts: posts.map { PostBackend($0.store) })
        var redactor = Redactor(publicHandles: Self.publicHandles(of: muster))
        let conversation = "transcript:\(path):\(UUID().uuidString)"
        var replies: [[String]] = []
        var failures: [Failure] = []
        for turn in transcript.turns {
            let speaker = Self.speaker(turn.user, in: transcript)
            let reading = muster.bot.reading(of: turn.message, in: conversation)
            let actual = Self.lines(of: TextRenderer().render(muster.bot.respond(to: turn.message, in: conversation, from: speaker)))
                .map { transcript.redact ? redactor.redact($0) : $0 }
            replies.append(actual)
            if turn.intent != nil || turn.slots != nil {
                if let intent = turn.intent, reading.intent != intent {
                    failures.append(Failure(file: path, line: turn.line, detail: "“\(turn.message)” resolved to \(reading.intent ?? "no intent") (\(reading.why)), expected \(intent)"))
                }
                if let slots = turn.slots, reading.slots.stated.mapValues({ $0.lowercased() }) != slots {
                    let got = reading.slots.stated.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                    failures.append(Failure(file: path, line: turn.line, detail: "“\(turn.message)” gave slots \(got.isEmpty ? "none" : got)"))
                }
            }
            let comparison = ReplyComparison(expected: turn.expected, actual: actual)
            if !comparison.passed {
                let diff = comparison.unifiedDiff(file: path, expectedStart: turn.expectedLines.lowerBound + 1)
                failures.append(Failure(file: path, line: turn.line, detail: "the reply to “\(turn.message)” differs\n\(diff)"))
            }
        }
        return Outcome(transcript: transcript, replies: replies, failures: failures)
    }

    /// Muster over the transcript's fixture at its "now"; built once per (dataset, now) in a run.
    func fixture(for transcript: Transcript) throws -> Muster {
        lock.lock()
        defer { lock.unlock() }
        let config = transcript.config ?? configPath
        let key = "\(transcript.fixture)@\(transcript.now.timeIntervalSince1970)@\(config)"
        if let built = fixtures[key] { return built }
        guard let dataset = FixtureDataset(rawValue: transcript.fixture) else {
            throw MusterError("\(transcript.path): unknown fixture “\(transcript.fixture)”",
                              hint: "Use one of: \(FixtureDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let muster = try Muster.fixture(dataset, now: transcript.now, configPath: config)
        fixtures[key] = muster
        return muster
    }

    /// A private PostgreSQL copy of the fixture's posts, and what removes it afterwards.
    private func privatePosts(from fixture: Muster, on server: PostgresAddress) throws -> (store: PostgresPostStore, remove: () -> Void) {
        let template = try postgresTemplate(for: fixture, on: server)
        let name = "muster_replay_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresPostStore.createDatabase(name, on: server, template: template)
        let store = try PostgresPostStore(address: server.with(database: name))
        return (store, {
            store.close()
            try? PostgresPostStore.dropDatabase(name, on: server)
        })
    }

    /// The database holding the fixture's posts, made once per fixture: copying a database is quicker than loading
    /// the posts again. No one stays connected to it, as PostgreSQL requires of a template.
    private func postgresTemplate(for fixture: Muster, on server: PostgresAddress) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let key = ObjectIdentifier(fixture.store).debugDescription
        if let made = templates[key] { return made }
        let name = "muster_fixture_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresPostStore.createDatabase(name, on: server)
        let store = try PostgresPostStore(address: server.with(database: name))
        defer { store.close() }
        _ = try fixture.migrateStore(to: store)
        // Statistics for the planner, which a new database lacks; the copies inherit them.
        try store.analyze()
        templates[key] = name
        return name
    }

    /// The person a turn comes from, with the role the header gives them (officer when it gives none).
    static func speaker(_ user: String?, in transcript: Transcript) -> Speaker {
        let name = user ?? transcript.users.keys.sorted().first ?? "officer1"
        let role = transcript.users[name].flatMap(Speaker.Role.init(rawValue:)) ?? .officer
        return Speaker(name: name, role: role, channel: transcript.channel)
    }

    static func publicHandles(of muster: Muster) -> Set<String> {
        let config = muster.config
        return Set(config.organisation.handles + config.accounts.map(\.handle) + config.outlets.flatMap(\.handles))
    }

    /// A rendered reply as lines, without trailing blank lines.
    static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.trimmed.isEmpty == true { lines.removeLast() }
        return lines
    }
}
