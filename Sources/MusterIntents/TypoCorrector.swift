import MusterCore

/// Reads a mistyped word as the known word it is closest to — "potholse" as "potholes", "Quaysdie" as "quayside" —
/// when it is long enough, is no word Muster knows and none in the dictionary, and exactly one known word is that
/// close. Known words are the vocabulary's, the intent files' examples and `things.yaml`.
struct TypoCorrector: Sendable {
    /// The settings from `scoring.yaml`.
    struct Limits: Sendable {
        var minimumLength = 5
        var edits = 1
        var longEdits = 2
        var longLength = 8
    }

    private let known: Set<String>
    /// Known words by length, so a word is compared only with words near its own length.
    private let byLength: [Int: [[Character]]]
    private let dictionary: Set<String>
    private let limits: Limits

    init(known words: Set<String>, dictionary: Set<String>, limits: Limits) {
        known = words
        self.dictionary = dictionary
        self.limits = limits
        var byLength: [Int: [[Character]]] = [:]
        for word in words where word.count >= limits.minimumLength - limits.longEdits && word.allSatisfy(\.isLetter) {
            byLength[word.count, default: []].append(Array(word))
        }
        self.byLength = byLength
    }

    /// The known word `word` (lower case, letters only) is read as, or `nil` when it stands as typed.
    func correction(of word: String) -> String? {
        guard word.count >= limits.minimumLength, !known.contains(word), !dictionary.contains(word),
              word.allSatisfy({ $0.isLetter }) else { return nil }
        // "riverside's" and "rumours" are their stems' words.
        if word.hasSuffix("'s") || word.hasSuffix("s"), known.contains(String(word.dropLast(word.hasSuffix("'s") ? 2 : 1))) { return nil }
        let letters = Array(word)
        let allowed = word.count >= limits.longLength ? limits.longEdits : limits.edits
        var best: [String] = []
        var bestDistance = allowed + 1
        for length in (letters.count - allowed)...(letters.count + allowed) {
            for candidate in byLength[length] ?? [] {
                let distance = EditDistance.between(letters, candidate, limit: min(allowed, bestDistance))
                if distance < bestDistance {
                    bestDistance = distance
                    best = [String(candidate)]
                } else if distance == bestDistance, distance <= allowed {
                    best.append(String(candidate))
                }
            }
        }
        guard bestDistance <= allowed else { return nil }
        if best.count == 1 { return best[0] }
        // "potholse" is as near "pothole" as "potholes"; the one of its own length is the swap it most likely is.
        let sameLength = best.filter { $0.count == word.count }
        // Otherwise two known words equally near ("brain": "train" or "drain") is a guess, not a reading.
        return sameLength.count == 1 ? sameLength[0] : nil
    }
}
