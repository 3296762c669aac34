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

    /// Starts a transcript.
    ///
    /// - Parameters:
    ///   - title: what the conversation shows.
    ///   - fixture: the dataset the conversation ran over.
    ///   - now: the frozen time it ran at.
    ///   - user: who asked, with their role.
    ///   - redact: whether to replace personal data (handles outside the organisation, emails, phone numbers).
    ///   - muster: the Muster the conversation runs on, for the organisation's own handles.
    public init(title: String, fixture: FixtureDataset, now: Date, user: String, role: String, redact: Bool, muster: Muster) {
        text = """
            # title: \(title)
            # fixture: \(fixture.rawValue)
            # now: \(now.formatted(.iso8601))
            # user: \(user) (\(role))
            # channel: #comms
            # redact: \(redact ? "yes" : "no")

            """
        redactor = redact ? Redactor(publicHandles: TranscriptReplayer.publicHandles(of: muster)) : nil
    }

    /// Adds a turn: the message and the reply as rendered.
    public mutating func add(message: String, reply: String) {
        let lines = TranscriptReplayer.lines(of: reply).map { line in redactor.map { _ in redactor!.redact(line) } ?? line }
        text += "\n> \(message)\n" + lines.map(ExpectedLine.escapeIfNeeded).joined(separator: "\n") + "\n"
    }

    /// The transcript so far.
    public var transcript: String { text }
}
