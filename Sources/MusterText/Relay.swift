/// Who a post passes on: "RT @policescotland: …", "“@BBCScotland: …”", "MT @x", "… via @STVNews".
///
/// Retweets and quotes carry their original author in the text; when a record names no author, or only the person
/// who relayed it, this is how an official line or a media report is still recognised.
public enum Relay {
    /// The handle (without `@`) whose words the post passes on, if it says.
    public static func handle(in text: String) -> String? {
        // Most posts name no one: one pass over the bytes says so before any copy is made.
        guard text.utf8.contains(UInt8(ascii: "@")) else { return nil }
        let bytes = Array(text.utf8)
        // A quote tweet of the old style opens with the quoted handle, in quotation marks or bare before a colon.
        for opening in ["\u{201C}@", "\"@"] {
            let marker = Array(opening.utf8)
            if bytes.starts(with: marker) { return handle(in: bytes, from: marker.count) }
        }
        if bytes.first == UInt8(ascii: "@"), let found = handle(in: bytes, from: 1), bytes.count > found.utf8.count + 1,
           bytes[found.utf8.count + 1] == UInt8(ascii: ":") {
            return found
        }
        for marker in ["RT @", "MT @", "via @", "Via @", "VIA @", "rt @"] {
            let marker = Array(marker.utf8)
            var index = 0
            while index + marker.count <= bytes.count {
                if bytes[index..<(index + marker.count)].elementsEqual(marker), index == 0 || !isHandleByte(bytes[index - 1]) {
                    if let found = handle(in: bytes, from: index + marker.count) { return found }
                }
                index += 1
            }
        }
        return nil
    }

    private static func handle(in bytes: [UInt8], from start: Int) -> String? {
        var end = start
        while end < bytes.count, isHandleByte(bytes[end]) { end += 1 }
        return end > start ? String(decoding: bytes[start..<end], as: UTF8.self) : nil
    }

    private static func isHandleByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }
}
