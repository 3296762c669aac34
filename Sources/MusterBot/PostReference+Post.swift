import MusterCore

extension PostReference {
    /// The longest a post's text is shown in an answer, in characters.
    static let textLimit = 160

    init(_ post: Post, number: Int, local: LocalTime, note: String? = nil, full: Bool = false) {
        let flat = post.text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let text = full || flat.count <= Self.textLimit ? flat : String(flat.prefix(Self.textLimit - 1)) + "…"
        let author = post.author.kind == .media ? (post.outlet ?? "@\(post.author.handle)") : "@\(post.author.handle)"
        self.init(
            number: number, author: author, text: text, time: local.dayAndTime(post.createdAt),
            engagement: Self.engagement(post.engagement), url: post.url, note: note, postID: post.id
        )
    }

    /// "45 likes · 12 shares · 3 replies", leaving out zeros; `nil` when all are zero.
    private static func engagement(_ engagement: Engagement) -> String? {
        let parts = [(engagement.likes, "like"), (engagement.shares, "share"), (engagement.replies, "reply")]
            .filter { $0.0 > 0 }
            .map { count, noun in "\(count.grouped) \(count == 1 ? noun : noun == "reply" ? "replies" : noun + "s")" }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
