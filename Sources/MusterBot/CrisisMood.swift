import MusterCore

/// How the public feel during an incident: concern, anger, support and distress, counted from what their posts
/// are, rather than a negative/positive split that reads sympathy as praise and "smoke" as complaint.
struct CrisisMood: Sendable {
    let publicPosts: Int
    let counts: [PostKinds: Int]

    init(query: PostQuery, context: SkillContext) throws {
        var voices = query
        voices.withoutKinds = [.official, .report]
        (publicPosts, counts) = try context.store.kindCounts(voices)
    }

    /// "34% concern · 12% anger · 41% support · 3% distress (of 1,204 public posts)".
    var line: String {
        guard publicPosts > 0 else { return "no public posts to read" }
        let parts: [(String, PostKinds)] = [("concern", .concern), ("anger", .anger), ("support", .sympathy), ("distress", .distress)]
        let shares = parts.map { name, kind in "\(Int((Double(counts[kind] ?? 0) / Double(publicPosts) * 100).rounded()))% \(name)" }
        return shares.joined(separator: " · ") + " (of \(Wording.posts(publicPosts)) from the public)"
    }
}
