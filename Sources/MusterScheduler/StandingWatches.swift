import Foundation
import MusterConfig
import MusterCore

/// The config's standing watches as stored watches, each posting to its channel's own conversation
/// (`config:slack:C0NBINCIDENT`), added once and kept while the config names them.
struct StandingWatches {
    let entries: [SpeakingFirst.StandingWatch]

    init(_ entries: [SpeakingFirst.StandingWatch]) {
        self.entries = entries
    }

    /// The conversation a channel named in the config posts to.
    static func conversation(platform: ChatPlatform, channel: String) -> String {
        "config:\(platform.rawValue):\(channel)"
    }

    /// The platform and channel of a conversation named after a config channel, or `nil` for any other.
    static func channel(of conversation: String) -> (ChatPlatform, String)? {
        let parts = conversation.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "config", let platform = ChatPlatform(rawValue: parts[1]) else { return nil }
        return (platform, parts[2])
    }

    /// Adds the watches the store does not have yet.
    func ensure(in store: any WatchStore, at now: Date) throws {
        for entry in entries {
            let conversation = Self.conversation(platform: entry.platform, channel: entry.channel)
            let existing = try store.watches(in: conversation)
            let same = existing.contains {
                $0.kind == entry.kind && $0.topics == entry.topics && $0.areas == entry.areas && $0.text == entry.text && $0.setBy == "config"
            }
            guard !same else { continue }
            let label = (entry.topics + entry.areas + [entry.text].compactMap { $0 }).joined(separator: ", ")
            _ = try store.add(Watch(
                kind: entry.kind, topics: entry.topics, text: entry.text, areas: entry.areas, label: label.isEmpty ? "everything" : label,
                conversation: conversation, setBy: "config", sensitivity: entry.sensitivity, createdAt: now
            ))
        }
    }
}
