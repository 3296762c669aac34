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
        text = stripTags(text)
        text = String(text.map { character -> Character in
            switch character {
            case "\u{2018}", "\u{2019}", "\u{201B}", "`", "´": return "'"
            case "\u{201C}", "\u{201D}", "\u{201E}": return "\""
            case "\u{2013}", "\u{2014}": return "-"
            case "\u{00A0}", "\t", "\n", "\r": return " "
            default: return character
            }
        })
        var words = text.split(separator: " ").map(String.init)
        words.removeAll { word in botNames.contains { word == "@\($0)" || word == "@\($0)," || word == "@\($0):" } }
        if let first = words.first, botNames.contains(first.trimmingCharacters(in: .punctuationCharacters)), words.count > 1 {
            words.removeFirst()
        }
        words = words.map { Self.replacementTable[$0] ?? $0 }
        text = words.joined(separator: " ")
        while let last = text.last, "?!.,;: ".contains(last) { text.removeLast() }
        return text
    }

    /// Removes markup tags such as Teams' `<at>Muster</at>` mention along with its text.
    private func stripTags(_ text: String) -> String {
        var result = text
        while let open = result.range(of: "<at>"), let close = result.range(of: "</at>", range: open.upperBound..<result.endIndex) {
            result.replaceSubrange(open.lowerBound..<close.upperBound, with: " ")
        }
        return result
    }
}
