import Foundation

/// Puts a message into the form intent patterns are written against: lower case, straight quotes, no bot mention
/// or Teams `<at>` tag, contractions expanded, chat shorthand spelled out, no trailing punctuation, single spaces.
public struct Normaliser: Sendable {
    /// Names the bot is addressed by ("muster"), stripped when mentioned.
    public var botNames: [String]
    /// Longer messages are not matched at all: no real question is this long, and it bounds matching time.
    public static let maximumLength = 500

    /// Creates a normaliser that strips mentions of `botNames`.
    public init(botNames: [String] = ["muster"]) {
        self.botNames = botNames.map { $0.lowercased() }
    }

    private static let replacements: [(String, String)] = [
        ("what's", "what is"), ("whats", "what is"), ("who's", "who is"), ("where's", "where is"), ("how's", "how is"),
        ("there's", "there is"), ("theres", "there is"), ("it's", "it is"), ("that's", "that is"), ("i'm", "i am"),
        ("don't", "do not"), ("dont", "do not"), ("doesn't", "does not"), ("didn't", "did not"), ("can't", "cannot"),
        ("cant", "cannot"), ("isn't", "is not"), ("aren't", "are not"), ("won't", "will not"), ("let's", "let us"),
        ("haven't", "have not"), ("hasn't", "has not"), ("wasn't", "was not"), ("weren't", "were not"),
        ("shouldn't", "should not"), ("couldn't", "could not"), ("wouldn't", "would not"), ("i've", "i have"),
        ("they're", "they are"), ("we're", "we are"), ("you're", "you are"), ("we've", "we have"),
        ("pls", "please"), ("plz", "please"), ("thx", "thanks"), ("ty", "thanks"), ("u", "you"), ("r", "are"),
        ("abt", "about"), ("re", "about"), ("wrt", "about"), ("ppl", "people"), ("yday", "yesterday"), ("tmrw", "tomorrow"),
    ]
    private static let replacementTable = Dictionary(uniqueKeysWithValues: replacements)

    /// The normalised form of `message`.
    public func normalise(_ message: String) -> String {
        var text = message.lowercased()
        if text.utf8.contains(UInt8(ascii: "<")) { text = stripTags(text) }
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{00A0}":
                if !word.isEmpty { words.append(String(word)); word = String.UnicodeScalarView() }
            case "\u{2018}", "\u{2019}", "\u{201B}", "`", "\u{00B4}": word.append("'")
            case "\u{201C}", "\u{201D}", "\u{201E}": word.append("\"")
            case "\u{2013}", "\u{2014}": word.append("-")
            default: word.append(scalar)
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        words.removeAll { $0.hasPrefix("@") && botNames.contains(Self.withoutPunctuation($0.dropFirst())) }
        // "Muster, what …" and "thanks muster": the bot's name as the first or last word is address, not content.
        if words.count > 1, botNames.contains(Self.withoutPunctuation(words[0][...])) { words.removeFirst() }
        if words.count > 1, botNames.contains(Self.withoutPunctuation(words[words.count - 1][...])) { words.removeLast() }
        text = words.map { Self.replacementTable[$0] ?? $0 }.joined(separator: " ")
        while let last = text.unicodeScalars.last, Self.trailing.contains(last) { text.unicodeScalars.removeLast() }
        return text
    }

    private static let trailing: Set<Unicode.Scalar> = ["?", "!", ".", ",", ";", ":", " "]

    /// The word without the punctuation that follows a name in address ("muster," "muster:"); cheap, as it runs
    /// on every message.
    private static func withoutPunctuation(_ word: Substring) -> String {
        var scalars = word.unicodeScalars[...]
        while let last = scalars.last, addressPunctuation.contains(last) { scalars.removeLast() }
        return String(scalars)
    }

    private static let addressPunctuation: Set<Unicode.Scalar> = [",", ":", ";", ".", "!", "?", "-"]

    /// Removes markup tags such as Teams' `<at>Muster</at>` mention along with its text.
    private func stripTags(_ text: String) -> String {
        var result = text
        while let open = result.range(of: "<at>"), let close = result.range(of: "</at>", range: open.upperBound..<result.endIndex) {
            result.replaceSubrange(open.lowerBound..<close.upperBound, with: " ")
        }
        return result
    }
}
