import MusterIngest

/// One page a source answered with, read into ingest records.
///
/// The records name their fields with ingest's names (`id`, `text`, `created_at`, `author`, …), so they become posts
/// through `FieldMapping` and enrichment exactly as a file given to `muster ingest` does.
public struct SourcePage: Sendable {
    /// The items read, with `author_kind`, `outlet` and `source` filled from the source.
    package var records: [RawRecord]
    /// The items that could not be read, each with its line (feeds) or position (JSON) and the reason.
    public var rejected: [Rejection]
    /// The absolute URL of the next (older) page, when the source pages and says so.
    public var next: String?
    /// The cursor to remember so that the next poll asks only for newer items (Mastodon: the highest status id; a JSON
    /// API with a `since_parameter`: the greatest id); `nil` where the kind has none or the page was empty.
    public var newest: String?

    /// How many items were read.
    public var count: Int { records.count }

    package init(records: [RawRecord] = [], rejected: [Rejection] = [], next: String? = nil, newest: String? = nil) {
        self.records = records
        self.rejected = rejected
        self.next = next
        self.newest = newest
    }
}
