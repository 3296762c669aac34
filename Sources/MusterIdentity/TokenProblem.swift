/// Why a token, a key set or an identity provider's answer was not accepted, in words for the log (never quoting a
/// credential).
public struct TokenProblem: Error, CustomStringConvertible, Sendable {
    /// What was wrong.
    public let description: String

    /// A problem described as `description`.
    public init(_ description: String) {
        self.description = description
    }
}

/// `value` quoted for a log line: printable ASCII only and at most 80 characters, since it came from a request.
public func quotedForLog(_ value: Any?) -> String {
    guard let value else { return "(none)" }
    let text = (value as? String) ?? (value as? [Any]).map { $0.map { "\($0)" }.joined(separator: ", ") } ?? "\(value)"
    let scalars = text.unicodeScalars
    let safe = scalars.prefix(80).map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" }
    return "\"" + String(safe) + (scalars.count > 80 ? "…" : "") + "\""
}
