import Foundation
import MusterConfig
import MusterCore
import MusterIngest

/// Reads what a polled source answers into ingest records, and says which URL to ask next.
///
/// Pure functions of the answer: the poller fetches, this reads. So every shape a source can send is tested from a
/// fixture, without a server.
public enum SourceReader {
    /// Statuses asked of Mastodon per request: the most a server gives (`limit_param` caps at twice its default of
    /// 20). A full page means there is more to read.
    public static let mastodonPageSize = 40

    /// The URL of a poll's first request: the source's url plus the kind's parameters (Mastodon `limit=40`, and
    /// `min_id=<cursor>` when a cursor is known — the page just newer than the newest seen, where `since_id` would
    /// give the newest page and skip what lies between; Bluesky `sort=latest&limit=100`; a JSON API
    /// `<since_parameter>=<cursor>`), keeping the url's other query items.
    ///
    /// - Parameters:
    ///   - source: The source polled.
    ///   - cursor: The `newest` of the last poll's first page, when there was one.
    public static func firstURL(for source: Source, cursor: String?) -> String {
        var parameters: [(name: String, value: String)] = []
        switch source.kind {
        case .rss:
            break
        case .mastodon:
            parameters.append(("limit", "\(mastodonPageSize)"))
            if let cursor { parameters.append(("min_id", cursor)) }
        case .bluesky:
            parameters += [("sort", "latest"), ("limit", "100")]
        case .json:
            if let cursor, let since = source.mapping?.sinceParameter { parameters.append((since, cursor)) }
        }
        return parameters.isEmpty ? source.url : SourceURL.setting(parameters, in: source.url)
    }

    /// Reads one response body.
    ///
    /// - Parameters:
    ///   - source: The source that answered.
    ///   - body: The response body, as received (already decompressed, and capped by the HTTP client).
    ///   - link: The HTTP `Link` header, which Mastodon pages by.
    ///   - url: The URL requested: relative links are resolved against it, and the next page's URL built from it.
    /// - Returns: The records read, the items rejected, and the next page and cursor.
    /// - Throws: `MusterError` when the whole body is unreadable: malformed XML, not JSON, the wrong shape, or a feed
    ///   that declares XML entities.
    public static func page(of source: Source, body: Data, link: String?, url: String) throws -> SourcePage {
        switch source.kind {
        case .rss: try FeedReader(source: source, url: url).page(body)
        case .mastodon: try MastodonReader(source: source, url: url).page(body, link: link)
        case .bluesky: try BlueskyReader(source: source, url: url).page(body)
        case .json: try MappedJSONReader(source: source, url: url).page(body)
        }
    }
}
