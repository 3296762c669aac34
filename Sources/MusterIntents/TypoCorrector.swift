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
    /// Known words and the dictionary's together: whether a word may be a typo is then one look-up.
    private let ordinary: Set<String>
    /// Known words by length, so a word is compared only with words near its own length, each with the letters it
    /// holds as bits: two words whose letters differ by more than twice the edits allowed cannot be that close.
    private let byLength: [Int: [(letters: [Character], mask: UInt32)]]
    private let dictionary: Set<String>
    private let limits: Limits

    init(known words: Set<String>, dictionary: Set<String>, limits: Limits) {
        known = words
        self.dictionary = dictionary
        ordinary = words.union(dictionary)
        self.limits = limits
        var byLength: [Int: [(letters: [Character], mask: UInt32)]] = [:]
        for word in words where word.count >= limits.minimumLength - limits.longEdits && word.allSatisfy(\.isLetter) {
            byLength[word.count, default: []].append((Array(word), Self.mask(of: word)))
        }
        self.byLength = byLength
    }

    /// Whether `token` could be a typo: long enough, and no word known here or in the dictionary. Cheap, for the
    /// common message that has none.
    func mayCorrect(_ token: Substring) -> Bool {
        guard token.utf8.count >= limits.minimumLength - 1 else { return false }
        let word = token.word
        guard word.utf8.count >= limits.minimumLength - 1 else { return false }
        return !ordinary.contains(String(word))
    }

    /// The known word `word` (lower case, letters only) is read as, or `nil` when it stands as typed.
    func correction(of word: String) -> String? {
        // A four-letter word is read only as the known word its two letters swapped make ("fier" → "fire"): any
        // other edit of so short a word is a guess.
        if word.count == limits.minimumLength - 1, !known.contains(word), !dictionary.contains(word), word.allSatisfy(\.isLetter) {
            let letters = Array(word)
            let swaps = (0..<(letters.count - 1)).map { index -> String in
                var swapped = letters
                swapped.swapAt(index, index + 1)
                return String(swapped)
            }
            let known = Set(swaps.filter { self.known.contains($0) })
            return known.count == 1 ? known.first : nil
        }
        guard word.count >= limits.minimumLength, !known.contains(word), !dictionary.contains(word),
              word.allSatisfy({ $0.isLetter }) else { return nil }
        // "riverside's" and "rumours" are their stems' words.
        if word.hasSuffix("'s") || word.hasSuffix("s"), known.contains(String(word.dropLast(word.hasSuffix("'s") ? 2 : 1))) { return nil }
        let letters = Array(word)
        let mask = Self.mask(of: word)
        let allowed = word.count >= limits.longLength ? limits.longEdits : limits.edits
        var best: [String] = []
        var bestDistance = allowed + 1
        for length in (letters.count - allowed)...(letters.count + allowed) {
            for candidate in byLength[length] ?? [] where (candidate.mask ^ mask).nonzeroBitCount <= 2 * allowed {
                let distance = EditDistance.between(letters, candidate.letters, limit: min(allowed, bestDistance))
                if distance < bestDistance {
                    bestDistance = distance
                    best = [String(candidate.letters)]
                } else if distance == bestDistance, distance <= allowed {
                    best.append(String(candidate.letters))
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

    /// Which of a–z the word holds, one bit each (other letters share the last bit).
    private static func mask(of word: String) -> UInt32 {
        word.utf8.reduce(0) { mask, byte in
            let letter = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? UInt32(byte - UInt8(ascii: "a")) : 26
            return mask | (1 << letter)
        }
    }
}
