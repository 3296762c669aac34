import Foundation
import MusterConfig
import MusterCore
import MusterIngest

/// Any JSON API, read through the source's `mapping`: the items at one path, each field at a path within an item.
struct MappedJSONReader {
    let source: Source
    let url: String

    func page(_ body: Data) throws -> SourcePage {
        guard let mapping = source.mapping else {
            throw MusterError("source \(source.name) is a json source with no mapping", hint: "Give it a mapping: with items and fields paths.")
        }
        let value = try JSONValue.parsed(body, kind: source.label)
        let itemsPath = mapping.items ?? ""
        let items: [JSONValue]
        switch value.value(at: itemsPath) {
        case .array(let list)?: items = list
        // X leaves `data` out of a search that found nothing; that is an empty page, not a broken one.
        case nil, .null?: items = []
        case let other?:
            let place = itemsPath.isEmpty ? "is not a list of items" : "has no list of items at \"\(itemsPath)\""
            throw MusterError("the \(source.label) answer \(place) (found \(Self.kind(of: other)))", hint: "Check the mapping's items: path against an answer of the API.")
        }
        var page = SourcePage()
        for (index, item) in items.enumerated() {
            switch record(item, mapping: mapping, number: index + 1) {
            case .success(let record): page.records.append(record)
            case .failure(let error): page.rejected.append(Rejection(file: url, line: index + 1, reason: "item \(index + 1): \(error.message)"))
            }
        }
        if let path = mapping.next, let next = value.value(at: path)?.text, !next.isEmpty {
            page.next = mapping.nextParameter.map { SourceURL.setting([($0, next)], in: url) } ?? SourceURL.resolved(next, against: url)
        }
        if mapping.sinceParameter != nil {
            page.newest = SourceID.greatest(page.records.compactMap { $0.fields["id"]?.text })
        }
        return page
    }

    private func record(_ item: JSONValue, mapping: SourceMapping, number: Int) -> Result<RawRecord, MusterError> {
        guard case .object(let object) = item else { return .failure(MusterError("is \(Self.kind(of: item)), not a JSON object")) }
        var fields = RecordFields()
        fields.stamp(source)
        // Sorted, so that the fields come out in the same order whatever order the config's dictionary has.
        for (name, path) in mapping.fields.sorted(by: { $0.key < $1.key }) where !fields.has(name) {
            fields.set(name, item.value(at: path))
        }
        // The item's own members pass through, so ingest's aliases read what the mapping does not name; a member
        // named like a field already set would only shadow or repeat it.
        var record = fields.object
        for member in object.members where !fields.has(member.name) {
            record.members.append(member)
        }
        return .success(RawRecord(line: number, fields: record, raw: item.jsonText))
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
