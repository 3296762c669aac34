import MusterCore

/// What one ingest run did: counts, and each rejected record with its file, line and reason.
public struct IngestReport: Sendable {
    /// What the store did with the posts: new, edited, updated, unchanged, withheld, removed.
    public var counts = UpsertCounts()
    /// Records that did not make a post.
    public var rejected: [Rejection] = []

    /// Creates a report, empty unless given counts.
    public init(counts: UpsertCounts = UpsertCounts()) {
        self.counts = counts
    }

    /// Posts stored for the first time.
    public var inserted: Int { counts.inserted }
    /// Posts seen before whose engagement was refreshed.
    public var updated: Int { counts.updated }
    /// Posts seen before with nothing new.
    public var unchanged: Int { counts.unchanged }

    /// One line for the end of a run: "1,204 new, 1 edited, 3 updated, 0 unchanged, 2 rejected", with withheld and
    /// removed posts when there were any.
    public var summary: String {
        var parts = ["\(counts.inserted.grouped) new", "\(counts.edited.grouped) edited", "\(counts.updated.grouped) updated", "\(counts.unchanged.grouped) unchanged"]
        if counts.removed > 0 { parts.append("\(counts.removed.grouped) removed (deleted at source)") }
        if counts.withheld > 0 { parts.append("\(counts.withheld.grouped) withheld (their authors asked to be forgotten)") }
        parts.append("\(rejected.count.grouped) rejected")
        return parts.joined(separator: ", ")
    }

    /// Adds another file's report.
    public static func += (lhs: inout IngestReport, rhs: IngestReport) {
        lhs.counts += rhs.counts
        lhs.rejected += rhs.rejected
    }
}
