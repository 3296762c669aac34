import Foundation

/// An `application/x-www-form-urlencoded` body (Slack and Mattermost slash commands, Mattermost webhooks).
public struct FormFields: Sendable {
    private let values: [String: String]

    /// Parses `body`; throws when it is not UTF-8 or a value's percent-encoding is broken.
    public init(_ body: Data) throws(ChatRejection) {
        guard let text = String(data: body, encoding: .utf8) else { throw .malformed("The form body is not UTF-8.") }
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw .malformed("The form field \"\(parts[0].prefix(40))\" is not valid percent-encoding.")
            }
            if values[name] == nil { values[name] = value }
        }
        self.values = values
    }

    /// A field's value.
    public subscript(name: String) -> String? {
        values[name]
    }

    /// A field that must be present and non-empty.
    public func required(_ name: String) throws(ChatRejection) -> String {
        guard let value = values[name], !value.isEmpty else { throw .malformed("The form has no \"\(name)\".") }
        return value
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
