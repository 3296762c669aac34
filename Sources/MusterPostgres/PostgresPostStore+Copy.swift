import Foundation
import MusterCore
import MusterSQL
import PostgresNIO

/// Records written into a PostgreSQL store as they are in another store, inside one transaction (`StoreMove`).
public struct PostgresStoreCopy: StoreCopy {
    let store: PostgresPostStore
    let connection: PostgresConnection

    public func posts(_ posts: [Post], ingestedAt: Date) throws {
        let ingested = Int(ingestedAt.timeIntervalSince1970)
        let sink = try PostgresPostSink(store: store, connection: connection)
        for chunk in posts.chunked(PostgresPostSink.rowsPerCopy) {
            var rows = PostgresCopyRows()
            for post in chunk { rows.append(try post.copiedValues(ingestedAt: ingested)) }
            try store.connections.copy(rows, into: "post", columns: Post.copiedColumns, on: connection)
            try sink.insert(chunk.flatMap { post in TopicRow.rows(of: post, id: Int(post.id ?? 0)) })
        }
    }

    public func rows(_ rows: [[SQLValue]], of table: CopiedTable) throws {
        var copied = PostgresCopyRows()
        for row in rows { copied.append(row) }
        // COPY quotes each name itself, so a reserved word (`user`) goes in as it is.
        try store.connections.copy(copied, into: table.name, columns: table.columns.map(\.name), on: connection)
    }

    public func authorSalt(_ salt: [UInt8]) throws {
        let hex = salt.map { String(format: "%02x", $0) }.joined()
        _ = try store.connections.rows("UPDATE store_secret SET value = decode(\(hex), 'hex') WHERE name = 'author_salt'", on: connection)
    }

    public func count(_ table: String) throws -> Int {
        let rows = try store.connections.rows(SQL(stringLiteral: "SELECT count(*) FROM \(table)"), on: connection).rows
        return rows.first.map { PostgresColumns($0).int(0) } ?? 0
    }
}

extension PostgresPostStore: StoreCopying {
    /// Runs `body` as one transaction copying records in; when it returns, new posts and audit rows take ids after
    /// the copied ones. When it throws, nothing it wrote is kept.
    public func copyIn<T>(_ body: (any StoreCopy) throws -> T) throws -> T {
        try connections.with { connection in
            try transaction(on: connection) {
                let result = try body(PostgresStoreCopy(store: self, connection: connection))
                for table in ["post", "audit"] {
                    _ = try connections.rows(SQL(stringLiteral: """
                        SELECT setval(pg_get_serial_sequence('\(table)', 'id'), greatest(coalesce(max(id), 0), 1)) FROM \(table)
                        """), on: connection)
                }
                return result
            }
        }
    }
}
