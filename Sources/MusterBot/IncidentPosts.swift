import MusterCore
import MusterText

/// The posts about an incident that its rumours, death tolls and appeals are read from — claims, casualty figures
/// and appeals, in no official voice — fetched once per answer: each was a scan of the incident's posts of its own.
struct IncidentPosts: Sendable {
    /// Posts read, the newest first; counts elsewhere stay exact.
    static let sample = 3_000

    /// The posts, newest first.
    let posts: [Post]

    init(query: PostQuery, context: SkillContext) throws {
        var wanted = query
        wanted.kinds = [.claim, .figure, .appeal]
        wanted.withoutKinds = .official
        posts = try context.store.recentPosts(wanted, limit: Self.sample, offset: 0)
    }

    /// Unconfirmed assertions in the public's own voice.
    var claims: [Post] { posts.filter(\.isClaim) }
    /// Posts that state a casualty figure.
    var figures: [Post] { posts.filter { $0.kinds.contains(.figure) } }
    /// Appeals people pass on.
    var appeals: [Post] { posts.filter { $0.kinds.contains(.appeal) } }
}
