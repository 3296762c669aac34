import Foundation
import MusterConfig

/// Scores sentiment from a lexicon, with negation ("not good"), intensifiers ("really bad"), dampeners
/// ("a bit slow"), "but" clauses (the clause after outweighs the one before), emoji and exclamation marks.
public struct SentimentScorer: Sendable {
    /// Every word the lexicon knows, with all it says of it: one lookup per token rather than one per list.
    private let words: [String: Word]
    /// How many tokens back a negator or intensifier reaches.
    private static let reach = 3

    private struct Word: Sendable {
        var score: Double?
        var negates = false
        /// An intensifier's or else a dampener's factor.
        var boost: Double?
        var contrasts = false
    }

    /// Creates a scorer over `lexicon`, reading the words in `neutral` as carrying no feeling.
    ///
    /// A council's topic words are neutral ("fire", "smoke", "flooding"): they say what a post is about, and scored,
    /// made every post about an incident read as a complaint.
    public init(lexicon: Lexicon, neutral: Set<String> = []) {
        var words: [String: Word] = [:]
        for (word, score) in lexicon.scores where !neutral.contains(word) { words[word, default: Word()].score = score }
        for word in lexicon.negators { words[word, default: Word()].negates = true }
        for (word, factor) in lexicon.dampeners { words[word, default: Word()].boost = factor }
        for (word, factor) in lexicon.intensifiers { words[word, default: Word()].boost = factor }
        for word in lexicon.contrast { words[word, default: Word()].contrasts = true }
        self.words = words
    }

    /// A scorer for `config`: its lexicon, with its topics' one-word terms neutral.
    public init(config: CouncilConfig) {
        self.init(lexicon: config.lexicon, neutral: Set(config.topics.flatMap(\.terms).filter { !$0.contains(" ") }.map { $0.lowercased() }))
    }

    /// The sentiment of `text` in -1…1.
    public func score(_ text: String) -> Double {
        score(tokens: Tokenizer.tokens(text), exclamations: Self.exclamations(in: text))
    }

    /// The sentiment of already tokenised text in -1…1.
    public func score(tokens: [String], exclamations: Int = 0) -> Double {
        let known = tokens.map { words[$0] }
        let lastContrast = known.lastIndex { $0?.contrasts == true }
        var total = 0.0
        for (index, token) in tokens.enumerated() {
            guard var value = known[index]?.score else { continue }
            // An emoji carries the writer's mood whatever the words before it: "not collected 😡" is angry.
            let isEmoji = token.first.map(Tokenizer.isEmoji) ?? false
            for back in 1...Self.reach where index - back >= 0 && !isEmoji {
                let previous = known[index - back]
                if previous?.negates == true || tokens[index - back].hasSuffix("n't") {
                    // "not good" turns negative, but "won't fix the leak" or "hasn't stopped the flooding" is no
                    // praise: a negated complaint only loses most of its weight.
                    value *= value > 0 ? -0.75 : -0.25
                    break
                }
                if back <= 2, let boost = previous?.boost {
                    value *= boost
                }
            }
            if let lastContrast {
                value *= index > lastContrast ? 1.5 : 0.5
            }
            total += value
        }
        if total != 0 {
            total *= 1 + 0.1 * Double(min(exclamations, 3))
        }
        // Squash the unbounded sum into -1…1; 15 keeps one strong word near ±0.7.
        return total / (total * total + 15).squareRoot()
    }

    /// How many `!` the text has, counted on its bytes.
    public static func exclamations(in text: String) -> Int {
        text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "!") ? 1 : 0) }
    }
}
