import Foundation

/// When one story's posts were made, oldest first, as the generator wrote them.
public struct DemoStoryTimeline: Sendable, Hashable {
    /// The story's name in the phrasebook.
    public let name: String
    /// Its posts' times, oldest first.
    public let times: [Date]
}
