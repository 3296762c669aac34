import Foundation
import MusterTesting

/// A parser that reads what strangers send (chat messages, transcripts, ingest files, webhook bodies), as a fuzz
/// target: it takes any bytes and says which of the parser's promises they broke.
///
/// `Fuzzing/` runs each under libFuzzer; the test suite replays the committed corpus (`Fuzzing/Corpus/<target>/`) through
/// the same checks without it, so an input that once broke a parser keeps guarding every test run.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The normaliser and intent matcher, on a message as typed in chat.
    case intents
    /// The transcript parser, on a transcript file.
    case transcripts
    /// The ingest readers (NDJSON, JSON array, CSV, TSV) and the mapping of a record to a post, on an input file.
    case records
    /// Every chat platform's body parser (Slack events and commands, Teams, Mattermost, the generic webhook).
    case webhooks
    /// The feed reader (RSS 2.0, RSS 1.0, Atom) of polled sources, on a feed document.
    case feed

    /// The promises `input` broke, each said in a sentence; empty when it kept them all. (A crash or a hang is the
    /// other kind of finding: libFuzzer reports those itself.)
    public func violations(_ input: Data) -> [String] {
        var check = InvariantCheck()
        switch self {
        case .intents: IntentsTarget.check(input, &check)
        case .transcripts: TranscriptsTarget.check(input, &check)
        case .records: RecordsTarget.check(input, &check)
        case .webhooks: WebhooksTarget.check(input, &check)
        case .feed: FeedTarget.check(input, &check)
        }
        return check.violations
    }

    /// Loads what the target reads with (the intents, for `intents`), so that the first input is not charged for it.
    public func prepare() {
        if self == .intents { _ = IntentsTarget.intents }
    }

    /// The longest input worth trying: a message over 8 × 500 bytes is refused unread, and every shape of a
    /// transcript, an ingest file or a webhook body shows within a few kilobytes (cutting transcripts to 2 KB kept
    /// every edge the whole files reach, and halved the corpus).
    public var maximumLength: Int {
        switch self {
        case .intents, .webhooks: 4_096
        case .records, .feed: 8_192
        case .transcripts: 2_048
        }
    }

    /// The committed corpus of inputs for this target: seeds, and every input that once broke it.
    public var corpus: URL {
        Fixture.repositoryRoot.appendingPathComponent("Fuzzing/Corpus").appendingPathComponent(rawValue)
    }
}

/// The promises broken so far by one input.
struct InvariantCheck {
    private(set) var violations: [String] = []

    /// Records `promise` as broken unless `condition` holds.
    mutating func expect(_ condition: Bool, _ promise: @autoclosure () -> String) {
        if !condition { violations.append(promise()) }
    }
}

extension String {
    /// The text quoted for a violation's sentence, cut short so that a long input does not drown the message.
    var quoted: String {
        let head = unicodeScalars.prefix(120)
        return "\"" + String(String.UnicodeScalarView(head)).debugDescription.dropFirst().dropLast() + (head.count < unicodeScalars.count ? "…" : "") + "\""
    }

    /// Whether the text holds a C0 control character other than tab, newline and carriage return, or DEL: what
    /// Muster strips from everything it stores.
    var hasControlCharacters: Bool {
        unicodeScalars.contains { ($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) || $0.value == 0x7F }
    }
}
