import Foundation
import MusterCore
import MusterIngest

extension JSONValue {
    /// The JSON text `body` holds, or the error that refuses the whole page.
    static func parsed(_ body: Data, kind: String) throws -> JSONValue {
        let result = body.withUnsafeBytes { raw in JSONParser.value(in: raw.bindMemory(to: UInt8.self)) }
        switch result {
        case .success(let value): return value
        case .failure: throw MusterError("the \(kind) answer is not valid JSON", hint: "Check the source's url: it may point at a web page, or the service may be down.")
        }
    }

    /// The value at a dotted path (`meta.next_token`, `entities.urls.0.expanded_url`): names step into objects,
    /// numbers into arrays; `nil` where the path leads nowhere. An empty path is the value itself.
    func value(at path: String) -> JSONValue? {
        var current = self
        for step in path.split(separator: ".") {
            switch current {
            case .object(let object):
                guard let next = object[String(step)] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(step), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// A string or number as text (ids and cursors come as either); `nil` for anything else.
    var text: String? {
        switch self {
        case .string(let text): text
        case .number(let literal): literal
        default: nil
        }
    }

    /// The value as compact JSON, for a record's `raw`.
    var jsonText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .string(let text): text.appendJSONQuoted(to: &out)
        case .number(let literal): out += literal
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { out += "," }
                member.name.appendJSONQuoted(to: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }
}

/// Ids as platforms issue them: decimal strings too long for any integer type (snowflakes), compared as numbers by
/// length then digit by digit; anything else compared as text.
enum SourceID {
    /// Whether `left` comes before `right`.
    static func precedes(_ left: String, _ right: String) -> Bool {
        let numeric = { (text: String) in !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
        if numeric(left), numeric(right) {
            let left = left.drop { $0 == "0" }
            let right = right.drop { $0 == "0" }
            return left.count != right.count ? left.count < right.count : left < right
        }
        return left < right
    }

    /// The greatest of `ids`, `nil` when there are none.
    static func greatest(_ ids: some Sequence<String>) -> String? {
        ids.max(by: precedes)
    }
}
