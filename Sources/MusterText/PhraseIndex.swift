/// Finds known phrases in a token sequence, longest match first, without overlaps.
///
/// The one matcher behind the gazetteer, the topic tagger and the question and hearsay cues.
public struct PhraseIndex<Value: Sendable>: Sendable {
    /// A phrase found in a token sequence.
    public struct Match {
        /// Where it is, in token positions.
        public var range: Range<Int>
        /// What the phrase stands for.
        public var value: Value
    }

    private var byFirstToken: [String: [(tokens: [String], value: Value)]] = [:]
    private let fold: @Sendable (String) -> String

    /// Creates an index of `phrases`; `fold` is applied to phrase and text tokens alike before comparing.
    public init(_ phrases: [(phrase: String, value: Value)], fold: @escaping @Sendable (String) -> String = { $0 }) {
        self.fold = fold
        for (phrase, value) in phrases {
            let tokens = Tokenizer.tokens(phrase).map(fold)
            guard let first = tokens.first else { continue }
            byFirstToken[first, default: []].append((tokens, value))
        }
        for key in byFirstToken.keys {
            byFirstToken[key]?.sort { $0.tokens.count > $1.tokens.count }
        }
    }

    /// Every non-overlapping match in `tokens`, scanning left to right and taking the longest phrase at each place.
    public func matches(in tokens: [String]) -> [Match] {
        let folded = tokens.map(fold)
        var result: [Match] = []
        var position = 0
        while position < folded.count {
            if let match = longestMatch(in: folded, at: position) {
                result.append(match)
                position = match.range.upperBound
            } else {
                position += 1
            }
        }
        return result
    }

    /// The longest phrase starting exactly at `position`, if any.
    public func match(in tokens: [String], at position: Int) -> Match? {
        longestMatch(in: tokens.map(fold), at: position)
    }

    private func longestMatch(in folded: [String], at position: Int) -> Match? {
        guard position < folded.count, let candidates = byFirstToken[folded[position]] else { return nil }
        for candidate in candidates {
            let end = position + candidate.tokens.count
            if end <= folded.count, folded[position..<end].elementsEqual(candidate.tokens) {
                return Match(range: position..<end, value: candidate.value)
            }
        }
        return nil
    }
}
