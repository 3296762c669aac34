/// What an upsert did with the posts it was given.
public struct UpsertCounts: Sendable, Hashable {
    /// Posts the store had not seen.
    public var inserted = 0
    /// Posts seen before whose engagement changed.
    public var updated = 0
    /// Posts seen before with nothing new.
    public var unchanged = 0

    /// Creates counts.
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    /// Adds another batch's counts.
    public static func += (lhs: inout UpsertCounts, rhs: UpsertCounts) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
    }
}
