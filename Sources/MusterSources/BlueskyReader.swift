import Foundation
import MusterConfig
import MusterCore
import MusterIngest

/// A page of Bluesky's `app.bsky.feed.searchPosts`: `{"posts": [...], "cursor": "..."}`.
struct BlueskyReader {
    let source: Source
    let url: String

    func page(_ body: Data) throws -> SourcePage {
        let value = try JSONValue.parsed(body, kind: "Bluesky")
        guard case .array(let posts)? = value.value(at: "posts") else {
            if let error = value.value(at: "error")?.text {
                let message = value.value(at: "message")?.text.map { ": \($0)" } ?? ""
                throw MusterError("Bluesky answered with an error: \(error)\(message)")
            }
            throw MusterError("the Bluesky answer has no list of posts")
        }
        var page = SourcePage()
        for (index, post) in posts.enumerated() {
            switch record(post, number: index + 1) {
            case .success(let record): page.records.append(record)
            case .failure(let error): page.rejected.append(Rejection(file: url, line: index + 1, reason: "post \(index + 1): \(error.message)"))
            }
        }
        // The search hands out a cursor even at the end; an empty page is the end.
        if let cursor = value.value(at: "cursor")?.text, !cursor.isEmpty, !posts.isEmpty {
            page.next = SourceURL.setting([("cursor", cursor)], in: url)
        }
        return page
    }

    private func record(_ post: JSONValue, number: Int) -> Result<RawRecord, MusterError> {
        guard case .object = post else { return .failure(MusterError("is not a JSON object")) }
        guard let uri = post.value(at: "uri")?.text else { return .failure(MusterError("has no uri")) }
        guard let text = post.value(at: "record.text")?.text, !text.isEmpty else { return .failure(MusterError("\(uri) has no text")) }
        let handle = post.value(at: "author.handle")?.text
        var fields = RecordFields()
        fields.set("id", uri)
        fields.stamp(source)
        fields.set("text", text)
        fields.set("created_at", post.value(at: "record.createdAt") ?? post.value(at: "indexedAt"))
        // at://did/app.bsky.feed.post/<rkey> is shown at bsky.app/profile/<handle>/post/<rkey>.
        if let profile = handle ?? post.value(at: "author.did")?.text, let rkey = uri.split(separator: "/").last, uri.hasPrefix("at://") {
            fields.set("url", "https://bsky.app/profile/\(profile)/post/\(rkey)")
        }
        fields.set("author", handle)
        fields.set("author_name", post.value(at: "author.displayName")?.text)
        fields.set("language", post.value(at: "record.langs.0")?.text)
        fields.set("likes", post.value(at: "likeCount"))
        fields.set("shares", post.value(at: "repostCount"))
        fields.set("replies", post.value(at: "replyCount"))
        fields.set("reply_to", post.value(at: "record.reply.parent.uri")?.text)
        fields.set("thread", post.value(at: "record.reply.root.uri")?.text)
        return .success(RawRecord(line: number, fields: fields.object, raw: post.jsonText))
    }
}
