import MusterCore

/// Parses one JSON text (RFC 8259, strictly: no comments, trailing commas or raw control characters) from its
/// UTF-8 bytes.
///
/// Replaces `JSONSerialization` for records: it reads the bytes in place and yields typed values, where Foundation
/// built an `NSDictionary` of boxed `Any` that mapping then had to cast back, a tenth of ingest time.
package struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    /// Reused between strings that hold escapes.
    private var scratch: [UInt8] = []

    private struct Invalid: Error {}
    /// Deep enough for any real export; stops hostile input from exhausting the stack.
    private static let maximumDepth = 256

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The value that `bytes` holds, whatever its type (a polled API may answer with an array), or "not valid JSON".
    package static func value(in bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, MusterError> {
        var parser = JSONParser(bytes)
        guard let value = try? parser.document() else { return .failure(MusterError("not valid JSON")) }
        return .success(value)
    }

    /// The object that `bytes` holds, or why it is not one ("not valid JSON", "expected a JSON object").
    static func object(in bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONObject, MusterError> {
        var parser = JSONParser(bytes)
        guard let value = try? parser.document() else { return .failure(MusterError("not valid JSON")) }
        guard case .object(let object) = value else { return .failure(MusterError("expected a JSON object")) }
        return .success(object)
    }

    /// The object that `text` holds, or why it is not one.
    static func object(in text: String) -> Result<JSONObject, MusterError> {
        var text = text
        return text.withUTF8 { object(in: $0) }
    }

    private mutating func document() throws -> JSONValue {
        skipSpace()
        let value = try self.value()
        skipSpace()
        guard index == bytes.count else { throw Invalid() }
        return value
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value() throws -> JSONValue {
        guard index < bytes.count else { throw Invalid() }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return .object(try object())
        case UInt8(ascii: "["): return .array(try array())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func object() throws -> JSONObject {
        var object = JSONObject()
        // Room for a post's usual dozen fields up front: growing the array member by member was a tenth of parsing.
        object.members.reserveCapacity(16)
        try elements(closedBy: UInt8(ascii: "}")) { parser in
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else { throw Invalid() }
            let name = try parser.string()
            parser.skipSpace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else { throw Invalid() }
            parser.index += 1
            parser.skipSpace()
            object.members.append((name, try parser.value()))
        }
        return object
    }

    private mutating func array() throws -> [JSONValue] {
        var items: [JSONValue] = []
        try elements(closedBy: UInt8(ascii: "]")) { parser in items.append(try parser.value()) }
        return items
    }

    /// Reads the comma-separated elements of the object or array whose opening bracket is at `index`, one
    /// `element` call each, through its `closing` bracket.
    private mutating func elements(closedBy closing: UInt8, _ element: (inout JSONParser) throws -> Void) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw Invalid() }
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == closing {
            index += 1
            return
        }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            guard index < bytes.count else { throw Invalid() }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == closing else { throw Invalid() }
            index += 1
            return
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Invalid() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Invalid() }
        index += count
    }

    /// A number's literal, checked against JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func number() throws -> String {
        let start = index
        func digits() throws {
            let first = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > first else { throw Invalid() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw Invalid() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            try digits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try digits()
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// A string's contents with escapes resolved; the bytes are already known to be UTF-8.
    private mutating func string() throws -> String {
        index += 1
        let start = index
        // Most strings hold no escape: find the closing quote and decode the bytes between in one go.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw Invalid() }
            index += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape()
            case ..<0x20:
                throw Invalid()
            default:
                scratch.append(byte)
            }
        }
        throw Invalid()
    }

    /// Appends the character an escape (after its backslash) stands for.
    private mutating func escape() throws {
        guard index < bytes.count else { throw Invalid() }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low one; together they make one scalar.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw Invalid() }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw Invalid() }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw Invalid()
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Invalid() }
            scratch.append(contentsOf: unicode.utf8)
        default:
            throw Invalid()
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Invalid() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Invalid()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
