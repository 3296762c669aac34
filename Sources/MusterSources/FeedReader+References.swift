import Foundation

extension FeedReader {
    /// The body with processing instructions removed and the character references that break libxml2 repaired,
    /// outside CDATA sections and comments: an
    /// HTML name (`&nbsp;`, `&eacute;`: XML declares only five) becomes its number, a bare `&` (`Fish & Chips`,
    /// `?a=1&b=2`) becomes `&amp;`, and a number in 128–159 becomes the Windows-1252 character its writer meant.
    ///
    /// Real feeds have all three; libxml2 refuses the first two (errors 26 and 68), which would lose the whole feed for
    /// one headline. The body is returned as it is when nothing needs repair, the usual case.
    static func repairingReferences(_ body: Data) -> Data {
        // The body is UTF-8 by now (`inUTF8`), so ASCII bytes are characters.
        return body.withUnsafeBytes { raw -> Data in
            let bytes = raw.bindMemory(to: UInt8.self)
            var repaired: [UInt8]?
            var copied = 0
            var index = 0
            func replace(_ count: Int, with replacement: String) {
                if repaired == nil { repaired = []; repaired!.reserveCapacity(bytes.count + 64) }
                repaired!.append(contentsOf: bytes[copied..<index])
                repaired!.append(contentsOf: replacement.utf8)
                index += count
                copied = index
            }
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "<"):
                    if let end = Self.end(of: "<![CDATA[", closedBy: "]]>", in: bytes, at: index) ?? Self.end(of: "<!--", closedBy: "-->", in: bytes, at: index) {
                        index = end
                    } else if let end = Self.end(of: "<?", closedBy: "?>", in: bytes, at: index) {
                        // Processing instructions go, the XML declaration with them (the body is UTF-8, libxml2's
                        // default): FoundationXML hands a PI's data to strlen without checking it, so `<?x?>`, with
                        // none, crashes the process (found by the feed fuzz target). Muster needs none of them.
                        replace(end - index, with: "")
                    } else {
                        index += 1
                    }
                case UInt8(ascii: "&"):
                    switch Self.reference(in: bytes, at: index) {
                    case .keep(let length): index += length
                    case .replace(let length, let replacement): replace(length, with: replacement)
                    case .bare: replace(1, with: "&amp;")
                    }
                default:
                    index += 1
                }
            }
            guard var repaired else { return body }
            repaired.append(contentsOf: bytes[copied...])
            return Data(repaired)
        }
    }

    private enum Reference {
        case keep(Int)
        case replace(Int, String)
        case bare
    }

    private static let xmlNames: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// What the `&` at `index` starts.
    private static func reference(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Reference {
        var end = index + 1
        let isNumeric = end < bytes.count && bytes[end] == UInt8(ascii: "#")
        if isNumeric { end += 1 }
        let start = end
        while end < bytes.count, end - start < 32, isNameByte(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start else { return .bare }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let length = end + 1 - index
        if isNumeric {
            let value = name.first == "x" || name.first == "X" ? UInt32(name.dropFirst(), radix: 16) : UInt32(name)
            guard let value else { return .bare }
            if (128...159).contains(value), let character = HTMLText.character(forReference: "#\(value)"), let scalar = character.unicodeScalars.first {
                return .replace(length, "&#\(scalar.value);")
            }
            return .keep(length)
        }
        if xmlNames.contains(name) { return .keep(length) }
        if let character = HTMLText.namedReferences[name] {
            return .replace(length, character.unicodeScalars.map { "&#\($0.value);" }.joined())
        }
        return .bare
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Where the construct opened by `open` at `index` ends (after `close`), or `nil` when `open` is not there.
    private static func end(of open: StaticString, closedBy close: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        func matches(_ text: StaticString, at position: Int) -> Bool {
            let count = text.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] != text.utf8Start[offset] { return false }
            return true
        }
        guard matches(open, at: index) else { return nil }
        var position = index + open.utf8CodeUnitCount
        while position < bytes.count, !matches(close, at: position) { position += 1 }
        return min(position + close.utf8CodeUnitCount, bytes.count)
    }
}
