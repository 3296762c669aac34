import Foundation
import MusterCore

/// A place Muster polls for posts by itself while it serves: a news feed, a social search, any JSON API. The config's
/// `sources:` section, plus one RSS source for each outlet with a `feed:`.
///
/// The credential is never in the config: `credential` names the environment variable that holds it.
public struct Source: Sendable, Hashable {
    /// How the source's answers are shaped.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// RSS 2.0, RSS 1.0 (RDF) or Atom 1.0; which one is read from the document.
        case rss
        /// A Mastodon timeline (`/api/v1/timelines/tag/:tag`, `/api/v1/timelines/public`): paged by its Link header,
        /// resumed with `since_id`.
        case mastodon
        /// Bluesky's `app.bsky.feed.searchPosts`: paged by `cursor`.
        case bluesky
        /// Any JSON API, read through `mapping`.
        case json
    }

    /// Its unique name, for `muster sources`, metrics and the store's cursor (letters, digits, `-` and `_`).
    public var name: String
    /// What staff call it ("the Gazette's feed").
    public var label: String
    /// Its shape.
    public var kind: Kind
    /// The address polled.
    public var url: String
    /// Seconds between polls.
    public var interval: TimeInterval
    /// Seconds one request may take before the poll counts as failed (`timeout:`, default 20 s), so a server that
    /// never finishes its answer costs one poll.
    public var timeout: TimeInterval
    /// The environment variable holding its token or app password, when it needs one.
    public var credential: String?
    /// For Bluesky, the account the app password belongs to (a handle or DID).
    public var identifier: String?
    /// Who writes its posts: an outlet's feed is media, a search is the public.
    public var authorKind: AuthorKind
    /// The outlet its posts belong to, for an outlet's feed.
    public var outlet: String?
    /// The `source` its posts are stored under (`news`, `mastodon`, `bluesky`, or the name for a JSON API).
    public var postSource: String
    /// How a JSON API's answer becomes posts; only for `.json`.
    public var mapping: SourceMapping?

    /// Creates a source.
    public init(
        name: String, label: String? = nil, kind: Kind, url: String, interval: TimeInterval = 300, timeout: TimeInterval = 20, credential: String? = nil,
        identifier: String? = nil, authorKind: AuthorKind? = nil, outlet: String? = nil, postSource: String? = nil,
        mapping: SourceMapping? = nil
    ) {
        self.name = name
        self.label = label ?? name
        self.kind = kind
        self.url = url
        self.interval = interval
        self.timeout = timeout
        self.credential = credential
        self.identifier = identifier
        self.authorKind = authorKind ?? (outlet == nil ? .public : .media)
        self.outlet = outlet
        self.postSource = postSource ?? Self.defaultPostSource(kind: kind, name: name)
        self.mapping = mapping
    }

    /// The `source` a kind's posts are stored under when the config says none.
    static func defaultPostSource(kind: Kind, name: String) -> String {
        switch kind {
        case .rss: "news"
        case .mastodon: "mastodon"
        case .bluesky: "bluesky"
        case .json: name.lowercased()
        }
    }
}

/// Where a JSON API's posts and cursor are in its answer, as dotted paths (`data`, `meta.next_token`,
/// `user.screen_name`); each post field takes Muster's ingest name (`id`, `text`, `created_at`, `author`, …).
public struct SourceMapping: Sendable, Hashable, Decodable {
    /// The path to the array of items; empty or missing when the answer is the array itself.
    public var items: String?
    /// Ingest field name → path inside one item. Fields not named here are read by the ingest aliases as usual.
    public var fields: [String: String]
    /// The path to the value that asks for the next page (a token or a URL), when the API pages.
    public var next: String?
    /// The query parameter that carries `next` on the following request (`pagination_token`, `after`); when missing,
    /// `next` is a whole URL.
    public var nextParameter: String?
    /// The query parameter that asks only for items newer than the newest seen (`since_id`), when the API has one.
    public var sinceParameter: String?

    /// Creates a mapping.
    public init(items: String? = nil, fields: [String: String] = [:], next: String? = nil, nextParameter: String? = nil, sinceParameter: String? = nil) {
        self.items = items
        self.fields = fields
        self.next = next
        self.nextParameter = nextParameter
        self.sinceParameter = sinceParameter
    }

    enum CodingKeys: String, CodingKey {
        case items, fields, next
        case nextParameter = "next_parameter", sinceParameter = "since_parameter"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent(String.self, forKey: .items)
        fields = try container.decodeIfPresent([String: String].self, forKey: .fields) ?? [:]
        next = try container.decodeIfPresent(String.self, forKey: .next)
        nextParameter = try container.decodeIfPresent(String.self, forKey: .nextParameter)
        sinceParameter = try container.decodeIfPresent(String.self, forKey: .sinceParameter)
    }
}
