import Foundation

/// Where posts are written inside one transaction: an upsert and deletions at the source.
public protocol PostSink {
    /// Stores `posts` (new ones inserted, known ones refreshed) and says what it did.
    func upsert(_ posts: [Post], ingestedAt: Date) throws -> UpsertCounts
    /// Deletes the posts their sources say were deleted; returns how many went.
    func removeAtSource(_ keys: [(source: String, externalID: String)]) throws -> Int
}

/// What ingest needs of a store: its reads and audit (`PostStore`), and transactions that write posts. Ingest
/// reaches the store only through this, so another backend can take its place.
public protocol PostWriting: PostStore {
    /// How many posts the store holds (an empty store takes a file as one bulk load).
    func totalPosts() throws -> Int
    /// Runs `body` in one write transaction; anything it audits through the store commits with it.
    func writePosts<T>(_ body: (any PostSink) throws -> T) throws -> T
    /// Runs `body` as one bulk load into an empty store, the fastest way in.
    func loadInBulk<T>(_ body: (any PostSink) throws -> T) throws -> T
    /// Lets any writer waiting for the store (a chat answer's audit row) go before the next step.
    func yieldToWaitingWriters()
}
