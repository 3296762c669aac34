import Foundation

/// Who logged a post from chat, where and when: a post from somewhere no source reaches (a Facebook group, a
/// WhatsApp message, a phone call), typed in by staff with "log this: …".
public struct LoggedPost: Sendable, Hashable {
    /// The post's id in the store.
    public var postID: Int64
    /// The member of staff who logged it.
    public var loggedBy: String
    /// The chat platform it was logged from (`slack`, `teams`, `cli`, …).
    public var platform: String
    /// The channel it was logged in.
    public var channel: String
    /// When.
    public var loggedAt: Date

    /// Creates a provenance record.
    public init(postID: Int64, loggedBy: String, platform: String, channel: String, loggedAt: Date) {
        self.postID = postID
        self.loggedBy = loggedBy
        self.platform = platform
        self.channel = channel
        self.loggedAt = loggedAt
    }

    /// The source every logged post is stored under.
    public static let source = "forwarded"

    /// A speaker's place as platform and channel: "slack:C0NBCOMMS" → ("slack", "C0NBCOMMS"); a place with no
    /// platform (the command line) is both.
    public static func split(_ place: String) -> (platform: String, channel: String) {
        guard let colon = place.firstIndex(of: ":") else { return (place, place) }
        return (String(place[..<colon]), String(place[place.index(after: colon)...]))
    }
}

/// Posts staff logged from chat, with their provenance, beside the monitored ones.
public protocol LoggedPostStore: Sendable {
    /// Stores `post` (its source `forwarded`, enriched already) and who logged it, in one write; returns its id.
    func log(_ post: Post, by person: String, place: String, at time: Date) throws -> Int64
    /// Who logged the post with this id; `nil` when it was not logged by staff.
    func provenance(of postID: Int64) throws -> LoggedPost?
    /// Deletes a logged post; `false` when there is no logged post with this id (monitored posts are never removed
    /// this way).
    func removeLogged(_ postID: Int64) throws -> Bool
}
