import MusterIngest

/// One page a source answered with, read into ingest records.
public struct SourcePage: Sendable {
    /// The items as records with ingest field names; `author_kind`, `outlet` and `source` come from the source.
    package var records: [RawRecord] = []
    /// Items that could not be read, with their line (feeds) or position (JSON) and the reason.
    public var rejected: [Rejection] = []
    /// The address of the next page, when the source pages and says there is one.
    public var next: String?
    /// The cursor to keep, so the next poll asks only for newer items (Mastodon's newest status id, a JSON API's
    /// newest id); `nil` for kinds that have none.
    public var newest: String?

    /// Items read.
    public var count: Int { records.count }

    /// A compact JSON text of `object`, for a record's `raw`.
    static func json(_ object: JSONObject) -> String {
        JSONText.text(.object(object))
    }
}
