import Foundation
import MusterCore

extension FeedReader {
    /// The body as UTF-8 with an XML declaration that says so, whatever encoding it came in.
    ///
    /// libxml2 passes bytes it could not decode on to FoundationXML, which force-unwraps an element name or comment
    /// that is not UTF-8 and crashes the process (found by the `feed` fuzz target: `<e\u{DF}ntry>` in a feed declared
    /// UTF-8). So the body is decoded here first: by its byte-order mark, else its declared encoding, else as UTF-8; a
    /// feed that says UTF-8 but is not is read as Windows-1252, the usual truth. libxml2 then only ever sees valid UTF-8.
    static func inUTF8(_ body: Data) throws -> Data {
        var encoding: String.Encoding
        var start = body.startIndex
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8
            start += 3
        } else if body.starts(with: [0xFE, 0xFF]) || body.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
            encoding = .utf16BigEndian
            if body.starts(with: [0xFE, 0xFF]) { start += 2 }
        } else if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
            encoding = .utf16LittleEndian
            if body.starts(with: [0xFF, 0xFE]) { start += 2 }
        } else if let declared = declaredEncoding(body) {
            guard let known = encodings[declared.lowercased()] else {
                throw MusterError("the feed is in \"\(declared)\", an encoding Muster does not read", hint: "Ask the publisher for UTF-8.")
            }
            encoding = known
        } else {
            encoding = .utf8
        }
        let bytes = body[start...]
        // A feed labelled with a one-byte encoding whose bytes are valid UTF-8 with some beyond ASCII is UTF-8 mislabelled
        // (real Latin-1 text almost never forms valid UTF-8); decoding it as labelled would turn "café" into "cafÃ©".
        if [.isoLatin1, .windowsCP1252, .isoLatin2, .windowsCP1250, .windowsCP1251].contains(encoding), bytes.contains(where: { $0 >= 0x80 }),
           String(validating: bytes, as: UTF8.self) != nil {
            encoding = .utf8
        }
        let text: String
        if encoding == .utf8 {
            // The usual case: valid UTF-8 with a UTF-8 (or no) declaration goes on as it is, uncopied.
            if let valid = String(validating: bytes, as: UTF8.self) {
                if start == body.startIndex, declaredEncoding(body).map({ encodings[$0.lowercased()] == .utf8 }) ?? true { return body }
                text = valid
            } else {
                encoding = .windowsCP1252
                text = String(data: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
            }
        } else {
            guard let decoded = String(data: bytes, encoding: encoding) else {
                throw MusterError("the feed is not valid \(encoding) text, as it says it is")
            }
            text = decoded
        }
        return Data(withUTF8Declaration(text).utf8)
    }

    /// The encodings feeds declare, by their lower-cased IANA names.
    private static let encodings: [String: String.Encoding] = [
        "utf-8": .utf8, "utf8": .utf8, "us-ascii": .utf8, "ascii": .utf8,
        "iso-8859-1": .isoLatin1, "latin1": .isoLatin1, "iso_8859-1": .isoLatin1, "iso-8859-15": .isoLatin1,
        "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252,
        "iso-8859-2": .isoLatin2, "latin2": .isoLatin2, "windows-1250": .windowsCP1250, "windows-1251": .windowsCP1251,
        "utf-16": .utf16, "utf-16be": .utf16BigEndian, "utf-16le": .utf16LittleEndian,
        "shift_jis": .shiftJIS, "euc-jp": .japaneseEUC, "iso-2022-jp": .iso2022JP,
    ]

    /// The `encoding` of an ASCII-compatible body's XML declaration, when it has one.
    static func declaredEncoding(_ body: Data) -> String? {
        let head = String(decoding: body.prefix(256), as: UTF8.self).trimmed
        guard head.hasPrefix("<?xml"), let close = head.range(of: "?>") else { return nil }
        let declaration = head[..<close.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// `text` with its XML declaration, if any, replaced by one that says UTF-8.
    private static func withUTF8Declaration(_ text: String) -> String {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard trimmed.hasPrefix("<?xml"), let close = trimmed.range(of: "?>") else { return String(trimmed) }
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + trimmed[close.upperBound...]
    }
}
