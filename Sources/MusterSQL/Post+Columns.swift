import Foundation
import MusterCore

extension Post {
    /// The columns `init(columns:)` reads, in order, from `post AS p`. The record as it arrived (`raw`) stays in the
    /// store for audit and is not read back: no answer shows it, and it was most of each row's bytes.
    public static let selection: SQL = """
        p.id, p.source, p.external_id, p.url, p.author_handle, p.author_name, p.author_kind, p.outlet, p.text,
        p.language, p.created_at, p.latitude, p.longitude, p.area, p.topics, p.sentiment, p.likes, p.shares,
        p.replies, p.reach, p.reply_to, p.thread_id, p.is_question, p.is_claim, p.handled_by, p.handled_at, p.kinds
        """

    /// A post read from a row of `selection`.
    public init(columns row: some ColumnReading) {
        let geo: GeoPoint? = row.optionalDouble(11).flatMap { latitude in
            row.optionalDouble(12).map { GeoPoint(latitude: latitude, longitude: $0) }
        }
        let handled: Handling? = row.optionalString(24).flatMap { by in
            row.optionalInt(25).map { Handling(by: by, at: Date(timeIntervalSince1970: TimeInterval($0))) }
        }
        self.init(
            id: Int64(row.int(0)),
            source: row.string(1),
            externalID: row.string(2),
            url: row.optionalString(3),
            author: Author(
                handle: row.string(4), name: row.optionalString(5),
                kind: AuthorKind(rawValue: row.string(6)) ?? .public
            ),
            outlet: row.optionalString(7),
            text: row.string(8),
            language: row.optionalString(9),
            createdAt: Date(timeIntervalSince1970: TimeInterval(row.int(10))),
            geo: geo,
            area: row.optionalString(13),
            topics: row.string(14).split(separator: ",").map(String.init),
            sentiment: row.double(15),
            engagement: Engagement(likes: row.int(16), shares: row.int(17), replies: row.int(18), reach: row.int(19)),
            replyTo: row.optionalString(20),
            threadID: row.optionalString(21),
            kinds: PostKinds(rawValue: row.int(26)),
            handled: handled
        )
    }

    /// The columns a new post is inserted with, in the order of `insertedValues`.
    public static let insertedColumns = [
        "source", "external_id", "url", "author_handle", "author_name", "author_kind", "outlet", "text", "language",
        "created_at", "latitude", "longitude", "area", "topics", "sentiment", "likes", "shares", "replies", "reach",
        "reply_to", "thread_id", "is_question", "is_claim", "raw", "ingested_at", "kinds",
    ]

    /// The post's values for `insertedColumns`.
    public func insertedValues(ingestedAt: Int) -> [SQLValue] {
        let e = engagement
        return [
            source.sqlValue, externalID.sqlValue, url.sqlValue, author.handle.sqlValue, author.name.sqlValue,
            author.kind.rawValue.sqlValue, outlet.sqlValue, text.sqlValue, language.sqlValue,
            Int(createdAt.timeIntervalSince1970).sqlValue, geo?.latitude.sqlValue ?? .null, geo?.longitude.sqlValue ?? .null,
            area.sqlValue, topics.joined(separator: ",").sqlValue, sentiment.sqlValue, e.likes.sqlValue, e.shares.sqlValue,
            e.replies.sqlValue, e.reach.sqlValue, replyTo.sqlValue, threadID.sqlValue, isQuestion.sqlValue, isClaim.sqlValue,
            raw.sqlValue, ingestedAt.sqlValue, kinds.rawValue.sqlValue,
        ]
    }

    /// The columns a post copied from another store is inserted with: its id and handled mark besides the new post's.
    public static let copiedColumns = ["id"] + insertedColumns + ["handled_by", "handled_at"]

    /// The values of `copiedColumns`, for a post read from another store (which gave it its id).
    public func copiedValues(ingestedAt: Int) throws -> [SQLValue] {
        guard let id else { throw MusterError("a post copied in has no id: \(source) \(externalID)") }
        let handledAt = handled.map { Int($0.at.timeIntervalSince1970) }
        return [id.sqlValue] + insertedValues(ingestedAt: ingestedAt) + [handled?.by.sqlValue ?? .null, handledAt.sqlValue]
    }

    /// Rewrites the stored row `id` as this post's edited copy: its text and everything enrichment read from it,
    /// its record, when it was edited, and its engagement. (Its topic rows are rewritten by the caller.)
    public func editStatement(id: Int, editedAt: Int) -> SQL {
        let e = engagement
        return """
            UPDATE post SET text = \(text), language = \(language), area = \(area),
                topics = \(topics.joined(separator: ",")), sentiment = \(sentiment),
                is_question = \(isQuestion ? 1 : 0), is_claim = \(isClaim ? 1 : 0), kinds = \(kinds.rawValue),
                raw = \(raw), edited_at = \(editedAt),
                likes = \(e.likes), shares = \(e.shares), replies = \(e.replies), reach = \(e.reach)
            WHERE id = \(id)
            """
    }
}

extension Engagement {
    /// The same ranking as `Engagement.score`, as a SQL expression over `post AS p`.
    public static let scoreSQL = SQL(stringLiteral: "(p.likes * \(weights.likes) + p.shares * \(weights.shares) + p.replies * \(weights.replies))")
}
