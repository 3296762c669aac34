import Foundation
import MusterCore
import MusterSQL

extension PostgresPostStore {
    /// Stores posts read from another store as they are there, their ids and handled marks kept, with their topic
    /// rows: moving a store to PostgreSQL keeps every reference to a post. The store must not hold these ids yet.
    public func copyIn(_ posts: [Post], ingestedAt: Date) throws {
        let ingested = Int(ingestedAt.timeIntervalSince1970)
        let columns = ["id"] + Post.insertedColumns + ["handled_by", "handled_at"]
        try connections.with { connection in
            try transaction(on: connection) {
                let sink = try PostgresPostSink(store: self, connection: connection)
                for chunk in posts.chunked(PostgresPostSink.rowsPerStatement) {
                    let values = try chunk.flatMap { post -> [SQLValue] in
                        guard let id = post.id else { throw MusterError("a post copied in has no id: \(post.source) \(post.externalID)") }
                        let handledAt = post.handled.map { Int($0.at.timeIntervalSince1970) }
                        return [id.sqlValue] + post.insertedValues(ingestedAt: ingested) + [post.handled?.by.sqlValue ?? .null, handledAt.sqlValue]
                    }
                    let text = SQL.insertText(into: "post", columns: columns, rows: chunk.count)
                    _ = try connections.rows(SQL(text: text, arguments: values), on: connection)
                    try sink.insert(chunk.flatMap { post in TopicRow.rows(of: post, id: Int(post.id ?? 0)) })
                }
                // New posts take ids after the copied ones.
                _ = try connections.rows("SELECT setval(pg_get_serial_sequence('post', 'id'), greatest(coalesce(max(id), 0), 1)) FROM post", on: connection)
            }
        }
    }
}
