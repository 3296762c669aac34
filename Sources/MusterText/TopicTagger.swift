import MusterConfig

/// Tags text with taxonomy topics by their terms; multi-label, plurals folded.
public struct TopicTagger: Sendable {
    private let index: PhraseIndex<String>

    /// Creates a tagger for `topics`.
    public init(topics: [Topic]) {
        let phrases = topics.flatMap { topic in
            ([topic.name, topic.label] + topic.terms).map { (phrase: $0, value: topic.name) }
        }
        index = PhraseIndex(phrases, fold: Tokenizer.folded)
    }

    /// The topics mentioned in `tokens`, in order of first mention, without repeats.
    public func topics(in tokens: [String]) -> [String] {
        var seen: Set<String> = []
        return index.matches(in: tokens).map(\.value).filter { seen.insert($0).inserted }
    }

    /// The topic that `tokens` name as a whole (a question's topic slot), if they name exactly one.
    public func topic(named tokens: [String]) -> String? {
        guard let match = index.match(in: tokens, at: 0), match.range.count == tokens.count else { return nil }
        return match.value
    }
}
