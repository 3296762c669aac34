import MusterConfig
import MusterIngest

/// A record's fields as they are read, in ingest's names; absent and empty values are left out, so that ingest's
/// aliases and defaults apply as for a file.
struct RecordFields {
    private(set) var object = JSONObject()

    mutating func set(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        set(name, .string(value))
    }

    mutating func set(_ name: String, _ value: JSONValue?) {
        guard let value, !value.isNull else { return }
        if case .string(let text) = value, text.isEmpty { return }
        object.members.removeAll { $0.name == name }
        object.members.append((name, value))
    }

    /// What the source says of all its posts: where they are stored, who writes them, and the outlet.
    mutating func stamp(_ source: Source) {
        set("source", source.postSource)
        set("author_kind", source.authorKind.rawValue)
        set("outlet", source.outlet)
    }

    /// Whether a field called `name` is set.
    func has(_ name: String) -> Bool {
        object.members.contains { $0.name == name }
    }
}

extension JSONValue {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
