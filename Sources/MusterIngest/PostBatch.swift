import MusterCore

/// Posts made ready for the store together: mapped and enriched, with the records rejected on the way, in line order.
struct PostBatch: Sendable {
    var posts: [Post] = []
    var rejected: [Rejection] = []
    /// Posts the input says were deleted at their source, as (source, external id).
    var deletions: [(source: String, externalID: String)] = []
    /// How many posts the whole input will make, estimated from how much of it has been read.
    var estimatedTotal = 0
    /// Whether this is the input's last batch.
    var isLast = false
}

extension PostBatch {
    /// Writes the batch's posts and deletions through `upsert` and `remove`, inside the caller's transaction.
    func write(
        upsert: ([Post]) throws -> UpsertCounts, remove: ([(source: String, externalID: String)]) throws -> Int
    ) throws -> UpsertCounts {
        var counts = posts.isEmpty ? UpsertCounts() : try upsert(posts)
        if !deletions.isEmpty { counts.removed += try remove(deletions) }
        return counts
    }
}
