/// Plain text from the HTML that feeds and Mastodon send (`<p>Bins <b>missed</b> &amp; late</p>` → "Bins missed & late"):
/// tags stripped, scripts and styles dropped, named and numeric character references decoded, whitespace collapsed.
///
/// Written by hand, not with an HTML parser: Muster stores text for search and answers, never markup, so all it needs
/// is the words, and a scanner cannot be made to build a tree or run out of memory on hostile markup.
enum HTMLText {
    /// The text of `html`, one space between words. `limit` stops the work once that many characters are out (a
    /// caller that keeps only the first few thousand need not decode a megabyte).
    static func plainText(_ html: String, limit: Int = .max) -> String {
        var scanner = Scanner(Array(html.unicodeScalars), limit: limit)
        scanner.run()
        return scanner.output
    }

    /// Text that is already plain (an Atom `type="text"` title, XHTML's collected words) with its whitespace collapsed.
    static func collapsed(_ text: String) -> String {
        var output = Output(limit: .max)
        for scalar in text.unicodeScalars { output.append(scalar) }
        return output.text
    }

    /// Elements that end a line of text: a word before one and a word after it must not run together.
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ]

    /// Elements whose contents are not text a reader sees.
    static let hiddenElements: Set<String> = ["script", "style", "template", "noscript", "head", "title"]

    /// Collects text one scalar at a time, turning each run of whitespace into one space and trimming both ends.
    struct Output {
        private(set) var scalars = String.UnicodeScalarView()
        private var pendingSpace = false
        private(set) var count = 0
        let limit: Int

        init(limit: Int) {
            self.limit = limit
        }

        var isFull: Bool { count >= limit }

        mutating func append(_ scalar: Unicode.Scalar) {
            if scalar.properties.isWhitespace || scalar == "\u{A0}" {
                pendingSpace = true
                return
            }
            // Control characters (`&#1;` decodes to one) are no text; ingest would strip them, leaving gaps.
            guard !isFull, scalar.value >= 0x20, scalar.value != 0x7F, !(0x80..<0xA0).contains(scalar.value) else { return }
            let space = pendingSpace && count > 0
            guard count + (space ? 2 : 1) <= limit else {
                count = limit
                return
            }
            if space {
                scalars.append(" ")
                count += 1
            }
            pendingSpace = false
            scalars.append(scalar)
            count += 1
        }

        mutating func append(contentsOf text: some Sequence<Unicode.Scalar>) {
            for scalar in text { append(scalar) }
        }

        /// Marks a word boundary (a block element, a `<br>`) without adding a character.
        mutating func breakWord() {
            pendingSpace = true
        }

        var text: String { String(scalars) }
    }

    private struct Scanner {
        let input: [Unicode.Scalar]
        var index = 0
        var out: Output

        init(_ input: [Unicode.Scalar], limit: Int) {
            self.input = input
            out = Output(limit: limit)
        }

        var output: String { out.text }

        mutating func run() {
            while index < input.count, !out.isFull {
                let scalar = input[index]
                if scalar == "<", let next = peek(1), next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" {
                    tag()
                } else if scalar == "&" {
                    index += 1
                    if let decoded = reference() { out.append(contentsOf: decoded.unicodeScalars) } else { out.append("&") }
                } else {
                    out.append(scalar)
                    index += 1
                }
            }
        }

        func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < input.count ? input[index + offset] : nil
        }

        func starts(with text: String, at position: Int) -> Bool {
            var position = position
            for scalar in text.unicodeScalars {
                guard position < input.count, input[position].properties.lowercaseMapping == String(scalar) else { return false }
                position += 1
            }
            return true
        }

        /// Skips the tag at `index` (a `<`), a comment or a declaration, and what a hidden element holds.
        mutating func tag() {
            if starts(with: "<!--", at: index) {
                index = find("-->", from: index + 4).map { $0 + 3 } ?? input.count
                return
            }
            let start = index + 1
            var end = start
            var quote: Unicode.Scalar?
            while end < input.count {
                let scalar = input[end]
                if let open = quote {
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == ">" {
                    break
                }
                end += 1
            }
            let closing = start < input.count && input[start] == "/"
            var nameEnd = closing ? start + 1 : start
            let nameStart = nameEnd
            while nameEnd < end, input[nameEnd].properties.isAlphabetic || ("0"..."9").contains(input[nameEnd]) { nameEnd += 1 }
            let name = String(String.UnicodeScalarView(input[nameStart..<nameEnd])).lowercased()
            index = min(end + 1, input.count)
            if HTMLText.blockElements.contains(name) { out.breakWord() }
            let selfClosing = end > start && input[end - 1] == "/"
            if !closing, !selfClosing, HTMLText.hiddenElements.contains(name) {
                // Everything up to the element's end tag is code or metadata, not words.
                var position = index
                while let found = find("</", from: position) {
                    if starts(with: "</" + name, at: found) {
                        index = find(">", from: found).map { $0 + 1 } ?? input.count
                        return
                    }
                    position = found + 2
                }
                index = input.count
            }
        }

        func find(_ text: String, from position: Int) -> Int? {
            let needle = Array(text.unicodeScalars)
            var position = position
            search: while position + needle.count <= input.count {
                for offset in needle.indices where input[position + offset] != needle[offset] {
                    position += 1
                    continue search
                }
                return position
            }
            return nil
        }

        /// The character a reference after `&` stands for, moving past it; `nil` (and not moving) when it is none.
        mutating func reference() -> String? {
            var end = index
            while end < input.count, end - index < 32, input[end] != ";" {
                guard input[end].properties.isAlphabetic || ("0"..."9").contains(input[end]) || input[end] == "#" else { break }
                end += 1
            }
            guard end < input.count, input[end] == ";", end > index else { return nil }
            let name = String(String.UnicodeScalarView(input[index..<end]))
            guard let decoded = HTMLText.character(forReference: name) else { return nil }
            index = end + 1
            return decoded
        }
    }

    /// The text of a character reference's name (`amp`, `#8217`, `#x2019`), or `nil` when it names nothing.
    static func character(forReference name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value else { return nil }
            // 128–159 are C1 controls in Unicode, but pages that send them mean Windows-1252 (curly quotes, €), as
            // browsers and feedparser read them.
            if let windows = windows1252[value] { return String(windows) }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return String(scalar)
        }
        return namedReferences[name].map { String($0) }
    }

    private static let windows1252: [UInt32: Character] = [
        128: "€", 130: "‚", 131: "ƒ", 132: "„", 133: "…", 134: "†", 135: "‡", 136: "ˆ", 137: "‰", 138: "Š", 139: "‹",
        140: "Œ", 142: "Ž", 145: "‘", 146: "’", 147: "“", 148: "”", 149: "•", 150: "–", 151: "—", 152: "˜", 153: "™",
        154: "š", 155: "›", 156: "œ", 158: "ž", 159: "Ÿ",
    ]

    /// The named references feeds use in practice: XML's five, HTML's Latin-1 set and its common punctuation.
    static let namedReferences: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "lrm": "\u{200E}", "rlm": "\u{200F}",
        "shy": "\u{AD}", "iexcl": "¡", "cent": "¢", "pound": "£", "curren": "¤", "yen": "¥", "brvbar": "¦", "sect": "§",
        "uml": "¨", "copy": "©", "ordf": "ª", "laquo": "«", "not": "¬", "reg": "®", "macr": "¯", "deg": "°", "plusmn": "±",
        "sup2": "²", "sup3": "³", "acute": "´", "micro": "µ", "para": "¶", "middot": "·", "cedil": "¸", "sup1": "¹",
        "ordm": "º", "raquo": "»", "frac14": "¼", "frac12": "½", "frac34": "¾", "iquest": "¿", "times": "×", "divide": "÷",
        "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Atilde": "Ã", "Auml": "Ä", "Aring": "Å", "AElig": "Æ", "Ccedil": "Ç",
        "Egrave": "È", "Eacute": "É", "Ecirc": "Ê", "Euml": "Ë", "Igrave": "Ì", "Iacute": "Í", "Icirc": "Î", "Iuml": "Ï",
        "ETH": "Ð", "Ntilde": "Ñ", "Ograve": "Ò", "Oacute": "Ó", "Ocirc": "Ô", "Otilde": "Õ", "Ouml": "Ö", "Oslash": "Ø",
        "Ugrave": "Ù", "Uacute": "Ú", "Ucirc": "Û", "Uuml": "Ü", "Yacute": "Ý", "THORN": "Þ", "szlig": "ß",
        "agrave": "à", "aacute": "á", "acirc": "â", "atilde": "ã", "auml": "ä", "aring": "å", "aelig": "æ", "ccedil": "ç",
        "egrave": "è", "eacute": "é", "ecirc": "ê", "euml": "ë", "igrave": "ì", "iacute": "í", "icirc": "î", "iuml": "ï",
        "eth": "ð", "ntilde": "ñ", "ograve": "ò", "oacute": "ó", "ocirc": "ô", "otilde": "õ", "ouml": "ö", "oslash": "ø",
        "ugrave": "ù", "uacute": "ú", "ucirc": "û", "uuml": "ü", "yacute": "ý", "thorn": "þ", "yuml": "ÿ",
        "OElig": "Œ", "oelig": "œ", "Scaron": "Š", "scaron": "š", "Yuml": "Ÿ", "fnof": "ƒ", "circ": "ˆ", "tilde": "˜",
        "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„",
        "dagger": "†", "Dagger": "‡", "bull": "•", "hellip": "…", "permil": "‰", "prime": "′", "Prime": "″",
        "lsaquo": "‹", "rsaquo": "›", "euro": "€", "trade": "™", "larr": "←", "uarr": "↑", "rarr": "→", "darr": "↓",
        "harr": "↔", "minus": "−", "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈", "infin": "∞", "hearts": "♥",
    ]
}
