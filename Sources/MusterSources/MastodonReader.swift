import Foundation
import MusterConfig
import MusterCore
import MusterIngest

/// A Mastodon timeline page (`/api/v1/timelines/tag/:tag`): a JSON array of statuses, paged by the Link header.
struct MastodonReader {
    let source: Source
    let url: String

    func page(_ body: Data, link: String?) throws -> SourcePage {
        let value = try JSONValue.parsed(body, kind: "Mastodon")
        guard case .array(let statuses) = value else {
            if case .string(let error)? = value.value(at: "error") {
                throw MusterError("Mastodon answered with an error: \(error)", hint: "A 401 means the server wants a token for this timeline: set the source's credential.")
            }
            throw MusterError("the Mastodon answer is not a list of statuses")
        }
        var page = SourcePage()
        var ids: [String] = []
        for (index, status) in statuses.enumerated() {
            // The timeline's own id, not a reblogged status's, is what `since_id` counts from.
            if let id = status.value(at: "id")?.text { ids.append(id) }
            switch record(status, number: index + 1) {
            case .success(let record): page.records.append(record)
            case .failure(let error): page.rejected.append(Rejection(file: url, line: index + 1, reason: "status \(index + 1): \(error.message)"))
            }
        }
        page.newest = SourceID.greatest(ids)
        // No Link header comes with an empty page; when one does, `next` is the older page.
        page.next = statuses.isEmpty ? nil : link.flatMap { SourceURL.link("next", in: $0, base: url) }
        return page
    }

    private func record(_ wrapper: JSONValue, number: Int) -> Result<RawRecord, MusterError> {
        guard case .object = wrapper else { return .failure(MusterError("is not a JSON object")) }
        // A reblog is the reblogged status, which is the post; the wrapper only says who boosted it.
        var status = wrapper
        if let reblog = wrapper.value(at: "reblog"), case .object = reblog { status = reblog }
        guard let id = status.value(at: "id")?.text else { return .failure(MusterError("has no id")) }
        let content = status.value(at: "content")?.text.map { HTMLText.plainText($0) } ?? ""
        let spoiler = status.value(at: "spoiler_text")?.text.map(HTMLText.collapsed) ?? ""
        // A content warning is what readers see first, and often says what the post is about.
        let text = [spoiler, content].filter { !$0.isEmpty }.joined(separator: "\n\n")
        guard !text.isEmpty else { return .failure(MusterError("\(id) has no text")) }
        var fields = RecordFields()
        fields.set("id", id)
        fields.stamp(source)
        fields.set("text", text)
        fields.set("created_at", status.value(at: "created_at"))
        fields.set("url", status.value(at: "url")?.text ?? status.value(at: "uri")?.text)
        fields.set("author", status.value(at: "account.acct")?.text)
        fields.set("author_name", status.value(at: "account.display_name")?.text)
        fields.set("language", status.value(at: "language")?.text)
        fields.set("likes", status.value(at: "favourites_count"))
        fields.set("shares", status.value(at: "reblogs_count"))
        fields.set("replies", status.value(at: "replies_count"))
        fields.set("reply_to", status.value(at: "in_reply_to_id")?.text)
        return .success(RawRecord(line: number, fields: fields.object, raw: wrapper.jsonText))
    }
}
