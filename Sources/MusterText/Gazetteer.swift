import MusterConfig

/// Places text in a ward by the names, aliases, streets, estates, landmarks and postcode districts it mentions.
public struct Gazetteer: Sendable {
    private let index: PhraseIndex<String>

    /// Creates a gazetteer of `wards`.
    public init(wards: [Ward]) {
        index = PhraseIndex(wards.flatMap { ward in
            (ward.references + ward.places + ward.postcodes).map { (phrase: $0, value: ward.name) }
        })
    }

    /// The ward of the first place mentioned in `tokens`, or `nil` when none is.
    public func ward(in tokens: [String]) -> String? {
        index.firstMatch(in: tokens)?.value
    }

    /// Every place mentioned in `tokens`, with where it is and its ward.
    public func places(in tokens: [String]) -> [(range: Range<Int>, ward: String)] {
        index.matches(in: tokens).map { ($0.range, $0.value) }
    }

    /// The ward that `tokens` name as a whole (a question's area slot), if any.
    public func ward(named tokens: [String]) -> String? {
        guard let match = index.match(in: tokens, at: 0), match.range.count == tokens.count else { return nil }
        return match.value
    }
}
