import Foundation

/// Read-only access to a JSON object from a platform, by key path, without a Codable type per platform variant.
package struct JSONFields {
    private let object: [String: Any]

    /// Parses `body`, which must be a JSON object.
    package init(_ body: Data) throws(ChatRejection) {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw .malformed("The body is not a JSON object.")
        }
        self.object = object
    }

    private init(object: [String: Any]) {
        self.object = object
    }

    /// The string at a key path, such as `["event", "text"]`; numbers are given as text.
    package func string(_ path: String...) -> String? {
        switch value(path) {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    /// The object at a key path.
    func fields(_ path: String...) -> JSONFields? {
        (value(path) as? [String: Any]).map { JSONFields(object: $0) }
    }

    /// The objects in the array at a key path.
    func list(_ path: String...) -> [JSONFields] {
        (value(path) as? [Any] ?? []).compactMap { ($0 as? [String: Any]).map { JSONFields(object: $0) } }
    }

    private func value(_ path: [String]) -> Any? {
        var current: Any? = object
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }
}
