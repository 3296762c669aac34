import MusterConfig

/// Tells English from Welsh from anything else by the everyday words a post uses, from `languages.yaml`.
///
/// Counts are small on a tweet, so the rule is plain: Welsh when its words outnumber English ones (two or more, or
/// one in a post of three words or fewer); other when another language's function words outnumber both (two or
/// more), or most letters are not Latin; otherwise English, including posts of names and hashtags alone.
public struct LanguageDetector: Sendable {
    /// English.
    public static let english = "en"
    /// Welsh.
    public static let welsh = "cy"
    /// Neither.
    public static let other = "other"

    /// Each marker word with the languages it marks, so a token costs one lookup.
    private let marks: [String: Marks]

    private struct Marks: OptionSet {
        let rawValue: UInt8
        static let welsh = Marks(rawValue: 1)
        static let english = Marks(rawValue: 2)
        static let other = Marks(rawValue: 4)
    }

    /// A detector over the lexicon's language word lists.
    public init(lexicon: Lexicon) {
        var marks: [String: Marks] = [:]
        for (language, mark) in [(Self.welsh, Marks.welsh), (Self.english, .english), (Self.other, .other)] {
            for word in lexicon.languageWords[language] ?? [] { marks[word, default: []].insert(mark) }
        }
        self.marks = marks
    }

    /// The language of tokenised text: `en`, `cy` or `other`; `nil` when it has no words at all.
    public func language(of tokens: [String]) -> String? {
        var words = 0, welsh = 0, english = 0, foreign = 0, latin = 0, letters = 0
        for token in tokens where !token.hasPrefix("@") {
            guard let first = token.unicodeScalars.first, Self.isLetter(first) else { continue }
            words += 1
            if let mark = marks[token] {
                if mark.contains(.welsh) { welsh += 1 }
                if mark.contains(.english) { english += 1 }
                if mark.contains(.other) { foreign += 1 }
            }
            for scalar in token.unicodeScalars where Self.isLetter(scalar) {
                letters += 1
                if scalar.value < 0x250 { latin += 1 }
            }
        }
        guard words > 0 else { return nil }
        if latin * 2 < letters { return Self.other }
        if welsh > english && (welsh >= 2 || (welsh == 1 && words <= 3)) { return Self.welsh }
        if foreign >= 2 && foreign > english && foreign > welsh { return Self.other }
        return Self.english
    }

    /// Tokens are lower-cased, so an ASCII letter is a–z; only other scalars need Unicode's tables, which are slow.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value >= 0x61 && scalar.value <= 0x7A) : scalar.properties.isAlphabetic
    }
}
