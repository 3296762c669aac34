/// One flat JSON object written field by field, in the order given: faster than JSONSerialization for the
/// generator's simple records, and byte-for-byte stable between runs.
struct JSONLine {
    private var body = ""

    mutating func add(_ key: String, _ value: String) {
        separate(key)
        Self.appendQuoted(value, to: &body)
    }

    mutating func add(_ key: String, _ value: Int) {
        separate(key)
        body += String(value)
    }

    mutating func add(_ key: String, _ value: Double) {
        separate(key)
        body += String(value)
    }

    var text: String { "{" + body + "}" }

    private mutating func separate(_ key: String) {
        if !body.isEmpty { body += "," }
        Self.appendQuoted(key, to: &body)
        body += ":"
    }

    private static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20: output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
