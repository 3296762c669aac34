import Foundation
import MusterCore

/// The config's `speaking_first:` section: a morning digest to a channel, and watches a channel has whatever anyone
/// asks (a flood channel that always hears of flooding spikes).
///
/// ```yaml
/// speaking_first:
///   digest: {platform: slack, channel: C0NBCOMMS, at: "07:30"}
///   watches:
///     - {platform: slack, channel: C0NBINCIDENT, topics: [flooding], kind: spike}
/// ```
public struct SpeakingFirst: Sendable, Decodable, Hashable {
    /// Where and when the morning digest goes.
    public struct Digest: Sendable, Decodable, Hashable {
        /// The platform of the channel it goes to.
        public var platform: ChatPlatform
        /// The channel's id on that platform.
        public var channel: String
        /// The local time it is posted each day, as `HH:MM`.
        public var at: String

        /// Creates a digest setting.
        public init(platform: ChatPlatform, channel: String, at: String) {
            self.platform = platform
            self.channel = channel
            self.at = at
        }

        /// The hour and minute of `at`, or `nil` when it is not a 24-hour `HH:MM`.
        public var time: (hour: Int, minute: Int)? {
            let parts = at.split(separator: ":")
            guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute),
                  parts[1].count == 2
            else { return nil }
            return (hour, minute)
        }
    }

    /// A watch a channel always has.
    public struct StandingWatch: Sendable, Decodable, Hashable {
        /// The platform of the channel alerts go to.
        public var platform: ChatPlatform
        /// The channel's id.
        public var channel: String
        /// Taxonomy topics counted.
        public var topics: [String]
        /// Ward names counted.
        public var areas: [String]
        /// Free text every counted post contains.
        public var text: String?
        /// What it looks for.
        public var kind: Watch.Kind
        /// How readily it alerts.
        public var sensitivity: Watch.Sensitivity

        enum CodingKeys: String, CodingKey {
            case platform, channel, topics, areas, text, kind, sensitivity
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            platform = try c.decode(ChatPlatform.self, forKey: .platform)
            channel = try c.decode(String.self, forKey: .channel)
            topics = try c.decodeIfPresent([String].self, forKey: .topics) ?? []
            areas = try c.decodeIfPresent([String].self, forKey: .areas) ?? []
            text = try c.decodeIfPresent(String.self, forKey: .text)
            let kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? "spike"
            guard let parsed = Watch.Kind(rawValue: kind) else {
                throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "kind must be spike or rumours, not \"\(kind)\"")
            }
            self.kind = parsed
            let sensitivity = try c.decodeIfPresent(String.self, forKey: .sensitivity) ?? "normal"
            guard let level = Watch.Sensitivity(rawValue: sensitivity) else {
                throw DecodingError.dataCorruptedError(forKey: .sensitivity, in: c, debugDescription: "sensitivity must be low, normal or high, not \"\(sensitivity)\"")
            }
            self.sensitivity = level
        }
    }

    /// The morning digest, if one is set.
    public var digest: Digest?
    /// The channels' standing watches.
    public var watches: [StandingWatch]

    /// Nothing unasked.
    public static let none = SpeakingFirst(digest: nil, watches: [])

    /// Creates the section.
    public init(digest: Digest?, watches: [StandingWatch]) {
        self.digest = digest
        self.watches = watches
    }

    enum CodingKeys: String, CodingKey {
        case digest, watches
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        digest = try c.decodeIfPresent(Digest.self, forKey: .digest)
        watches = try c.decodeIfPresent([StandingWatch].self, forKey: .watches) ?? []
        if let digest, digest.time == nil {
            throw DecodingError.dataCorruptedError(forKey: .digest, in: c, debugDescription: "digest at \"\(digest.at)\" is not a 24-hour time such as 07:30")
        }
    }
}
