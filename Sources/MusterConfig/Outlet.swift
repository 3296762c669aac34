/// A media outlet whose posts and articles Muster monitors.
public struct Outlet: Sendable, Decodable, Hashable {
    /// The outlet's name ("Northbridge Gazette").
    public var name: String
    /// Its social-media handles.
    public var handles: [String]
    /// Its web site's host, for article links.
    public var site: String?
    /// An RSS or Atom feed to poll.
    public var feed: String?
}
