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

    /// The one topic that `tokens` name (a question's topic slot), when every word is either one of that topic's
    /// terms or filler in `ignoring` ("the new bins" → bins); `nil` when they name none or several.
    public func topic(covering tokens: [String], ignoring filler: Set<String>) -> String? {
        let matches = index.matches(in: tokens)
        guard let first = matches.first?.value, matches.allSatisfy({ $0.value == first }) else { return nil }
        let covered = Set(matches.flatMap(\.range))
        let uncovered = tokens.indices.filter { !covered.contains($0) }
        return uncovered.allSatisfy { filler.contains(tokens[$0]) } ? first : nil
    }
}
