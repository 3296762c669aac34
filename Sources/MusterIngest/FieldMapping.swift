import Foundation
import MusterCore

/// Turns a raw record into a post. Field names are case-insensitive and common aliases are accepted, so exports
/// from most tools load as they are; the README lists them.
struct FieldMapping {
    /// The source used when a record does not name one.
    var defaultSource: String

    static let aliases: [(field: String, names: [String])] = [
        ("id", ["id", "external_id", "post_id", "tweet_id", "tweet id", "guid", "uid"]),
        ("source", ["source", "platform", "network"]),
        ("text", ["text", "body", "content", "message", "full_text", "tweet text", "title"]),
        ("created_at", ["created_at", "timestamp", "time", "date", "published", "created", "posted_at"]),
        ("url", ["url", "link", "permalink"]),
        ("author", ["author", "author_handle", "handle", "screen_name", "username", "user", "from"]),
        ("author_name", ["author_name", "name", "display_name", "user_name"]),
        ("author_kind", ["author_kind", "kind"]),
        ("outlet", ["outlet", "publication"]),
        ("language", ["language", "lang"]),
        ("latitude", ["latitude", "lat"]),
        ("longitude", ["longitude", "lon", "lng", "long"]),
        ("likes", ["likes", "like_count", "favorite_count", "favourites", "reactions"]),
        ("shares", ["shares", "share_count", "retweets", "retweet_count", "reposts"]),
        ("replies", ["replies", "reply_count", "comments", "comment_count"]),
        ("reach", ["reach", "followers", "views", "impressions"]),
        ("reply_to", ["reply_to", "in_reply_to", "in_reply_to_status_id", "parent_id"]),
        ("thread", ["thread", "thread_id", "conversation_id"]),
        ("area", ["area", "ward"]),
        ("topics", ["topics", "topic"]),
    ]

    private static let namesByField = Dictionary(uniqueKeysWithValues: aliases.map { ($0.field, $0.names) })

    /// Upper bound on a post's text, so a runaway field cannot bloat the store.
    static let maximumTextLength = 20_000

    func post(from record: RawRecord) throws -> Post {
        let fields = Dictionary(record.fields.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        func value(_ field: String) -> Any? {
            return Self.namesByField[field]!.lazy.compactMap { fields[$0] }.first { !($0 is NSNull) }
        }
        func string(_ field: String) -> String? {
            switch value(field) {
            case let text as String: return text.trimmed.nilIfEmpty
            case let number as NSNumber: return number.stringValue
            default: return nil
            }
        }
        func count(_ field: String) throws -> Int {
            guard let raw = value(field) else { return 0 }
            let number = (raw as? NSNumber)?.doubleValue ?? (raw as? String).flatMap { Double($0.trimmed) }
            guard let number, number >= 0, number < 1e15, number == number.rounded() else {
                throw MusterError("\(field) \"\(raw)\" is not a whole number of zero or more")
            }
            return Int(number)
        }

        guard let id = string("id") else { throw MusterError("no id (give one of: id, external_id, post_id, tweet_id)") }
        guard let text = string("text") else { throw MusterError("no text (give one of: text, body, content, message)") }
        guard text.count <= Self.maximumTextLength else {
            throw MusterError("text is \(text.count) characters; the limit is \(Self.maximumTextLength)")
        }
        let source = string("source")?.lowercased() ?? defaultSource
        guard let rawDate = value("created_at") ?? Self.tweetTime(id: id, source: source) else {
            throw MusterError("no created_at (give an ISO 8601 time such as 2026-11-24T09:42:00Z)")
        }
        guard let createdAt = DateParser.date(from: rawDate) else {
            throw MusterError("created_at \"\(rawDate)\" is not a time (use ISO 8601, e.g. 2026-11-24T09:42:00Z, or Unix seconds)")
        }
        let kind: AuthorKind
        if let raw = string("author_kind") {
            guard let parsed = AuthorKind(rawValue: raw.lowercased()) else {
                throw MusterError("author_kind \"\(raw)\" is not one of \(AuthorKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = parsed
        } else {
            kind = string("outlet") == nil ? .public : .media
        }
        let author = authorHandle(fields, value("author")) ?? "unknown"
        return Post(
            source: source,
            externalID: id,
            url: string("url"),
            author: Author(handle: author, name: string("author_name"), kind: kind),
            outlet: string("outlet"),
            text: text,
            language: string("language")?.lowercased(),
            createdAt: createdAt,
            geo: try geo(fields, latitude: value("latitude"), longitude: value("longitude")),
            area: string("area"),
            topics: topics(value("topics")),
            engagement: Engagement(
                likes: try count("likes"), shares: try count("shares"), replies: try count("replies"), reach: try count("reach")
            ),
            replyTo: string("reply_to"),
            threadID: string("thread"),
            raw: record.raw
        )
    }

    /// A tweet's time from its id, for exports that have ids but no times (CrisisLex): ids since late 2010 carry
    /// milliseconds since the Unix epoch as `(id >> 22) + 1288834974657`.
    static func tweetTime(id: String, source: String) -> Any? {
        guard ["x", "twitter"].contains(source), let number = UInt64(id), number > 1 << 40 else { return nil }
        return NSNumber(value: Double((number >> 22) + 1_288_834_974_657))
    }

    /// A handle from a plain field or a nested user object (`{"user": {"screen_name": …}}`), without `@`.
    private func authorHandle(_ fields: [String: Any], _ value: Any?) -> String? {
        let handle: String?
        switch value {
        case let text as String: handle = text
        case let user as [String: Any]: handle = (user["screen_name"] ?? user["username"] ?? user["handle"]) as? String
        default: handle = nil
        }
        guard let trimmed = handle?.trimmed, !trimmed.isEmpty else { return nil }
        return trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
    }

    private func geo(_ fields: [String: Any], latitude: Any?, longitude: Any?) throws -> GeoPoint? {
        func number(_ value: Any?) -> Double? {
            (value as? NSNumber)?.doubleValue ?? (value as? String).flatMap { Double($0.trimmed) }
        }
        var lat = number(latitude)
        var lon = number(longitude)
        if lat == nil, let geo = fields["geo"] as? [String: Any] {
            if let coordinates = geo["coordinates"] as? [NSNumber], coordinates.count == 2 {
                lon = coordinates[0].doubleValue
                lat = coordinates[1].doubleValue
            } else {
                lat = number(geo["lat"] ?? geo["latitude"])
                lon = number(geo["lon"] ?? geo["lng"] ?? geo["longitude"])
            }
        }
        guard let lat, let lon else {
            if latitude != nil || longitude != nil { throw MusterError("latitude and longitude must both be numbers") }
            return nil
        }
        guard (-90...90).contains(lat), (-180...180).contains(lon) else {
            throw MusterError("coordinates \(lat), \(lon) are out of range")
        }
        return GeoPoint(latitude: lat, longitude: lon)
    }

    private func topics(_ value: Any?) -> [String] {
        switch value {
        case let list as [Any]: return list.compactMap { ($0 as? String)?.lowercased() }
        case let text as String: return text.split(separator: ",").map { $0.trimmed.lowercased() }
        default: return []
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
