import MusterConfig

/// What makes a post that waits for a reply urgent — children, the elderly, damp and mould, no heating, water in
/// the home, threats, self-harm (the lexicon's `urgent` cues) — so triage can put it before older, louder posts and
/// say why.
public struct UrgencyCues: Sendable {
    private let cues: PhraseIndex<String>

    /// Creates the cues from the lexicon.
    public init(lexicon: Lexicon) {
        cues = PhraseIndex(lexicon.kinds.urgent.map { ($0, $0) })
    }

    /// The urgent cues a text names, each once, in the order it names them.
    public func cues(in text: String) -> [String] {
        var seen: Set<String> = []
        return cues.matches(in: Tokenizer.tokens(text)).map(\.value).filter { seen.insert($0).inserted }
    }
}
