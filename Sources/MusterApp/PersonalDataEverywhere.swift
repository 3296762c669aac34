import Foundation
import MusterCore

/// Retention, erasure and subject access over every place Muster keeps personal data: with posts on PostgreSQL,
/// the posts, audit, outbox, deliveries and conversation places there, and the staff messages still in the store
/// file. A request is
/// carried out in each, and their counts and records are put together.
struct PersonalDataEverywhere: PersonalDataStore {
    let places: [any PersonalDataStore]

    func prune(_ cutoffs: RetentionCutoffs) throws -> PruneCounts {
        try places.reduce(PruneCounts()) { total, place in
            let part = try place.prune(cutoffs)
            return PruneCounts(
                posts: total.posts + part.posts, audit: total.audit + part.audit, misses: total.misses + part.misses,
                outbox: total.outbox + part.outbox, deliveries: total.deliveries + part.deliveries, places: total.places + part.places
            )
        }
    }

    /// Each place deletes the author's posts and remembers them, so that no place stores their posts again.
    func forgetAuthor(_ handle: String, source: String?, at time: Date) throws -> Int {
        try places.reduce(0) { $0 + (try $1.forgetAuthor(handle, source: source, at: time)) }
    }

    func exportAuthor(_ handle: String, source: String?) throws -> AuthorExport {
        let parts = try places.map { try $0.exportAuthor(handle, source: source) }
        var export = parts[0]
        for part in parts.dropFirst() {
            export.posts += part.posts
            export.mentions += part.mentions
        }
        return export
    }
}
