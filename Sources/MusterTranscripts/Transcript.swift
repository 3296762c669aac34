import Foundation

/// A recorded conversation that is also a strict test: a header, then turns of a person's message and the reply
/// Muster must give. See `transcripts/README.md` for the format.
public struct Transcript: Sendable {
    /// The file it was read from.
    public var path: String
    /// What the conversation shows.
    public var title: String
    /// The dataset the store is built from (`demo`, `empty` or `glasgow`).
    public var fixture: String
    /// The organisation's config the conversation runs under, when not the replayer's (`config/glasgow/muster.yaml`).
    public var config: String?
    /// The frozen "now" the conversation happens at.
    public var now: Date
    /// People in the conversation: name → role (officer, lead, admin).
    public var users: [String: String]
    /// Where the conversation happens (a channel or thread name).
    public var channel: String
    /// How replies are rendered: `text` (chat dialects come with the chat adapters).
    public var dialect: String
    /// Whether handles outside the organisation, emails and phone numbers are replaced before comparing.
    public var redact: Bool
    /// The turns, in order.
    public var turns: [Turn]
    /// The file's lines, kept so `--accept` can rewrite expectations in place.
    var lines: [String]

    /// One message and the reply expected to it.
    public struct Turn: Sendable {
        /// Who sent it, when the transcript names people.
        public var user: String?
        /// What they wrote.
        public var message: String
        /// The line of the message (1-based).
        public var line: Int
        /// The intent the message must resolve to, when asserted.
        public var intent: String?
        /// The slots it must yield, when asserted.
        public var slots: [String: String]?
        /// The expected reply, line by line.
        public var expected: [ExpectedLine]
        /// The file lines (0-based, half-open) that hold the expected reply.
        var expectedLines: Range<Int>
    }
}

/// One line of an expected reply.
public enum ExpectedLine: Sendable, Hashable {
    /// The line exactly.
    case exact(String)
    /// A line matching this regular expression (`~ …`).
    case pattern(String)
    /// A line containing this text (`* …`).
    case contains(String)
    /// A line that may be there or not (`? …`).
    case optional(String)
    /// Any number of lines, including none (`...`).
    case anyLines

    /// How the line is written in a transcript.
    var written: String {
        switch self {
        case .exact(let text): return Self.escapeIfNeeded(text)
        case .pattern(let text): return "~ " + text
        case .contains(let text): return "* " + text
        case .optional(let text): return "? " + text
        case .anyLines: return "..."
        }
    }

    /// A literal line that would otherwise read as an escape or a turn gets a leading backslash.
    package static func escapeIfNeeded(_ text: String) -> String {
        let special = ["~ ", "* ", "? ", "@intent", "@slots", "\\", "#", ">"].contains { text.hasPrefix($0) }
            || text == "..." || Transcript.turnStart(text) != nil
        return special ? "\\" + text : text
    }
}
