extension Substring {
    /// The token without the punctuation around it ("riverside?" → "riverside", "“bins”," → "bins"), read on
    /// bytes: any non-ASCII byte counts as part of the word, so accented letters stay. Generic trimming was a
    /// seventh of reading a message.
    var word: Substring {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, !Self.isWordByte(bytes[start]) { start = bytes.index(after: start) }
        while end > start {
            let before = bytes.index(before: end)
            if Self.isWordByte(bytes[before]) { break }
            end = before
        }
        return self[start..<end]
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
