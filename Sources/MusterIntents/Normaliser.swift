import Foundation

/// Puts a message into the form intent patterns are written against: lower case, straight quotes, no bot mention
/// or Teams `<at>` tag, contractions expanded and chat shorthand spelled out (the words in `intents/normalise.yaml`),
/// no trailing punctuation, single spaces.
public struct Normaliser: Sendable {
    /// Names the bot is addressed by ("muster"), stripped when mentioned.
    public var botNames: [String]
    /// Longer messages are not matched at all: no real question is this long, and it bounds matching time.
    public static let maximumLength = 500

    /// Whole words replaced before matching (contractions, shorthand), from `intents/normalise.yaml`.
    public var replacements: [String: String]

    /// Creates a normaliser that strips mentions of `botNames` and replaces words per `replacements`.
    public init(botNames: [String] = ["muster"], replacements: [String: String] = [:]) {
        self.botNames = botNames.map { $0.lowercased() }
        self.replacements = replacements
    }

    /// The normalised form of `message`.
    public func normalise(_ message: String) -> String {
        if !message.utf8.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "<") }) { return asciiNormalise(message) }
        var text = message
        if text.utf8.contains(UInt8(ascii: "<")) { text = stripTags(text.lowercased()) }
        var words = text.utf8.allSatisfy { $0 < 0x80 } ? Self.asciiWords(text) : Self.words(text)
        words.removeAll { $0.hasPrefix("@") && botNames.contains(Self.withoutPunctuation($0.dropFirst())) }
        // "Muster, what …" and "thanks muster": the bot's name as the first or last word is address, not content.
        if words.count > 1, botNames.contains(Self.withoutPunctuation(words[0][...])) { words.removeFirst() }
        if words.count > 1, botNames.contains(Self.withoutPunctuation(words[words.count - 1][...])) { words.removeLast() }
        text = words.map(replaced).filter { !$0.isEmpty && !Self.isEmoji($0) }.joined(separator: " ")
        while let last = text.unicodeScalars.last, Self.trailing.contains(last) { text.unicodeScalars.removeLast() }
        return text
    }

    /// `normalise` for the common all-ASCII message with no markup, on bytes from start to end: building words as
    /// strings and joining them was a tenth of reading a message.
    private func asciiNormalise(_ message: String) -> String {
        var words: [ArraySlice<UInt8>] = []
        let bytes = Array(message.utf8).map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 32
            case UInt8(ascii: "`"): return UInt8(ascii: "'")
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return UInt8(ascii: " ")
            default: return byte
            }
        }
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
            if index > start { words.append(bytes[start..<index]) }
            start = index + 1
        }
        func isBotName(_ word: ArraySlice<UInt8>) -> Bool {
            var core = word
            while let last = core.last, Self.addressPunctuationBytes.contains(last) { core = core.dropLast() }
            return !core.isEmpty && botNames.contains(String(decoding: core, as: UTF8.self))
        }
        words.removeAll { $0.first == UInt8(ascii: "@") && isBotName($0.dropFirst()) }
        if words.count > 1, isBotName(words[0]) { words.removeFirst() }
        if words.count > 1, isBotName(words[words.count - 1]) { words.removeLast() }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        for word in words {
            var core = word
            while core.count > 1, let last = core.last, Self.trailingBytes.contains(last) { core = core.dropLast() }
            var replaced = core
            if let long = replacements[String(decoding: core, as: UTF8.self)] {
                if long.isEmpty { continue }
                replaced = ArraySlice(long.utf8)
            } else if let joined = joinedByPlus(core) {
                replaced = joined
            }
            if !output.isEmpty { output.append(UInt8(ascii: " ")) }
            output.append(contentsOf: replaced)
            output.append(contentsOf: word[core.endIndex...])
        }
        while let last = output.last, Self.trailingBytes.contains(last) { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// "quayside+brookhaven" as "quayside and brookhaven": a `+` between two words of letters (one not in
    /// `normalise.yaml`, as "a+e" is). Each side is replaced as a word of its own would be ("bins+re" is "bins and
    /// about"), so that normalising the result again changes nothing.
    private func joinedByPlus(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let plus = word.firstIndex(of: UInt8(ascii: "+")) else { return nil }
        let left = word[..<plus], right = word[(plus + 1)...]
        func isLetters(_ part: ArraySlice<UInt8>) -> Bool { part.count >= 2 && part.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") || $0 >= 0x80 } }
        guard isLetters(left), isLetters(right) else { return nil }
        let parts = [left, right].map { part in
            replacements[String(decoding: part, as: UTF8.self)].map { ArraySlice($0.utf8) } ?? part
        }.filter { !$0.isEmpty }
        guard let first = parts.first else { return nil }
        return parts.dropFirst().reduce(first) { $0 + ArraySlice(" and ".utf8) + $1 }
    }

    private static let trailingBytes: Set<UInt8> = [UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","),
                                                     UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: " ")]
    private static let addressPunctuationBytes: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "."),
                                                              UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "-")]

    /// A word replaced per `normalise.yaml`, keeping punctuation after it ("pls," → "please,").
    private func replaced(_ word: String) -> String {
        if let long = replacements[word] { return long }
        if word.utf8.contains(UInt8(ascii: "+")), let joined = joinedByPlus(ArraySlice(word.utf8)) { return String(decoding: joined, as: UTF8.self) }
        guard let last = word.unicodeScalars.last, Self.trailing.contains(last), word.count > 1 else { return word }
        var core = word
        var tail = ""
        while let end = core.unicodeScalars.last, Self.trailing.contains(end), core.count > 1 {
            tail = String(end) + tail
            core.unicodeScalars.removeLast()
        }
        if let long = replacements[core] { return long + tail }
        // The join is tried on the word without its punctuation, as the ASCII path does: "quayside+brookhaven?" is
        // two places whichever path reads it, and normalising twice gives what normalising once gave.
        if core.utf8.contains(UInt8(ascii: "+")), let joined = joinedByPlus(ArraySlice(core.utf8)) {
            return String(decoding: joined, as: UTF8.self) + tail
        }
        return word
    }

    /// Whether `message` ends in a question mark: gone once normalised, but "post 3 done?" asks; it does not tell.
    public static func endsWithQuestionMark(_ message: String) -> Bool {
        message.utf8.reversed().first { ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains($0) } == UInt8(ascii: "?")
    }

    /// The most combining marks a message may carry before it is refused as garbled ("Zalgo" text, which costs
    /// matching time and means nothing).
    public static let maximumCombiningMarks = 32

    /// Whether `message` is too long in bytes or carries too many combining marks to be a question.
    public static func isGarbled(_ message: String) -> Bool {
        if message.utf8.count > 8 * maximumLength { return true }
        guard message.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        return message.unicodeScalars.lazy.filter { $0.properties.generalCategory == .nonspacingMark }.count > maximumCombiningMarks
    }

    /// Lower-cased words with typographic quotes and dashes made plain.
    private static func words(_ message: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in message.lowercased().unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{00A0}":
                if !word.isEmpty { words.append(String(word)); word = String.UnicodeScalarView() }
            case "\u{2018}", "\u{2019}", "\u{201B}", "`", "\u{00B4}": word.append("'")
            case "\u{201C}", "\u{201D}", "\u{201E}": word.append("\"")
            case "\u{2013}", "\u{2014}": word.append("-")
            case "\u{FE0F}", "\u{200D}", "\u{1F3FB}"..."\u{1F3FF}": continue
            case _ where Self.isEmoji(scalar):
                // An emoji is a word of its own ("sorted✅" is "sorted" and "✅"): `normalise.yaml` may give it
                // a meaning, and otherwise it is dropped.
                if !word.isEmpty { words.append(String(word)); word = String.UnicodeScalarView() }
                words.append(String(scalar))
            default: word.append(scalar)
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }

    /// Whether `scalar` is a pictograph: digits and `#` are emoji too (keycap bases), so only those past the
    /// arrows block count.
    private static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2190 && scalar.properties.isEmoji
    }

    /// Whether `word` is all pictographs, once `normalise.yaml` has had its chance to give it a meaning.
    private static func isEmoji(_ word: String) -> Bool {
        word.utf8.first.map { $0 >= 0xE2 } == true && word.unicodeScalars.allSatisfy(isEmoji)
    }

    /// `words(_:)` for the common all-ASCII message, on bytes: Unicode lower-casing and scalar-by-scalar building
    /// were a fifth of matching time.
    private static func asciiWords(_ message: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        word.reserveCapacity(24)
        for byte in message.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
            case UInt8(ascii: "`"): word.append(UInt8(ascii: "'"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default: word.append(byte)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
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
