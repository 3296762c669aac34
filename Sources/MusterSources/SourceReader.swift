import Foundation
import MusterConfig
import MusterCore

/// What a poll asks each kind of source for, and how its answer is read.
public enum SourceReader {
    /// Statuses asked of Mastodon per request: its most.
    public static let mastodonPageSize = 40
    /// Posts asked of Bluesky's search per request: its most.
    public static let blueskyPageSize = 100

    /// The URL of a poll's first request: the source's url, keeping its own query, plus what the kind needs —
    /// Mastodon `limit=40` and `min_id=<cursor>` (the page just newer than the newest seen, so nothing is skipped),
    /// Bluesky `sort=latest&limit=100`, a JSON API its `since_parameter=<cursor>`.
    public static func firstURL(for source: Source, cursor: String?) -> String {
        var url = source.url
        func set(_ name: String, _ value: String, unlessGiven: Bool = false) {
            if unlessGiven, URLComponents(string: url)?.queryItems?.contains(where: { $0.name == name }) == true { return }
            url = QueryItems.setting(name, to: value, in: url)
        }
        switch source.kind {
        case .rss:
            break
        case .mastodon:
            set("limit", "\(mastodonPageSize)", unlessGiven: true)
            if let cursor { set("min_id", cursor) }
        case .bluesky:
            set("sort", "latest", unlessGiven: true)
            set("limit", "\(blueskyPageSize)", unlessGiven: true)
        case .json:
            if let cursor, let parameter = source.mapping?.sinceParameter { set(parameter, cursor) }
        }
        return url
    }

    /// Reads one answer. `link` is the HTTP `Link` header (Mastodon's paging); `url` the address asked, to build the
    /// next page's from a cursor.
    ///
    /// - Throws: `MusterError` when the answer as a whole cannot be read: malformed XML, a document declaring
    ///   entities, JSON of the wrong shape. Items that cannot be read are in the page's `rejected`.
    public static func page(of source: Source, body: Data, link: String?, url: String) throws -> SourcePage {
        switch source.kind {
        case .rss: try FeedReader.page(of: source, body: body)
        case .mastodon: try JSONReaders.mastodon(source, body: body, link: link)
        case .bluesky: try JSONReaders.bluesky(source, body: body, url: url)
        case .json: try JSONReaders.mapped(source, body: body, url: url)
        }
    }
}
