import MusterCore

/// "show me the posts" (ten at a time, "more" for the next ten) and "show me post 3" (one post in full): the posts
/// behind the last answer in this conversation.
struct ShowPostsSkill: Skill {
    let intent = "show_posts"
    static let pageSize = 10

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        guard let previous = turn.previous, let basis = previous.basis else {
            return Answer(reply: Reply(
                title: "There is nothing to show yet.",
                sections: [Reply.Section(nil, [.text("Ask a question first, e.g. “what are people saying about bins in Ward 4?”, then “show me the posts”.")])]
            ), basis: nil)
        }
        if let reference = turn.slots["post"] {
            return try onePost(reference, previous: previous, basis: basis, context: context)
        }
        var next = basis
        next.page = turn.slots["more"] == nil ? 0 : basis.page + 1
        let total = try context.store.aggregate(basis.query).count
        let offset = next.page * Self.pageSize
        let posts = try context.store.recentPosts(basis.query, limit: Self.pageSize, offset: offset)
        guard !posts.isEmpty else {
            let title = total == 0 ? "No posts behind “\(basis.title)”." : "That was all \(Wording.posts(total)) behind “\(basis.title)”."
            return Answer(reply: Reply(title: title), basis: next)
        }
        let items = posts.enumerated().map { index, post in
            Reply.Item.post(PostReference(post, number: offset + index + 1, local: context.local))
        }
        let shown = offset + posts.count
        return Answer(reply: Reply(
            title: "Posts \(offset + 1)–\(shown) of \(total.grouped), newest first: \(basis.title)",
            sections: [Reply.Section(nil, items)],
            footer: shown < total ? "Say “more” for the next \(min(Self.pageSize, total - shown)), or “show me post \(offset + 1)” for one in full." : nil
        ), basis: next)
    }

    private func onePost(_ reference: String, previous: ConversationState, basis: FollowUpBasis, context: SkillContext) throws -> Answer {
        guard let number = PostNumber.parse(reference, last: previous.posts.keys.max()), let id = previous.posts[number],
              let post = try context.store.posts(ids: [id]).first
        else {
            let range = previous.posts.keys.sorted()
            let known = range.isEmpty ? "The last answer listed no posts." : "The last answer numbered posts \(range.first!)–\(range.last!)."
            return Answer(reply: Reply(title: "I can't find “\(reference)” in the last answer.", sections: [Reply.Section(nil, [.text(known)])]), basis: basis)
        }
        let ward = post.area.flatMap(context.config.ward(named:))?.displayName ?? "not placed"
        let topics = post.topics.map(context.label(ofTopic:))
        var facts = [
            Reply.Fact("From", "\(post.source), \(post.author.kind.rawValue)"),
            Reply.Fact("Area", ward),
            Reply.Fact("Topics", topics.isEmpty ? "none" : topics.joined(separator: ", ")),
            Reply.Fact("Sentiment", "\(post.sentimentLabel.rawValue) (\(String(format: "%+.2f", post.sentiment)))"),
        ]
        if post.isQuestion { facts.append(Reply.Fact("Asks", "a question")) }
        if post.isClaim { facts.append(Reply.Fact("Claim", "passes on something unconfirmed")) }
        let reference = PostReference(post, number: number, local: context.local, full: true)
        return Answer(reply: Reply(title: "Post \(number)", facts: facts, sections: [Reply.Section(nil, [.post(reference)])]), basis: basis)
    }
}
