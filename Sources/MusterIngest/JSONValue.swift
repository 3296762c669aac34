/// A JSON value as a record's field holds it, typed so that mapping a field is a switch rather than a dynamic cast.
package enum JSONValue: Sendable, CustomStringConvertible {
    case string(String)
    /// The number's literal text, so that long ids keep every digit; read it with `double`.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object(JSONObject)

    /// The value as a number: numbers, and strings that hold one.
    var double: Double? {
        switch self {
        case .number(let literal): return Double(literal)
        case .string(let text): return Double(text.trimmed)
        default: return nil
        }
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    package var description: String {
        switch self {
        case .string(let text): return text
        case .number(let literal): return literal
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let object): return "{" + object.members.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A JSON object's members in the order they were written.
///
/// An array of pairs, not a dictionary: records have a dozen fields that are each read once, so hashing them into a
/// table would cost more than it saves.
package struct JSONObject: Sendable {
    package var members: [(name: String, value: JSONValue)] = []

    /// An object with `members`, in their order.
    package init(members: [(name: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of the last member called `name` (JSON parsers commonly let a repeated name win).
    package subscript(name: String) -> JSONValue? {
        members.last { $0.name == name }?.value
    }
}
