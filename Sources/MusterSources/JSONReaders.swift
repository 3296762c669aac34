import Foundation
import MusterConfig
import MusterCore
import MusterIngest

extension JSONValue {
    /// The value at a dotted path (`meta.next_token`, `entities.urls.0.url`); the whole value for an empty path.
    func at(_ path: String?) -> JSONValue? {
        guard let path, !path.isEmpty else { return self }
        var current: JSONValue? = self
        for step in path.split(separator: ".") {
            switch current {
            case .object(let object)?: current = object[String(step)]
            case .array(let items)?: current = Int(step).flatMap { items.indices.contains($0) ? items[$0] : nil }
            default: return nil
            }
        }
        return current
    }

    /// The value as text: strings as they are, numbers as written.
    var text: String? {
        switch self {
        case .string(let text): text
        case .number(let literal): literal
        default: nil
        }
    }
}

/// Reads the JSON answers of Mastodon, Bluesky and any mapped API into ingest records.
enum JSONReaders {
    /// Parses a whole answer.
    static func value(_ body: Data) throws -> JSONValue {
        let result = body.withUnsafeBytes { raw in JSONParser.value(in: raw.bindMemory(to: UInt8.self)) }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw MusterError("the answer is \(error.message)")
        }
    }

    /// The fields every record from `source` carries.
    static func common(_ source: Source) -> [(name: String, value: JSONValue)] {
        var fields: [(name: String, value: JSONValue)] = [("author_kind", .string(source.authorKind.rawValue)), ("source", .string(source.postSource))]
        if let outlet = source.outlet { fields.append(("outlet", .string(outlet))) }
        return fields
    }

    /// A Mastodon timeline: an array of statuses, newest first, paged by the Link header.
    static func mastodon(_ source: Source, body: Data, link: String?) throws -> SourcePage {
        guard case .array(let statuses) = try value(body) else { throw MusterError("a Mastodon timeline should be a JSON array of statuses") }
        var page = SourcePage(next: link.flatMap { LinkHeader.target(of: "next", in: $0) })
        for (index, item) in statuses.enumerated() {
            guard case .object(let wrapper) = item else {
                page.rejected.append(Rejection(file: source.name, line: index + 1, reason: "status \(index + 1) is not an object"))
                continue
            }
            // A boost carries the post it boosts: that is what was said, by whom.
            let status: JSONObject
            if case .object(let original)? = wrapper["reblog"] { status = original } else { status = wrapper }
            guard let id = wrapper["id"]?.text else {
                page.rejected.append(Rejection(file: source.name, line: index + 1, reason: "status \(index + 1) has no id"))
                continue
            }
            page.newest = SourcePoller.newer(id, than: page.newest)
            let account = JSONValue.object(status["account"].flatMap { if case .object(let account) = $0 { account } else { nil } } ?? JSONObject())
            let warning = status["spoiler_text"]?.text.map(HTMLText.collapsed) ?? ""
            let content = HTMLText.text(status["content"]?.text ?? "")
            var fields = common(source)
            fields += [
                ("id", .string(status["id"]?.text ?? id)), ("text", .string([warning, content].filter { !$0.isEmpty }.joined(separator: "\n\n"))),
                ("created_at", status["created_at"] ?? .null), ("url", status["url"] ?? status["uri"] ?? .null),
                ("author", account.at("acct") ?? .null), ("author_name", account.at("display_name") ?? .null),
                ("language", status["language"] ?? .null), ("reply_to", status["in_reply_to_id"] ?? .null),
                ("likes", status["favourites_count"] ?? .null), ("shares", status["reblogs_count"] ?? .null), ("replies", status["replies_count"] ?? .null),
            ]
            page.records.append(RawRecord(line: index + 1, fields: JSONObject(fields), raw: JSONText.text(item)))
        }
        return page
    }

    /// A Bluesky `app.bsky.feed.searchPosts` answer: `{"posts": [postView], "cursor": …}`.
    static func bluesky(_ source: Source, body: Data, url: String) throws -> SourcePage {
        let answer = try value(body)
        guard case .array(let posts)? = answer.at("posts") else { throw MusterError("a Bluesky search answer should have a \"posts\" array") }
        var page = SourcePage()
        if let cursor = answer.at("cursor")?.text, !cursor.isEmpty, !posts.isEmpty {
            page.next = QueryItems.setting("cursor", to: cursor, in: url)
        }
        for (index, post) in posts.enumerated() {
            guard let uri = post.at("uri")?.text else {
                page.rejected.append(Rejection(file: source.name, line: index + 1, reason: "post \(index + 1) has no uri"))
                continue
            }
            let author = post.at("author.did")?.text ?? post.at("author.handle")?.text ?? ""
            let recordKey = uri.split(separator: "/").last.map(String.init) ?? ""
            // Bluesky's advice: a post's time is the earlier of what the client claimed and when it was seen.
            let claimed = post.at("record.createdAt")?.text.flatMap { try? Date($0, strategy: .iso8601) }
            let indexed = post.at("indexedAt")?.text.flatMap { try? Date($0, strategy: .iso8601) }
            let time = [claimed, indexed].compactMap { $0 }.min().map { JSONValue.string($0.formatted(.iso8601)) }
            var fields = common(source)
            fields += [
                ("id", .string(uri)), ("text", post.at("record.text") ?? .null),
                ("created_at", time ?? post.at("record.createdAt") ?? .null),
                ("url", .string("https://bsky.app/profile/\(author)/post/\(recordKey)")),
                ("author", post.at("author.handle") ?? .null), ("author_name", post.at("author.displayName") ?? .null),
                ("language", post.at("record.langs.0") ?? .null), ("reply_to", post.at("record.reply.parent.uri") ?? .null),
                ("likes", post.at("likeCount") ?? .null), ("shares", post.at("repostCount") ?? .null), ("replies", post.at("replyCount") ?? .null),
            ]
            page.records.append(RawRecord(line: index + 1, fields: JSONObject(fields), raw: JSONText.text(post)))
        }
        return page
    }

    /// Any JSON API, read through the source's mapping.
    static func mapped(_ source: Source, body: Data, url: String) throws -> SourcePage {
        let mapping = source.mapping ?? SourceMapping()
        let answer = try value(body)
        let items: [JSONValue]
        switch answer.at(mapping.items) {
        case .array(let found)?: items = found
        // X leaves `data` out when nothing matched: an empty page, not a broken one.
        case nil, .null?: items = []
        default: throw MusterError("the answer's \(mapping.items.map { "\"\($0)\"" } ?? "body") is not an array of items")
        }
        var page = SourcePage()
        if let next = mapping.next.flatMap({ answer.at($0)?.text }), !next.isEmpty, !items.isEmpty {
            if let parameter = mapping.nextParameter {
                page.next = QueryItems.setting(parameter, to: next, in: url)
            } else {
                page.next = URL(string: next, relativeTo: URL(string: url))?.absoluteString
            }
        }
        for (index, item) in items.enumerated() {
            guard case .object(let object) = item else {
                page.rejected.append(Rejection(file: source.name, line: index + 1, reason: "item \(index + 1) is not an object"))
                continue
            }
            // Mapped fields first, then the item's own members (read by the ingest aliases), then the source's.
            var fields: [(name: String, value: JSONValue)] = mapping.fields.sorted { $0.key < $1.key }.compactMap { field, path in
                item.at(path).map { (field, $0) }
            }
            let mapped = Set(fields.map(\.name))
            fields += object.members.filter { !mapped.contains($0.name) }
            fields += common(source).filter { !mapped.contains($0.name) && object[$0.name] == nil }
            let record = JSONObject(fields)
            if mapping.sinceParameter != nil, let id = (record["id"] ?? item.at(mapping.fields["id"]))?.text {
                page.newest = SourcePoller.newer(id, than: page.newest)
            }
            page.records.append(RawRecord(line: index + 1, fields: record, raw: JSONText.text(item)))
        }
        return page
    }
}

/// Reading a `Link` header (RFC 8288): `<https://…?max_id=1>; rel="next", <https://…?min_id=9>; rel="prev"`.
enum LinkHeader {
    static func target(of relation: String, in header: String) -> String? {
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = pieces.first, first.hasPrefix("<"), first.hasSuffix(">") else { continue }
            let relations = pieces.dropFirst().filter { $0.lowercased().hasPrefix("rel=") }
                .flatMap { $0.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ") }
            if relations.contains(where: { $0.lowercased() == relation }) { return String(first.dropFirst().dropLast()) }
        }
        return nil
    }
}

/// Setting one query parameter of a URL, keeping the others.
enum QueryItems {
    static func setting(_ name: String, to value: String, in url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        var items = (components.queryItems ?? []).filter { $0.name != name }
        items.append(URLQueryItem(name: name, value: value))
        components.queryItems = items
        return components.url?.absoluteString ?? url
    }
}
