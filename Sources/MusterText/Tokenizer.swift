/// Splits post text into lower-cased tokens: words (apostrophes, hyphens and `&` kept inside), `@mentions`, and
/// each emoji on its own. Hashtags lose their `#`, so `#bins` reads as `bins`.
public enum Tokenizer {
    /// The tokens of `text`, in order.
    ///
    /// ASCII is read byte by byte and only runs of other text as Characters: Unicode property lookups and grapheme
    /// breaking were most of enrichment's time, and most posts are ASCII.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        func flush() {
            while let last = current.last, last == UInt8(ascii: "'") || last == UInt8(ascii: "-") || last == UInt8(ascii: "&") {
                current.removeLast()
            }
            if !current.isEmpty, current != [UInt8(ascii: "@")] { tokens.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte >= 0x80 else {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    current.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    current.append(byte + 32)
                case UInt8(ascii: "'"):
                    if !current.isEmpty { current.append(byte) }
                case UInt8(ascii: "-"), UInt8(ascii: "&"):
                    if current.isEmpty { flush() } else { current.append(byte) }
                case UInt8(ascii: "@"):
                    if current.isEmpty { current.append(byte) } else { flush() }
                default:
                    flush()
                }
                index = utf8.index(after: index)
                continue
            }
            var end = index
            while end != utf8.endIndex, utf8[end] >= 0x80 { end = utf8.index(after: end) }
            for character in (String(utf8[index..<end]) ?? "").lowercased() {
                if character.isLetter || character.isNumber {
                    current.append(contentsOf: character.utf8)
                } else if character == "’" || character == "‘" {
                    if !current.isEmpty { current.append(UInt8(ascii: "'")) }
                } else {
                    flush()
                    if isEmoji(character) { tokens.append(String(character)) }
                }
            }
            index = end
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
        // Judged on the last two bytes: a token ends in the letter `s` exactly when its last byte is one.
        let bytes = token.utf8
        guard bytes.count > 3, bytes.last == UInt8(ascii: "s") else { return token }
        let before = bytes[bytes.index(bytes.endIndex, offsetBy: -2)]
        guard before != UInt8(ascii: "s"), before != UInt8(ascii: "u"), before != UInt8(ascii: "i"), before != UInt8(ascii: "'"),
              token.count > 3
        else { return token }
        return String(token.dropLast())
    }
}
