import MusterConfig

/// How a reply in a rumour's thread stands towards the rumour.
public enum Stance: String, Sendable, CaseIterable, Hashable {
    case support
    case deny
    case query
    case comment
}

/// Reads a reply's stance from cue phrases in the lexicon: a denial cue wins, then a question, then support;
/// anything else is a comment. Explainable and quick; the measured figure is in `muster eval`.
public struct StanceClassifier: Sendable {
    private let deny: PhraseIndex<Bool>
    private let support: PhraseIndex<Bool>
    private let query: PhraseIndex<Bool>

    /// Creates a classifier from the lexicon's stance cues.
    public init(lexicon: Lexicon) {
        func index(_ kind: String) -> PhraseIndex<Bool> { PhraseIndex((lexicon.stance[kind] ?? []).map { ($0, true) }) }
        deny = index("deny")
        support = index("support")
        query = index("query")
    }

    /// The stance of a reply's text.
    public func stance(of text: String) -> Stance {
        let tokens = Tokenizer.tokens(text)
        if deny.firstMatch(in: tokens) != nil { return .deny }
        if text.contains("?"), query.firstMatch(in: tokens) != nil || text.hasSuffix("?") { return .query }
        if support.firstMatch(in: tokens) != nil || text.hasPrefix("RT ") || text.hasPrefix("“@") { return .support }
        return .comment
    }
}
