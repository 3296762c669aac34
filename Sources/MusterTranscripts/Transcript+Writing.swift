import Foundation
import MusterApp
import MusterBot

extension TranscriptReplayer.Outcome {
    /// The transcript's text with the expected reply of every failing turn replaced by the actual one; headers,
    /// messages, assertions and passing turns are kept as written.
    public func accepted() -> String {
        let failing = Set(failures.map(\.line))
        var lines = transcript.lines
        for (turn, reply) in zip(transcript.turns, replies).reversed() where failing.contains(turn.line) {
            let kept = transcript.lines[turn.expectedLines].filter { $0.hasPrefix("@intent") || $0.hasPrefix("@slots") }
            lines.replaceSubrange(turn.expectedLines, with: kept + reply.map(ExpectedLine.escapeIfNeeded))
        }
        return lines.joined(separator: "\n")
    }
}

/// Writes a conversation as a transcript that replays green: the header, then each message and the reply given.
public struct TranscriptRecorder {
    private var text: String
    private var redactor: Redactor?
    private let named: Bool

    /// Starts a transcript.
    ///
    /// - Parameters:
    ///   - title: what the conversation shows.
    ///   - fixture: the dataset the conversation ran over.
    ///   - now: the frozen time it ran at.
    ///   - users: who takes part, with their roles; when there are several, each turn names its speaker.
    ///   - redact: whether to replace personal data (handles outside the organisation, emails, phone numbers).
    ///   - muster: the Muster the conversation runs on, for the organisation's own handles.
    public init(title: String, fixture: FixtureDataset, now: Date, users: [Speaker], redact: Bool, muster: Muster) {
        named = users.count > 1
        text = """
            # title: \(title)
            # fixture: \(fixture.rawValue)
            # now: \(now.formatted(.iso8601))
            \(users.map { "# user: \($0.name) (\($0.role.rawValue))" }.joined(separator: "\n"))
            # channel: #comms
            # redact: \(redact ? "yes" : "no")

            """
        redactor = redact ? Redactor(publicHandles: TranscriptReplayer.publicHandles(of: muster)) : nil
    }

    /// Adds a turn: who sent it, the message, and the reply as rendered.
    public mutating func add(message: String, reply: String, from speaker: Speaker? = nil) {
        let lines = TranscriptReplayer.lines(of: reply).map { line in redactor.map { _ in redactor!.redact(line) } ?? line }
        let who = named ? speaker?.name ?? "" : ""
        text += "\n\(who)> \(message)\n" + lines.map(ExpectedLine.escapeIfNeeded).joined(separator: "\n") + "\n"
    }

    /// The transcript so far.
    public var transcript: String { text }
}
