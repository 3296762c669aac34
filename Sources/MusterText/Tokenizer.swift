/// Splits post text into lower-cased tokens: words (apostrophes, hyphens and `&` kept inside), `@mentions`, and
/// each emoji on its own. Hashtags lose their `#`, so `#bins` reads as `bins`.
public enum Tokenizer {
    /// The tokens of `text`, in order.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        func flush() {
            while let last = current.last, last == "'" || last == "-" || last == "&" { current.removeLast() }
            if !current.isEmpty, current != "@" { tokens.append(current) }
            current = ""
        }
        for character in text.lowercased() {
            // ASCII first: Unicode property lookups were most of enrichment's time, and most posts are ASCII.
            if let ascii = character.asciiValue {
                switch ascii {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    current.append(character)
                case UInt8(ascii: "'"):
                    if !current.isEmpty { current.append("'") }
                case UInt8(ascii: "-"), UInt8(ascii: "&"):
                    if current.isEmpty { flush() } else { current.append(character) }
                case UInt8(ascii: "@"):
                    if current.isEmpty { current.append(character) } else { flush() }
                default:
                    flush()
                }
            } else if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "’" || character == "‘" {
                if !current.isEmpty { current.append("'") }
            } else if (character == "-" || character == "&") && !current.isEmpty {
                current.append(character)
            } else if character == "@" && current.isEmpty {
                current.append(character)
            } else {
                flush()
                if isEmoji(character) { tokens.append(String(character)) }
            }
        }
        flush()
        return tokens
    }

    /// Whether a character is a pictographic emoji (not a digit or `#`, which Unicode also calls emoji).
    public static func isEmoji(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return scalar.properties.isEmojiPresentation || (scalar.properties.isEmoji && scalar.value >= 0x2100)
    }

    /// A token with a plural `s` removed, so "bins" and "bin" meet; applied to both sides of a comparison.
    public static func folded(_ token: String) -> String {
        guard token.count > 3, token.hasSuffix("s"),
              !token.hasSuffix("ss"), !token.hasSuffix("us"), !token.hasSuffix("is"), !token.hasSuffix("'s")
        else { return token }
        return String(token.dropLast())
    }
}
