/// What an upsert did with the posts it was given.
public struct UpsertCounts: Sendable, Hashable {
    /// Posts the store had not seen.
    public var inserted = 0
    /// Posts seen before whose text was edited at their source: the new text is stored and read again.
    public var edited = 0
    /// Posts seen before whose engagement changed.
    public var updated = 0
    /// Posts seen before with nothing new.
    public var unchanged = 0
    /// Posts not stored because their author asked to be forgotten.
    public var withheld = 0
    /// Stored posts deleted because their source says they were deleted.
    public var removed = 0

    /// Creates counts.
    public init(inserted: Int = 0, edited: Int = 0, updated: Int = 0, unchanged: Int = 0, withheld: Int = 0, removed: Int = 0) {
        self.inserted = inserted
        self.edited = edited
        self.updated = updated
        self.unchanged = unchanged
        self.withheld = withheld
        self.removed = removed
    }

    /// Adds another batch's counts.
    public static func += (lhs: inout UpsertCounts, rhs: UpsertCounts) {
        lhs.inserted += rhs.inserted
        lhs.edited += rhs.edited
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
        lhs.withheld += rhs.withheld
        lhs.removed += rhs.removed
    }
}
