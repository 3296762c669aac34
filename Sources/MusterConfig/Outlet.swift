/// A media outlet whose posts and articles Muster monitors.
public struct Outlet: Sendable, Decodable, Hashable {
    /// The outlet's name ("Northbridge Gazette").
    public var name: String
    /// Its social-media handles.
    public var handles: [String]
    /// Other names staff call it by ("the Gazette", "NVR").
    public var aliases: [String]
    /// Its web site's host, for article links.
    public var site: String?
    /// An RSS or Atom feed to poll.
    public var feed: String?

    enum CodingKeys: String, CodingKey {
        case name, handles, aliases, site, feed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        handles = try container.decodeIfPresent([String].self, forKey: .handles) ?? []
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        site = try container.decodeIfPresent(String.self, forKey: .site)
        feed = try container.decodeIfPresent(String.self, forKey: .feed)
    }
}
