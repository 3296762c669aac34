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
    /// `nil` when tokens are compared as they are, as most indexes do: a text's tokens are then read in place
    /// rather than copied for every search.
    private let fold: (@Sendable (String) -> String)?

    /// Creates an index of `phrases`; `fold` is applied to phrase and text tokens alike before comparing.
    public init(_ phrases: [(phrase: String, value: Value)], fold: (@Sendable (String) -> String)? = nil) {
        self.fold = fold
        for (phrase, value) in phrases {
            let tokens = Tokenizer.tokens(phrase).map { fold?($0) ?? $0 }
            guard let first = tokens.first else { continue }
            byFirstToken[first, default: []].append((tokens, value))
        }
        for key in byFirstToken.keys {
            byFirstToken[key]?.sort { $0.tokens.count > $1.tokens.count }
        }
    }

    /// Every non-overlapping match in `tokens`, scanning left to right and taking the longest phrase at each place.
    public func matches(in tokens: [String]) -> [Match] {
        var result: [Match] = []
        scan(tokens) { result.append($0); return true }
        return result
    }

    /// The first of `matches(in:)`, found without looking further.
    public func firstMatch(in tokens: [String]) -> Match? {
        var first: Match?
        scan(tokens) { first = $0; return false }
        return first
    }

    /// The longest phrase starting exactly at `position`, if any.
    public func match(in tokens: [String], at position: Int) -> Match? {
        longestMatch(in: tokens, at: position) { fold?($0) ?? $0 }
    }

    /// Hands each match to `found`, left to right, until it returns `false`.
    private func scan(_ tokens: [String], _ found: (Match) -> Bool) {
        // Folded once up front: a token can be compared several times.
        let folded = fold.map { tokens.map($0) } ?? tokens
        var position = 0
        while position < folded.count {
            if let match = longestMatch(in: folded, at: position, fold: { $0 }) {
                guard found(match) else { return }
                position = match.range.upperBound
            } else {
                position += 1
            }
        }
    }

    private func longestMatch(in tokens: [String], at position: Int, fold: (String) -> String) -> Match? {
        guard position < tokens.count, let candidates = byFirstToken[fold(tokens[position])] else { return nil }
        for candidate in candidates {
            let end = position + candidate.tokens.count
            if end <= tokens.count, zip(tokens[position..<end], candidate.tokens).allSatisfy({ fold($0) == $1 }) {
                return Match(range: position..<end, value: candidate.value)
            }
        }
        return nil
    }
}
