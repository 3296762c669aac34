/// Casualty figures a post states — "3 people are dead", "at least six killed", "no one has been injured", "death
/// toll rises to 8" — so a claim can be held against the official figure, and an official "no one has been injured"
/// answers a claim of deaths that shares none of its words.
public struct CasualtyFigures: Sendable, Hashable {
    /// People said to have died; `nil` when the post does not say.
    public var dead: Int?
    /// People said to be hurt; `nil` when the post does not say.
    public var injured: Int?

    /// Whether the post states any figure.
    public var isEmpty: Bool { dead == nil && injured == nil }

    /// Creates figures.
    public init(dead: Int? = nil, injured: Int? = nil) {
        self.dead = dead
        self.injured = injured
    }

    private static let numbers: [String: Int] = [
        "no": 0, "none": 0, "nobody": 0, "noone": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24,
    ]
    /// The words that count casualties: a post without one states no figure.
    public static var countedWords: Set<String> { deadWords.union(hurtWords).union(["toll"]) }

    private static let deadWords: Set<String> = ["dead", "died", "killed", "deaths", "death", "dies", "fatalities", "fatality", "fatally", "lives", "bodies"]
    private static let hurtWords: Set<String> = ["injured", "injuries", "injury", "hurt", "wounded", "casualties", "hospitalised", "hospitalized"]
    /// Words that may stand between a number and what it counts ("3 *people are* dead", "no one *has been* injured").
    private static let between: Set<String> = [
        "people", "person", "persons", "men", "women", "children", "kids", "adults", "others", "more", "are", "were",
        "is", "was", "have", "has", "been", "now", "confirmed", "reported", "reportedly", "feared", "believed", "thought",
        "to", "be", "one", "seriously", "critically", "badly", "the", "of", "least", "and",
    ]

    /// The figures in a post's tokens (see `Tokenizer`); the largest of each when a post gives several.
    public static func figures(in tokens: [String]) -> CasualtyFigures {
        var figures = CasualtyFigures()
        func note(_ value: Int, dead: Bool) {
            if dead { figures.dead = max(figures.dead ?? 0, value) } else { figures.injured = max(figures.injured ?? 0, value) }
        }
        for (index, token) in tokens.enumerated() {
            // "death toll rises to 8", "death toll of 8".
            if token == "toll", index > 0, tokens[index - 1] == "death" {
                if let value = tokens[(index + 1)...].prefix(4).lazy.compactMap(Self.number).first { note(value, dead: true) }
                continue
            }
            guard var value = number(token) else { continue }
            // "no one" and "not one" count nobody, whatever "one" says alone.
            if token == "one", index > 0, ["no", "not"].contains(tokens[index - 1]) { value = 0 }
            for next in tokens[(index + 1)...].prefix(5) {
                if deadWords.contains(next) {
                    note(value, dead: true)
                    if value == 0 { note(0, dead: false) }
                    break
                }
                if hurtWords.contains(next) {
                    note(value, dead: false)
                    // "No one has been injured": nobody was hurt, and so nobody died.
                    if value == 0 { note(0, dead: true) }
                    break
                }
                guard between.contains(next) else { break }
            }
        }
        return figures
    }

    private static func number(_ token: String) -> Int? {
        if let value = numbers[token] { return value }
        guard token.utf8.count <= 4, token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(token)
    }
}
