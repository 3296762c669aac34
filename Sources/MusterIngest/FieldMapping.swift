import Foundation
import MusterCore

/// Turns a raw record into a post. Field names are case-insensitive and common aliases are accepted, so exports
/// from most tools load as they are; the README lists them.
package struct FieldMapping: Sendable {
    /// The source used when a record does not name one.
    var defaultSource: String
    /// The times a post can have been made: from 2006, before any of the social networks posts come from, to a day
    /// after the ingest (clocks differ; a day is generous). A time outside is a broken export, and one post dated
    /// 9999 would make every answer's "posts up to" line wrong.
    package var plausibleTimes: ClosedRange<Date>

    /// The earliest time a post can have: 2006-01-01.
    static let earliestPost = Date(timeIntervalSince1970: 1_136_073_600)

    /// A mapping for records ingested at `now`.
    package init(defaultSource: String, now: Date) {
        self.defaultSource = defaultSource
        plausibleTimes = Self.earliestPost...now.addingTimeInterval(24 * 3_600)
    }

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

    /// Lower-cased name → the field it fills (an index into `aliases`, or `geoSlot`) and its rank among that field's
    /// names, so each of a record's members is looked up once instead of every alias being tried on every record.
    private static let slots: [String: (field: Int, rank: Int)] = {
        var slots: [String: (field: Int, rank: Int)] = ["geo": (geoSlot, 0)]
        for (field, entry) in aliases.enumerated() {
            for (rank, name) in entry.names.enumerated() { slots[name] = (field, rank) }
        }
        return slots
    }()
    /// A nested `geo` object (`{"coordinates": [lon, lat]}` or `{"lat": …, "lon": …}`), read when no flat coordinates are.
    private static let geoSlot = aliases.count

    /// The fields of `aliases`, in its order, so a field's value is found by index rather than by hashing its name.
    private enum Field: Int {
        case id, source, text, createdAt, url, author, authorName, authorKind, outlet, language, latitude, longitude
        case likes, shares, replies, reach, replyTo, thread, area, topics
    }

    /// Engagement counts are below this (no post has been seen by a million billion people): larger ones are a broken
    /// export, and one near `Int.max` overflowed the engagement score and stopped every answer that ranks posts.
    static let countLimit = 1_000_000_000_000_000

    /// Upper bound on a post's text, so a runaway field cannot bloat the store.
    package static let maximumTextLength = 20_000

    package func post(from record: RawRecord) throws -> Post {
        // Each field takes the value of its best-ranked name that is present and not null.
        var values = [JSONValue?](repeating: nil, count: Self.geoSlot + 1)
        var ranks = [Int](repeating: .max, count: Self.geoSlot + 1)
        for member in record.fields.members where !member.value.isNull {
            guard let slot = Self.slots[Self.lowercased(member.name)], slot.rank < ranks[slot.field] else { continue }
            values[slot.field] = member.value
            ranks[slot.field] = slot.rank
        }
        func value(_ field: Field) -> JSONValue? {
            values[field.rawValue]
        }
        func string(_ field: Field) -> String? {
            switch value(field) {
            case .string(let text)?: return Self.trimmed(text)
            case .number(let literal)?: return Self.numberText(literal)
            default: return nil
            }
        }
        func count(_ field: Field) throws -> Int {
            guard let raw = value(field) else { return 0 }
            if case .number(let literal) = raw, let whole = Int(literal), (0..<Self.countLimit).contains(whole) { return whole }
            let number: Double?
            if case .bool(let flag) = raw { number = flag ? 1 : 0 } else { number = raw.double }
            guard let number, number >= 0, number < Double(Self.countLimit), number == number.rounded() else {
                throw MusterError("\(Self.aliases[field.rawValue].field) \"\(raw)\" is not a whole number from 0 to \((Self.countLimit - 1).grouped)")
            }
            return Int(number)
        }

        guard let id = string(.id) else { throw MusterError("no id (give one of: id, external_id, post_id, tweet_id)") }
        guard let text = string(.text) else { throw MusterError("no text (give one of: text, body, content, message)") }
        // Counting characters walks the whole text; a text with no more bytes than the limit is within it.
        guard text.utf8.count <= Self.maximumTextLength || text.count <= Self.maximumTextLength else {
            throw MusterError("text is \(text.count) characters; the limit is \(Self.maximumTextLength)")
        }
        let source = string(.source)?.lowercased() ?? defaultSource
        guard let rawDate = value(.createdAt) ?? Self.tweetTime(id: id, source: source) else {
            throw MusterError("no created_at (give an ISO 8601 time such as 2026-11-24T09:42:00Z)")
        }
        guard let createdAt = DateParser.date(from: rawDate) else {
            throw MusterError("created_at \"\(rawDate)\" is not a time (use ISO 8601, e.g. 2026-11-24T09:42:00Z, or Unix seconds)")
        }
        guard plausibleTimes.contains(createdAt) else {
            let when = createdAt < plausibleTimes.lowerBound ? "before 2006, earlier than any post Muster reads" : "more than a day after now"
            throw MusterError("created_at \"\(rawDate)\" is \(when)")
        }
        let kind: AuthorKind
        if let raw = string(.authorKind) {
            guard let parsed = AuthorKind(rawValue: raw.lowercased()) else {
                throw MusterError("author_kind \"\(raw)\" is not one of \(AuthorKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = parsed
        } else {
            kind = string(.outlet) == nil ? .public : .media
        }
        let author = authorHandle(value(.author)) ?? Author.unknownHandle
        return Post(
            source: source,
            externalID: id,
            url: string(.url),
            author: Author(handle: author, name: string(.authorName), kind: kind),
            outlet: string(.outlet),
            text: text,
            language: string(.language)?.lowercased(),
            createdAt: createdAt,
            geo: try geo(values[Self.geoSlot], latitude: value(.latitude), longitude: value(.longitude)),
            area: string(.area),
            topics: topics(value(.topics)),
            engagement: Engagement(
                likes: try count(.likes), shares: try count(.shares), replies: try count(.replies), reach: try count(.reach)
            ),
            replyTo: string(.replyTo),
            threadID: string(.thread),
            raw: record.raw
        )
    }

    /// The post a record says was deleted at its source (`"deleted": true`), as its source and id; `nil` for a
    /// record that is a post.
    package func deletion(from record: RawRecord) throws -> (source: String, externalID: String)? {
        let flag = record.fields.members.last { Self.lowercased($0.name) == "deleted" || Self.lowercased($0.name) == "is_deleted" }?.value
        switch flag {
        case .bool(true)?: break
        case .string(let text)? where ["true", "1", "yes"].contains(text.lowercased()): break
        default: return nil
        }
        // The id and source are picked as for a post: each from its best-ranked name present.
        var best: [Int: (rank: Int, text: String)] = [:]
        for member in record.fields.members {
            guard let slot = Self.slots[Self.lowercased(member.name)], slot.field == Field.id.rawValue || slot.field == Field.source.rawValue,
                  slot.rank < best[slot.field]?.rank ?? .max
            else { continue }
            switch member.value {
            case .string(let value): if let text = Self.trimmed(value) { best[slot.field] = (slot.rank, text) }
            case .number(let literal): best[slot.field] = (slot.rank, Self.numberText(literal))
            default: continue
            }
        }
        let id = best[Field.id.rawValue]?.text
        let source = best[Field.source.rawValue]?.text.lowercased()
        guard let id else { throw MusterError("a deletion needs the id of the post deleted") }
        return (source ?? defaultSource, id)
    }

    /// A tweet's time from its id, for exports that have ids but no times (CrisisLex): ids since late 2010 carry
    /// milliseconds since the Unix epoch as `(id >> 22) + 1288834974657`.
    static func tweetTime(id: String, source: String) -> JSONValue? {
        guard source == "x" || source == "twitter", let number = UInt64(id), number > 1 << 40 else { return nil }
        return .number(String((number >> 22) + 1_288_834_974_657))
    }

    /// A field name in lower case; names already in lower-case ASCII, the usual case, are returned as they are.
    private static func lowercased(_ name: String) -> String {
        name.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ? name : name.lowercased()
    }

    /// The text without surrounding whitespace or control characters (NUL and the like: SQLite's `length()` and
    /// many tools stop at a NUL), `nil` when nothing is left. Text that starts and ends with a visible character and
    /// holds no control character, the usual case, is returned as it is, not copied.
    private static func trimmed(_ text: String) -> String? {
        let text = text.utf8.contains(where: isControl) ? String(String.UnicodeScalarView(text.unicodeScalars.filter { !isControl($0) })) : text
        if let first = text.utf8.first, let last = text.utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
            return text
        }
        guard let first = text.first, let last = text.last else { return nil }
        return first.isWhitespace || last.isWhitespace ? text.trimmed.nilIfEmpty : text
    }

    /// A C0 control character other than tab, newline and carriage return, or DEL.
    private static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isControl(UInt8(scalar.value))
    }

    /// A number as text the way it was written when it is a whole number (so long ids keep every digit), else as
    /// Foundation would print it.
    private static func numberText(_ literal: String) -> String {
        if literal.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }) {
            return literal
        }
        guard let number = Double(literal) else { return literal }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }

    /// A handle from a plain field or a nested user object (`{"user": {"screen_name": …}}`), without `@`.
    private func authorHandle(_ value: JSONValue?) -> String? {
        let handle: String?
        switch value {
        case .string(let text)?: handle = text
        case .object(let user)?:
            if case .string(let text)? = user["screen_name"] ?? user["username"] ?? user["handle"] { handle = text } else { handle = nil }
        default: handle = nil
        }
        guard let handle, let trimmed = Self.trimmed(handle) else { return nil }
        return trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
    }

    private func geo(_ nested: JSONValue?, latitude: JSONValue?, longitude: JSONValue?) throws -> GeoPoint? {
        var lat = latitude?.double
        var lon = longitude?.double
        if lat == nil, case .object(let geo)? = nested {
            if case .array(let coordinates)? = geo["coordinates"], coordinates.count == 2,
               case .number(let first) = coordinates[0], case .number(let second) = coordinates[1] {
                lon = Double(first)
                lat = Double(second)
            } else {
                lat = (geo["lat"] ?? geo["latitude"])?.double
                lon = (geo["lon"] ?? geo["lng"] ?? geo["longitude"])?.double
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

    private func topics(_ value: JSONValue?) -> [String] {
        switch value {
        case .array(let list)?: return list.compactMap { if case .string(let text) = $0 { text.lowercased() } else { nil } }
        case .string(let text)?: return text.split(separator: ",").map { $0.trimmed.lowercased() }
        default: return []
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
