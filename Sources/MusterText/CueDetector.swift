import MusterConfig

/// Spots posts that ask something and posts that pass on something unconfirmed.
public struct CueDetector: Sendable {
    private let openers: PhraseIndex<Bool>
    private let hearsay: PhraseIndex<Bool>

    /// Creates a detector from the lexicon's cue lists.
    public init(lexicon: Lexicon) {
        openers = PhraseIndex(lexicon.questionOpeners.map { ($0, true) })
        hearsay = PhraseIndex(lexicon.hearsay.map { ($0, true) })
    }

    /// Whether the post asks a question: a question mark, or a question opening.
    public func isQuestion(_ text: String, tokens: [String]) -> Bool {
        text.utf8.contains(UInt8(ascii: "?")) || openers.match(in: tokens, at: 0) != nil
    }

    /// Whether the post asserts something unconfirmed ("apparently", "I heard", "is it true").
    public func isClaim(tokens: [String]) -> Bool {
        hearsay.firstMatch(in: tokens) != nil
    }
}
