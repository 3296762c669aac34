import Foundation
import MusterCore

/// One store's records being written into another inside one transaction, as they are there: ids kept, so every
/// reference to a post (a chat message's "[2]", a logged post's provenance) still holds.
public protocol StoreCopy {
    /// Stores posts as they are in the other store, ids and handled marks kept, with their topic rows.
    func posts(_ posts: [Post], ingestedAt: Date) throws
    /// Stores rows of a table both stores keep in the same shape.
    func rows(_ rows: [[SQLValue]], of table: CopiedTable) throws
    /// Takes the other store's author salt, so the forgotten authors' digests copied from it still match.
    func authorSalt(_ salt: [UInt8]) throws
    /// How many rows `table` holds now, this transaction's included.
    func count(_ table: String) throws -> Int
}

/// A store that records can be copied from and into, whichever backend it is on.
public protocol StoreCopying: SQLPostReading {
    /// The store's secret salt for forgotten authors' digests (which a copy of the store takes with it).
    func authorSalt() throws -> [UInt8]
    /// Runs `body` as one transaction copying records into this store; when it throws, nothing it wrote is kept.
    func copyIn<T>(_ body: (any StoreCopy) throws -> T) throws -> T
}

/// Moving a store's posts and what is kept beside them to another backend, checked by counts.
public enum StoreMove {
    /// Copies everything `tables` names from `source` into `target` in one transaction of `target`'s, as `copy(from:salt:into:at:)`.
    public static func copy(from source: any StoreCopying, to target: any StoreCopying, at time: Date) throws -> [(table: String, rows: Int)] {
        try target.copyIn { try copy(from: source, salt: try source.authorSalt(), into: $0, at: time) }
    }

    /// The tables moved, in the order they are counted.
    public static let tables = ["post", "post_topic"] + CopiedTable.beside.map(\.name)

    /// Copies everything of `source` that `tables` names into `copy`'s transaction: the salt, the posts a few
    /// thousand at a time (so a store of any size fits in memory), then the side tables. Throws (and so leaves the
    /// target unchanged) when the target already holds any of it, or when any table's count differs afterwards.
    /// - Returns: each table and how many rows it holds on both sides.
    public static func copy(from source: any SQLPostReading, salt: [UInt8], into copy: any StoreCopy, at time: Date) throws -> [(table: String, rows: Int)] {
        let held = try tables.map { ($0, try copy.count($0)) }.filter { $0.1 > 0 }
        guard held.isEmpty else {
            let list = held.map { "\($0.1.grouped) in \($0.0)" }.joined(separator: ", ")
            throw MusterError("the store to copy into is not empty (\(list))", hint: "copy into a new database or store file, so nothing there is mixed with this store")
        }
        try copy.authorSalt(salt)
        try posts(from: source, into: copy, at: time)
        for table in CopiedTable.beside {
            try copy.rows(try source.read(table.select(in: source.dialect), table.values(of:)), of: table)
        }
        return try tables.map { table in
            let here = try source.read(SQL(stringLiteral: "SELECT count(*) FROM \(table)")) { $0.int(0) }.first ?? 0
            let there = try copy.count(table)
            guard here == there else { throw MusterError("copying \(table): \(here.grouped) rows in the store copied from, \(there.grouped) copied; nothing was kept") }
            return (table, there)
        }
    }

    /// Copies every post of `source` into `copy`, a few thousand at a time; returns how many.
    @discardableResult
    private static func posts(from source: any SQLPostReading, into copy: any StoreCopy, at time: Date) throws -> Int {
        var last: Int64 = 0
        var copied = 0
        while true {
            let batch = try source.postsInOrder(after: last, limit: 5_000)
            guard let newest = batch.last?.id else { break }
            try copy.posts(batch, ingestedAt: time)
            copied += batch.count
            last = newest
        }
        return copied
    }
}
