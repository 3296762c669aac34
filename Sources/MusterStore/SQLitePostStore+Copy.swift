import Foundation
import MusterCore
import MusterSQL

/// Records written into the store file as they are in another store, inside one transaction (`StoreMove`).
public struct SQLiteStoreCopy: StoreCopy {
    let store: SQLitePostStore

    public func posts(_ posts: [Post], ingestedAt: Date) throws {
        let ingested = Int(ingestedAt.timeIntervalSince1970)
        let arena = BindingArena()
        for start in stride(from: posts.startIndex, to: posts.endIndex, by: SQLitePostStore.rowsPerStatement) {
            let chunk = posts[start..<min(start + SQLitePostStore.rowsPerStatement, posts.endIndex)]
            let values = try chunk.flatMap { try $0.copiedValues(ingestedAt: ingested) }
            _ = try store.database.run(SQL(text: SQL.insertText(into: "post", columns: Post.copiedColumns, rows: chunk.count), arguments: values))
            try store.insert(chunk.flatMap { post in TopicRow.rows(of: post, id: Int(post.id ?? 0)) }, arena: arena)
        }
    }

    public func rows(_ rows: [[SQLValue]], of table: CopiedTable) throws {
        let columns = table.columnNames(in: .sqlite)
        // SQLite takes at most 32,766 parameters a statement.
        let perStatement = 30_000 / max(columns.count, 1)
        for start in stride(from: rows.startIndex, to: rows.endIndex, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.endIndex)]
            _ = try store.database.run(SQL(text: SQL.insertText(into: table.name, columns: columns, rows: chunk.count), arguments: chunk.flatMap { $0 }))
        }
    }

    public func authorSalt(_ salt: [UInt8]) throws {
        // A blob literal: the digits come from bytes, so they are only ever hex.
        let hex = salt.map { String(format: "%02x", $0) }.joined()
        _ = try store.database.run(SQL(stringLiteral: "UPDATE store_secret SET value = X'\(hex)' WHERE name = 'author_salt'"))
    }

    public func count(_ table: String) throws -> Int {
        try store.database.scalar(SQL(stringLiteral: "SELECT count(*) FROM \(table)")) ?? 0
    }
}

extension SQLitePostStore: StoreCopying {
    /// Runs `body` as one transaction copying records into this store, which must hold no posts; the copied posts'
    /// text is indexed for search when it returns. When it throws, nothing it wrote is kept.
    public func copyIn<T>(_ body: (any StoreCopy) throws -> T) throws -> T {
        try write { store in
            let result = try body(SQLiteStoreCopy(store: store))
            try store.indexText(after: 0)
            return result
        }
    }
}
