import MusterCore

/// What one ingest run did: counts, and each rejected record with its file, line and reason.
public struct IngestReport: Sendable {
    /// Posts stored for the first time.
    public var inserted = 0
    /// Posts seen before whose engagement was refreshed.
    public var updated = 0
    /// Posts seen before with nothing new.
    public var unchanged = 0
    /// Records that did not make a post.
    public var rejected: [Rejection] = []

    /// Creates an empty report.
    public init() {}

    /// One line for the end of a run: "1,204 new, 3 updated, 0 unchanged, 2 rejected".
    public var summary: String {
        "\(inserted.grouped) new, \(updated.grouped) updated, \(unchanged.grouped) unchanged, \(rejected.count.grouped) rejected"
    }

    /// Adds another file's report.
    public static func += (lhs: inout IngestReport, rhs: IngestReport) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
        lhs.rejected += rhs.rejected
    }
}
