import Foundation
import MusterCore
import MusterPostgres
import MusterSQL

extension Muster {
    /// Copies every post this Muster holds into `target`, an empty PostgreSQL post store, ids and handled marks
    /// kept; returns how many. Posts go over a few thousand at a time, so a store of any size fits in memory.
    @discardableResult
    public func copyPosts(to target: PostgresPostStore) throws -> Int {
        try target.copyIn { copy in try copyPosts(into: copy) }
    }

    /// Moves what this Muster's store file keeps of posts into `target`, an empty PostgreSQL store, in one
    /// transaction: the posts with their ids, handled marks and topic rows, who logged which, rumour statuses, the
    /// audit log, and forgotten authors with the salt their digests need. Each is counted on both sides before the
    /// transaction commits; any difference, or a target that holds anything already, changes nothing.
    /// - Returns: each table and how many rows it now holds on both sides.
    public func migrateStore(to target: PostgresPostStore) throws -> [(table: String, rows: Int)] {
        let tables = ["post", "post_topic"] + CopiedTable.beside.map(\.name)
        return try target.copyIn { copy in
            let held = try tables.map { ($0, try copy.count($0)) }.filter { $0.1 > 0 }
            guard held.isEmpty else {
                let list = held.map { "\($0.1.grouped) in \($0.0)" }.joined(separator: ", ")
                throw MusterError("the PostgreSQL store is not empty (\(list))", hint: "migrate into a new database (createdb), so nothing there is mixed with this store")
            }
            try copy.authorSalt(try store.authorSalt())
            try copyPosts(into: copy)
            for table in CopiedTable.beside {
                try copy.rows(try store.read(table.select(in: .sqlite), table.values(of:)), of: table)
            }
            return try tables.map { table in
                let here = try store.read(SQL(stringLiteral: "SELECT count(*) FROM \(table)")) { $0.int(0) }.first ?? 0
                let there = try copy.count(table)
                guard here == there else { throw MusterError("moving \(table): \(here.grouped) rows here, \(there.grouped) copied; nothing was kept") }
                return (table, there)
            }
        }
    }

    @discardableResult
    private func copyPosts(into copy: PostgresStoreCopy) throws -> Int {
        var last: Int64 = 0
        var copied = 0
        while true {
            let batch = try store.postsInOrder(after: last, limit: 5_000)
            guard let newest = batch.last?.id else { break }
            try copy.posts(batch, ingestedAt: clock.now)
            copied += batch.count
            last = newest
        }
        let stored = try copy.count("post")
        guard stored == copied, try store.totalPosts() == copied else {
            throw MusterError("copying posts to PostgreSQL: \(copied) read, \(stored) stored", hint: "the target store must start empty")
        }
        return copied
    }
}
