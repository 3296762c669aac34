import MusterCore

/// One flat JSON object written field by field, in the order given: faster than JSONSerialization for the
/// generator's simple records, and byte-for-byte stable between runs.
struct JSONLine {
    private var body = ""

    mutating func add(_ key: String, _ value: String) {
        separate(key)
        value.appendJSONQuoted(to: &body)
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
        key.appendJSONQuoted(to: &body)
        body += ":"
    }
}
