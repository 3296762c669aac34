/// Turns the HTML that feeds and Mastodon put in their text into the plain text a post holds: tags dropped (and
/// what scripts and styles hold), block ends and `<br>` read as spaces, entities decoded, whitespace collapsed.
///
/// Not an HTML parser: a post's text needs the words, and a feed's markup is simple enough that a scanner reads it.
enum HTMLText {
    static func text(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var index = html.startIndex
        var skipping: Substring?
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close]
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if let open = skipping {
                    if tag.hasPrefix("/"), name == open { skipping = nil }
                } else if !tag.hasPrefix("/"), ["script", "style"].contains(name), !tag.hasSuffix("/") {
                    skipping = Substring(name)
                } else if tag.hasPrefix("!--"), let end = html[index...].range(of: "-->") {
                    index = end.upperBound
                    continue
                } else if Self.spacing.contains(name) {
                    out.append(" ")
                }
                index = html.index(after: close)
                continue
            }
            if skipping == nil { out.append(character) }
            index = html.index(after: index)
        }
        return collapsed(decodeEntities(out))
    }

    /// Elements whose edges separate words.
    private static let spacing: Set<String> = [
        "br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "hr", "section", "article", "figure", "figcaption",
    ]

    /// Decodes `&amp;`, `&#8217;`, `&#x2019;` and the named entities feeds use; an unknown one is left as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                out.append(text[index])
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index)..<semicolon]
            if let decoded = entity(name) {
                out.append(decoded)
                index = text.index(after: semicolon)
            } else {
                out.append("&")
                index = text.index(after: index)
            }
        }
        return out
    }

    private static func entity(_ name: Substring) -> Character? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return named[String(name)]
    }

    private static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…", "pound": "£", "euro": "€", "copy": "©",
        "reg": "®", "trade": "™", "deg": "°", "middot": "·", "bull": "•", "eacute": "é", "egrave": "è", "aacute": "á",
        "agrave": "à", "ccedil": "ç", "ouml": "ö", "uuml": "ü", "auml": "ä", "wcirc": "ŵ", "ycirc": "ŷ", "times": "×",
    ]

    /// Runs of whitespace become one space, trimmed at the ends.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `text` cut to at most `limit` characters at a word boundary, with "…" when it was cut.
    static func capped(_ text: String, at limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit - 1)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut + "…"
    }
}
