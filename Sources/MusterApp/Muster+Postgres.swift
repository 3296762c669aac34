import Foundation
import MusterCore
import MusterPostgres

extension Muster {
    /// Copies every post this Muster holds into `target`, an empty PostgreSQL post store, ids and handled marks
    /// kept; returns how many. Posts go over a few thousand at a time, so a store of any size fits in memory.
    @discardableResult
    public func copyPosts(to target: PostgresPostStore) throws -> Int {
        var last: Int64 = 0
        var copied = 0
        while true {
            let batch = try store.postsInOrder(after: last, limit: 5_000)
            guard let newest = batch.last?.id else { break }
            try target.copyIn(batch, ingestedAt: clock.now)
            copied += batch.count
            last = newest
        }
        let stored = try target.totalPosts()
        guard stored == copied, try store.totalPosts() == copied else {
            throw MusterError("copying posts to PostgreSQL: \(copied) read, \(stored) stored", hint: "the target store must start empty")
        }
        return copied
    }
}
