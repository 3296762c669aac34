import Foundation
import MusterConfig
import MusterCore
import MusterIngest

/// How a piece of feed text is written: Atom's `type` attribute, or what RSS implies for the element.
enum FeedTextType {
    /// Plain text: only its whitespace is collapsed.
    case text
    /// HTML (escaped, or in CDATA): tags are stripped and references decoded.
    case html
    /// Atom XHTML: the words of a nested `div`, already collected as text.
    case xhtml

    /// The type an Atom `type` attribute names (`text`, `html`, `xhtml`, or a MIME type), `fallback` when there is none.
    init(attribute: String?, fallback: FeedTextType) {
        switch attribute?.lowercased() {
        case nil: self = fallback
        case "html", "text/html": self = .html
        case "xhtml", "application/xhtml+xml": self = .xhtml
        default: self = .text
        }
    }
}

/// One feed text and how it is written.
struct FeedText {
    var value: String
    var type: FeedTextType

    /// The text as words, at most `limit` characters.
    func plain(limit: Int = .max) -> String {
        switch type {
        case .html: HTMLText.plainText(value, limit: limit)
        case .text, .xhtml: HTMLText.collapsed(value)
        }
    }
}

/// An item (RSS) or entry (Atom) as read so far; becomes a record when it ends.
struct FeedItem {
    /// The line its start tag is on, and its position among the feed's items.
    var line: Int
    var number: Int

    var about: String?
    var guid: String?
    var guidIsPermaLink = true
    var atomID: String?
    var link: String?
    var atomLinks: [(rel: String?, type: String?, href: String)] = []
    var title: FeedText?
    var description: FeedText?
    var encodedContent: FeedText?
    var summary: FeedText?
    var content: FeedText?
    var mediaTitle: FeedText?
    var mediaDescription: FeedText?
    var pubDate: String?
    var dcDate: String?
    var published: String?
    var updated: String?
    var creator: String?
    var rssAuthor: String?
    var atomAuthor: String?

    /// The longest text a feed post keeps: a headline and its first paragraphs are what a comms team reads, and a whole
    /// article pasted into `content:encoded` would crowd every answer that quotes it.
    static let maximumTextLength = 4_000

    /// The page the item is on: the alternate link (Atom: `rel="alternate"` or no `rel`, HTML first), else the link, else
    /// a guid that is a permalink.
    var url: String? {
        let alternates = atomLinks.filter { $0.rel == nil || $0.rel == "alternate" }
        if let atom = alternates.first(where: { $0.type?.lowercased().contains("html") ?? false }) ?? alternates.first { return atom.href }
        if let link = link?.trimmed.nilIfEmpty { return link }
        if guidIsPermaLink, let guid, guid.hasPrefix("http://") || guid.hasPrefix("https://") { return guid }
        return nil
    }

    /// The record this item makes, or why it makes none. `author` is the feed's author (or outlet, or title), for items
    /// that name none; `base` resolves relative links.
    func record(source: Source, base: String, language: String?, defaultAuthor: String?) -> Result<RawRecord, MusterError> {
        let url = self.url.map { SourceURL.resolved($0, against: base) }
        guard let id = (guid ?? atomID ?? about)?.trimmed.nilIfEmpty ?? url else {
            return .failure(MusterError("no id (no guid, id, rdf:about or link)"))
        }
        let title = (self.title ?? mediaTitle).map { $0.plain() } ?? ""
        let body = (encodedContent ?? content ?? description ?? summary ?? mediaDescription).map { $0.plain(limit: Self.maximumTextLength + 1) } ?? ""
        let text = Self.capped([title, body == title ? "" : body].filter { !$0.isEmpty }.joined(separator: "\n\n"))
        guard !text.isEmpty else { return .failure(MusterError("\(id): no title or text")) }
        // A news item is news even undated by pubDate: Atom's `updated` and RSS's `dc:date` stand in.
        guard let dateText = (pubDate ?? published ?? dcDate ?? updated)?.trimmed.nilIfEmpty else {
            return .failure(MusterError("\(id): no date (no pubDate, published, dc:date or updated)"))
        }
        guard let date = FeedDate.date(from: dateText) else {
            return .failure(MusterError("\(id): the date \"\(dateText)\" is not a time Muster can read"))
        }
        var fields = RecordFields()
        fields.set("id", id)
        fields.stamp(source)
        fields.set("text", text)
        fields.set("created_at", FeedDate.iso8601(date))
        fields.set("url", url)
        fields.set("author", (creator ?? rssAuthor.map(Self.authorName) ?? atomAuthor)?.trimmed.nilIfEmpty ?? defaultAuthor)
        fields.set("language", language)
        var raw = RecordFields()
        raw.set("id", id)
        raw.set("title", title)
        raw.set("link", url)
        raw.set("date", dateText)
        return .success(RawRecord(line: line, fields: fields.object, raw: JSONValue.object(raw.object).jsonText))
    }

    /// The name in RSS's `author` ("j.reporter@gazette.example (J. Reporter)"), or the whole of it.
    static func authorName(_ author: String) -> String {
        if let open = author.firstIndex(of: "("), let close = author.lastIndex(of: ")"), open < close {
            let name = author[author.index(after: open)..<close].trimmed
            if !name.isEmpty { return name }
        }
        return author
    }

    /// `text` cut to the maximum length at a word boundary, with "…" to show it was cut.
    static func capped(_ text: String) -> String {
        guard text.count > maximumTextLength else { return text }
        let head = text.prefix(maximumTextLength - 1)
        let cut = head.lastIndex(where: \.isWhitespace).flatMap { head.distance(from: head.startIndex, to: $0) > maximumTextLength / 2 ? $0 : nil } ?? head.endIndex
        return head[..<cut].trimmed + "…"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
