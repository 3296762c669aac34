/// SQL text with its arguments, built by interpolation so that values are always bound, never spliced.
///
/// `"SELECT count(*) FROM post WHERE area = \(ward)"` becomes `area = ?` with `ward` bound. Fragments join with
/// `\(sql: other)`, which keeps their own arguments in order.
public struct SQL: Sendable, ExpressibleByStringInterpolation {
    /// The statement text with `?` placeholders.
    public private(set) var text: String
    /// The values for the placeholders, in order.
    public private(set) var arguments: [SQLValue]

    /// Creates SQL from literal text with no arguments.
    public init(stringLiteral value: String) {
        text = value
        arguments = []
    }

    /// Creates SQL from text already holding its `?` placeholders and the values for them, for statements whose
    /// shape is built in a loop (a multi-row INSERT).
    public init(text: String, arguments: [SQLValue]) {
        precondition(text.filter { $0 == "?" }.count >= arguments.count, "more arguments than placeholders")
        self.text = text
        self.arguments = arguments
    }

    /// Creates SQL from an interpolation.
    public init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
        arguments = stringInterpolation.arguments
    }

    /// Appends another fragment.
    public mutating func append(_ other: SQL) {
        text += other.text
        arguments += other.arguments
    }

    /// `verb INTO table (columns) VALUES (?, …), …` for `rows` rows: a multi-row INSERT whose values are bound.
    public static func insertText(_ verb: String = "INSERT", into table: String, columns: [String], rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "\(verb) INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Joins fragments with a separator such as `" AND "`.
    public static func joined(_ parts: [SQL], separator: String) -> SQL {
        var result: SQL = ""
        for (index, part) in parts.enumerated() {
            if index > 0 { result.text += separator }
            result.append(part)
        }
        return result
    }

    /// Builds the text and arguments of an interpolated SQL literal.
    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        var arguments: [SQLValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// Binds a value as one parameter.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            text += "?"
            arguments.append(value.sqlValue)
        }

        /// Binds an optional value as one parameter, NULL when absent.
        public mutating func appendInterpolation<Value: SQLBindable>(_ value: Value?) {
            text += "?"
            arguments.append(value?.sqlValue ?? .null)
        }

        /// Binds each value as a parameter, comma-separated, for `IN (…)`.
        public mutating func appendInterpolation(list values: [some SQLBindable]) {
            text += values.map { _ in "?" }.joined(separator: ", ")
            arguments += values.map(\.sqlValue)
        }

        /// Inserts another fragment with its arguments.
        public mutating func appendInterpolation(sql: SQL) {
            text += sql.text
            arguments += sql.arguments
        }
    }
}
